"""a check-out per person: visit_people.checked_out_at, filled from closed visits

One member of a visit can leave before the others; the visit is out when all its members
are. The people of visits already checked out left with their visit.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 02:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visit_people") as batch_op:
        batch_op.add_column(sa.Column("checked_out_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE visit_people SET checked_out_at = ("
        " SELECT visits.checked_out_at FROM visits WHERE visits.id = visit_people.visit_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("visit_people") as batch_op:
        batch_op.drop_column("checked_out_at")
