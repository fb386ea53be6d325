"""Alembic environment: run against the connection handed in by ``db.migrate``."""

from alembic import context

from bgfuture_desk.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for a developer's `alembic` command line
    from bgfuture_desk.db.engine import engine_for

    connection = engine_for(config.get_main_option("sqlalchemy.url")).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
