"""drop the search keys of families and people: never read, and a copy of each name

The desk searches an index it builds in memory from the names themselves; the stored keys
only doubled the personal data (an erased name would have lived on in its key).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 13:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("families", "people"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("search_key")


def downgrade() -> None:
    for table in ("people", "families"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("search_key", sa.Text(), nullable=False, server_default="")
            )
