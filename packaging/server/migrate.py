#!/usr/bin/env python3
"""Bring the sync server's database to the newest schema, then exit.

    FIELDSALES_SERVER_DB=postgresql+psycopg://... fieldsales-migrate

Run it once per deploy, BEFORE the workers start (the systemd unit's ExecStartPre, the
container's entrypoint). Every worker also checks the schema when it starts, but several
workers upgrading a fresh database at the same moment would race each other; one migration
step first makes their checks no-ops. Exit status 0 when the schema is at head.

WORKAROUND: ``fieldsales-server`` has no ``migrate`` subcommand yet; when it gets one, this
script becomes ``fieldsales-server migrate``.
"""

from __future__ import annotations

import os
import sys

from sync.server.settings import Settings
from sync.server.store import Store


def main() -> int:
    url = os.environ.get("FIELDSALES_SERVER_DB", "")
    if not url:
        sys.stderr.write("error: set FIELDSALES_SERVER_DB to the server database URL\n")
        return 2
    store = Store(Settings(db_url=url))
    try:
        store.migrate()
    finally:
        store.dispose()
    sys.stdout.write("server database is at the newest schema\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
