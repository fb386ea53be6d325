"""search keys: a folded Cyrillic/Latin key on families and people

The columns were never read (the desk's search index is built in memory) and revision 0005
drops them again, so they are added empty here: a migration imports no live code, whose
rules may change after it is released.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:15:48
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("families", "people"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("search_key", sa.Text(), nullable=False, server_default="")
            )


def downgrade() -> None:
    for table in ("people", "families"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("search_key")
