"""Alembic environment for the sync server; run programmatically by sync.server.store."""

from __future__ import annotations

from alembic import context

from sync.server.tables import metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("server migrations run only through sync.server.store")
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
