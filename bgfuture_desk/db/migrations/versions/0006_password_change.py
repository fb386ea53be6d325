"""a password to change at first login: users.must_change_password

The first administrator's password (typed into ``init``) and a password an administrator
sets for somebody else are known to more than their owner; the owner changes them at the
next login. Accounts already in use keep their passwords.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 13:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("must_change_password")
