"""``fieldsales-server``: run the sync server and administer it.

    fieldsales-server [run] [--host 127.0.0.1] [--port 8765] [--db URL] [--workers N]
    fieldsales-server user add --name NAME --role rep|manager|admin [--team T] [--rep-code C]
    fieldsales-server user revoke --name NAME
    fieldsales-server assign --customer ID --to USER
    fieldsales-server import-catalog FILE.xlsx|FILE.csv
    fieldsales-server seed-demo --reps K --customers N

Passwords are read from standard input (first line), never from the command line. ``--db``
defaults to ``$FIELDSALES_SERVER_DB`` or ``sqlite:///fieldsales-server.db``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from sync.server import admin
from sync.server.settings import Settings
from sync.server.store import Store

DEFAULT_DB = "sqlite:///fieldsales-server.db"


def _say(*parts: object, file: TextIO | None = None) -> None:
    """Command-line output (stdout unless ``file`` is given)."""
    (file or sys.stdout).write(" ".join(str(p) for p in parts) + "\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fieldsales-server",
                                     description="FieldSales sync server")
    parser.add_argument("--db", default=os.environ.get("FIELDSALES_SERVER_DB", DEFAULT_DB),
                        help="SQLAlchemy URL (sqlite:///file.db or postgresql+psycopg://…)")
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="serve the API (default)")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8765)
    run.add_argument("--workers", type=int, default=1)
    run.add_argument("--db", dest="db_run", default=None)
    user = sub.add_parser("user", help="manage users")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=admin.ROLES)
    add.add_argument("--team")
    add.add_argument("--rep-code")
    revoke = user_sub.add_parser("revoke")
    revoke.add_argument("--name", required=True)
    assign = sub.add_parser("assign", help="reassign a customer")
    assign.add_argument("--customer", required=True)
    assign.add_argument("--to", required=True)
    imp = sub.add_parser("import-catalog", help="import products from .xlsx or .csv")
    imp.add_argument("file", type=Path)
    seed = sub.add_parser("seed-demo", help="create demo reps and customers")
    seed.add_argument("--reps", type=int, default=3)
    seed.add_argument("--customers", type=int, default=100)
    return parser


def _store(url: str) -> Store:
    store = Store(Settings(db_url=url))
    store.migrate()
    return store


def _run(url: str, host: str, port: int, workers: int) -> int:
    import uvicorn

    from sync.server import logs

    logs.configure()
    if workers > 1:
        os.environ["FIELDSALES_SERVER_DB"] = url
        uvicorn.run("sync.server.cli:asgi_app", host=host, port=port, workers=workers,
                    factory=True, access_log=False, log_config=None)
        return 0
    from sync.server.app import create_app

    uvicorn.run(create_app(Settings(db_url=url)), host=host, port=port, access_log=False,
                log_config=None)
    return 0


def asgi_app() -> object:
    """Factory for multi-worker uvicorn (each worker builds its own app)."""
    from sync.server.app import create_app

    return create_app(Settings(db_url=os.environ.get("FIELDSALES_SERVER_DB", DEFAULT_DB)))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command in (None, "run"):
            url = getattr(args, "db_run", None) or args.db
            return _run(url, getattr(args, "host", "127.0.0.1"),
                        getattr(args, "port", 8765), getattr(args, "workers", 1))
        store = _store(args.db)
        try:
            if args.command == "user" and args.user_command == "add":
                password = sys.stdin.readline().rstrip("\r\n")
                user_id = admin.add_user(store, args.name, password, args.role,
                                         team=args.team, rep_code=args.rep_code)
                _say(user_id)
            elif args.command == "user":
                _say(f"revoked {admin.revoke_user(store, args.name)} token(s)")
            elif args.command == "assign":
                admin.assign(store, args.customer, args.to)
                _say("assigned")
            elif args.command == "import-catalog":
                from sync.server.catalog_import import import_catalog

                _say(f"imported {import_catalog(store, args.file)} product(s)")
            elif args.command == "seed-demo":
                from sync.server.seed import seed_demo

                _say(seed_demo(store, args.reps, args.customers))
        finally:
            store.dispose()
    except admin.AdminError as exc:
        _say(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
