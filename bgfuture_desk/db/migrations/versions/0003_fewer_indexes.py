"""fewer indexes: none on house_id and updated_at of the travelling records

Nothing looks rows up by them — the merge of a consolidation joins by id, a house file
holds one house — while every index is built again for each record a consolidation
brings and travels in every export.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 20:30:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = (
    "attendances", "audit_events", "consent_forms", "consents", "enrolments", "export_logs",
    "families", "groups", "institutions", "loan_reminders", "loans", "people", "programmes",
    "referrals", "reservations", "sessions", "specialists", "toys", "users", "visit_people",
    "visit_purposes", "visits",
)  # fmt: skip
COLUMNS = ("house_id", "updated_at")


def upgrade() -> None:
    for table in TABLES:
        for column in COLUMNS:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_{column}")


def downgrade() -> None:
    for table in TABLES:
        for column in COLUMNS:
            op.create_index(f"ix_{table}_{column}", table, [column], unique=False)
