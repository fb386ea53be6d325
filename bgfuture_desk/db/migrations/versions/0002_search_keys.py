"""search keys: a folded Cyrillic/Latin key on families and people, filled for old rows

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:15:48
"""

import sqlalchemy as sa
from alembic import op

from bgfuture_desk.domain.names import search_key

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
    conn = op.get_bind()
    people = conn.execute(
        sa.text("SELECT id, first_name, middle_name, last_name FROM people")
    ).all()
    for pid, first, middle, last in people:
        conn.execute(
            sa.text("UPDATE people SET search_key = :key WHERE id = :id"),
            {"key": search_key(first, middle, last), "id": pid},
        )
    families = conn.execute(sa.text("SELECT id, code, settlement FROM families")).all()
    for fid, code, settlement in families:
        conn.execute(
            sa.text("UPDATE families SET search_key = :key WHERE id = :id"),
            {"key": search_key(code, settlement), "id": fid},
        )


def downgrade() -> None:
    for table in ("people", "families"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("search_key")
