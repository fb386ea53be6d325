"""the consolidated database's import log: import_logs

Which house export (house, month) a consolidation imported and when, so that a report over a
month can say which houses are missing instead of showing a low number as if it were true.
A house file keeps the table empty.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 15:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_logs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("house_id", sa.Uuid(), nullable=False),
        sa.Column("house_code", sa.String(length=32), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["house_id"], ["houses.id"], name=op.f("fk_import_logs_house_id_houses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_logs")),
    )


def downgrade() -> None:
    op.drop_table("import_logs")
