"""``fieldsales-server``: run the sync server and administer it.

    fieldsales-server [run] [--host 127.0.0.1] [--port 8765] [--db URL] [--workers N]
    fieldsales-server user add --name NAME --role rep|manager|admin [--team T] [--rep-code C]
    fieldsales-server user revoke --name NAME      (every laptop of NAME wipes at next sync)
    fieldsales-server user disable --name NAME     (no more sign-ins, and wipe)
    fieldsales-server device list [--user NAME]
    fieldsales-server device revoke --id CLIENT_ID (that laptop wipes at its next sync)
    fieldsales-server policy set --role rep [--max-discount 15] [--max-total 1000000]
                                 [--every-quote yes|no]
    fieldsales-server policy show --role rep
    fieldsales-server pool show --team T
    fieldsales-server pool set --team T [--no-follow-up-days 30|off] [--daily-claim-limit 5]
                               [--cool-down 24] …        (durations in hours)
    fieldsales-server pool recycle                 (return due customers to the pool now)
    fieldsales-server audit [--limit 100] [--action login_failed]
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
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from sync.server import admin, audit
from sync.server.pool import PoolError
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
    run.add_argument("--threads", type=int, default=Settings.worker_threads,
                     help="handler threads per worker process")
    run.add_argument("--db", dest="db_run", default=None)
    sub.add_parser("migrate", help="bring the database schema up to date and exit (run once "
                                   "per deploy, before starting several workers)")
    user = sub.add_parser("user", help="manage users")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=admin.ROLES)
    add.add_argument("--team")
    add.add_argument("--rep-code")
    revoke = user_sub.add_parser("revoke")
    revoke.add_argument("--name", required=True)
    disable = user_sub.add_parser("disable")
    disable.add_argument("--name", required=True)
    device = sub.add_parser("device", help="registered laptops")
    device_sub = device.add_subparsers(dest="device_command", required=True)
    device_list = device_sub.add_parser("list")
    device_list.add_argument("--user")
    device_revoke = device_sub.add_parser("revoke")
    device_revoke.add_argument("--id", required=True, dest="client_id")
    pol = sub.add_parser("policy", help="quote approval policy per role")
    pol_sub = pol.add_subparsers(dest="policy_command", required=True)
    pol_set = pol_sub.add_parser("set")
    pol_set.add_argument("--role", required=True, choices=admin.ROLES)
    pol_set.add_argument("--max-discount", type=Decimal, help="percent, e.g. 15")
    pol_set.add_argument("--max-total", type=Decimal, help="grand total, e.g. 1000000")
    pol_set.add_argument("--every-quote", choices=("yes", "no"))
    pol_show = pol_sub.add_parser("show")
    pol_show.add_argument("--role", required=True, choices=admin.ROLES)
    _pool_parser(sub)
    aud = sub.add_parser("audit", help="print the audit log")
    aud.add_argument("--limit", type=int, default=100)
    aud.add_argument("--action", choices=audit.ACTIONS)
    assign = sub.add_parser("assign", help="reassign a customer")
    assign.add_argument("--customer", required=True)
    assign.add_argument("--to", required=True)
    move = sub.add_parser("transfer", help="move every customer of one user to another "
                                           "(their recycle clocks start again)")
    move.add_argument("--from", dest="from_user", required=True)
    move.add_argument("--to", required=True)
    imp = sub.add_parser("import-catalog", help="import products from .xlsx or .csv")
    imp.add_argument("file", type=Path)
    seed = sub.add_parser("seed-demo", help="create demo reps and customers")
    seed.add_argument("--reps", type=int, default=3)
    seed.add_argument("--customers", type=int, default=100)
    return parser


def _pool_parser(sub: Any) -> None:
    """``pool show|set|recycle``: the shared pool's parameters per team, and recycling."""
    from app.pool import SETTING_NAMES

    pool = sub.add_parser("pool", help="the shared customer pool (公海)")
    pool_sub = pool.add_subparsers(dest="pool_command", required=True)
    show = pool_sub.add_parser("show")
    show.add_argument("--team", required=True)
    pool_set = pool_sub.add_parser("set")
    pool_set.add_argument("--team", required=True)
    for name in SETTING_NAMES:
        pool_set.add_argument("--" + name.replace("_", "-"), dest=f"pool_{name}",
                              metavar="VALUE")
    pool_sub.add_parser("recycle")


def _pool(store: Store, args: argparse.Namespace) -> None:
    from app.pool import SETTING_NAMES
    from sync.server import pool

    if args.pool_command == "recycle":
        moved = pool.recycle(store)
        for item in moved:
            _say(item.customer_id, item.owner, item.reason.value, item.deadline.isoformat())
        _say(f"recycled {len(moved)} customer(s)")
        return
    if args.pool_command == "set":
        values = {name: getattr(args, f"pool_{name}") for name in SETTING_NAMES
                  if getattr(args, f"pool_{name}") is not None}
        settings = pool.set_settings(store, args.team, values)
    else:
        settings = pool.show_settings(store, args.team)
    for line in pool.settings_lines(settings):
        _say(line)


def _store(url: str) -> Store:
    store = Store(Settings(db_url=url))
    store.migrate()
    return store


def _run(url: str, host: str, port: int, workers: int, threads: int) -> int:
    import uvicorn

    from sync.server import logs

    logs.configure()
    if workers > 1:
        os.environ["FIELDSALES_SERVER_DB"] = url
        os.environ["FIELDSALES_SERVER_THREADS"] = str(threads)
        uvicorn.run("sync.server.cli:asgi_app", host=host, port=port, workers=workers,
                    factory=True, access_log=False, log_config=None)
        return 0
    from sync.server.app import create_app

    uvicorn.run(create_app(Settings(db_url=url, worker_threads=threads)), host=host, port=port,
                access_log=False, log_config=None)
    return 0


def asgi_app() -> object:
    """Factory for multi-worker uvicorn (each worker builds its own app)."""
    from sync.server.app import create_app

    threads = int(os.environ.get("FIELDSALES_SERVER_THREADS", Settings.worker_threads))
    return create_app(Settings(db_url=os.environ.get("FIELDSALES_SERVER_DB", DEFAULT_DB),
                               worker_threads=threads))


def _more(store: Store, args: argparse.Namespace) -> None:
    """device, policy and audit subcommands."""
    if args.command == "device" and args.device_command == "list":
        for d in admin.devices(store, args.user):
            state = f"revoked {d.revoked_at:%Y-%m-%d %H:%M}" if d.revoked_at else "active"
            seen = f"{d.last_seen_at:%Y-%m-%d %H:%M}" if d.last_seen_at else "-"
            _say(d.client_id, d.username, d.device_name or "-", f"seen {seen}",
                 d.app_version or "-", state)
    elif args.command == "device":
        _say(f"revoked device; {admin.revoke_device(store, args.client_id)} token(s)")
    elif args.command == "policy" and args.policy_command == "set":
        every = None if args.every_quote is None else args.every_quote == "yes"
        admin.set_policy(store, args.role, max_discount=args.max_discount,
                         max_total=args.max_total, every_quote=every)
        _say(_policy_line(store, args.role))
    elif args.command == "policy":
        _say(_policy_line(store, args.role))
    else:
        with store.read() as conn:
            for entry in audit.entries(conn, limit=args.limit, action=args.action):
                _say(audit.format_entry(entry))


def _policy_line(store: Store, role: str) -> str:
    pol = admin.show_policy(store, role)
    every = "yes" if pol.every_quote else "no"
    return (f"{role}: max discount {pol.max_discount_percent} %, max total {pol.max_total}, "
            f"every quote needs approval: {every}")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command in (None, "run"):
            url = getattr(args, "db_run", None) or args.db
            return _run(url, getattr(args, "host", "127.0.0.1"),
                        getattr(args, "port", 8765), getattr(args, "workers", 1),
                        getattr(args, "threads", Settings.worker_threads))
        store = _store(args.db)
        try:
            if args.command == "migrate":
                _say("schema up to date")  # _store() migrated it
            elif args.command == "user" and args.user_command == "add":
                password = sys.stdin.readline().rstrip("\r\n")
                user_id = admin.add_user(store, args.name, password, args.role,
                                         team=args.team, rep_code=args.rep_code)
                _say(user_id)
            elif args.command == "user" and args.user_command == "revoke":
                _say(f"revoked {admin.revoke_user(store, args.name)} token(s)")
            elif args.command == "user":
                _say(f"disabled; revoked {admin.disable_user(store, args.name)} token(s)")
            elif args.command in ("device", "policy", "audit"):
                _more(store, args)
            elif args.command == "pool":
                _pool(store, args)
            elif args.command == "assign":
                admin.assign(store, args.customer, args.to)
                _say("assigned")
            elif args.command == "transfer":
                _say(f"transferred {admin.transfer(store, args.from_user, args.to)} customer(s)")
            elif args.command == "import-catalog":
                from sync.server.catalog_import import import_catalog

                _say(f"imported {import_catalog(store, args.file)} product(s)")
            elif args.command == "seed-demo":
                from sync.server.seed import seed_demo

                _say(seed_demo(store, args.reps, args.customers))
        finally:
            store.dispose()
    except (admin.AdminError, PoolError) as exc:
        _say(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
