"""``fieldsales sync --profile DIR [--server URL] [--user NAME]``: one headless sync cycle.

The replica is ``DIR/replica.db``, opened like the app opens it: encrypted with the profile's
key from the keyring or, on a computer without one, derived from the password. With ``--user``
the password is read from standard input and the device signs in first; without ``--user`` it
is read from standard input only when the profile needs it to be unlocked. Prints the sync report
as JSON; exit codes: 0 synced, 1 failed, 2 offline, 3 must sign in, 4 app too old, 5 device wiped
(the profile's files and key are removed), 6 the profile cannot be unlocked (wrong password).
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from pathlib import Path
from typing import TextIO

import orjson

from app.db import Database
from app.errors import StorageError
from app.keys import needs_password
from app.replica import open_profile_replica
from app.wipe import wipe_profile
from sync.client.engine import SyncEngine
from sync.client.errors import AuthError, OfflineError, SyncError, UpgradeRequiredError, WipedError
from sync.transport import RequestsTransport

REPLICA_NAME = "replica.db"
EXIT_LOCKED = 6


def _say(*parts: object, file: TextIO | None = None) -> None:
    """Command-line output (stdout unless ``file`` is given)."""
    (file or sys.stdout).write(" ".join(str(p) for p in parts) + "\n")


def sync_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fieldsales sync", description=__doc__)
    parser.add_argument("--profile", required=True, type=Path)
    parser.add_argument("--server", default=None)
    parser.add_argument("--user", default=None, help="sign in first (password on stdin)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    password = None
    if args.user or needs_password(args.profile):
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        db, _key = open_profile_replica(args.profile, password=password)
    except StorageError as exc:
        _say(f"cannot open the profile: {exc.message}", file=sys.stderr)
        return EXIT_LOCKED
    return _run(args, db, password)


def _run(args: argparse.Namespace, db: Database, password: str | None) -> int:
    profile: Path = args.profile
    transport = RequestsTransport(args.server or "")
    # A wipe ordered by the server also removes the attachments, the salt and the keyring key.
    def wipe(_replica: Path) -> None:
        wipe_profile(profile)

    engine = SyncEngine(db, transport, on_wipe=wipe)
    try:
        if args.user:
            if not args.server and not transport.base_url:
                _say("--server is required to sign in", file=sys.stderr)
                return 3
            engine.login(args.server or transport.base_url, args.user, password or "")
        report = engine.sync()
    except WipedError as exc:
        _say(f"wiped: {exc}", file=sys.stderr)
        return 5
    except UpgradeRequiredError as exc:
        _say(str(exc), file=sys.stderr)
        return 4
    except AuthError as exc:
        _say(f"sign in required: {exc}", file=sys.stderr)
        return 3
    except OfflineError as exc:
        _say(f"offline: {exc}", file=sys.stderr)
        return 2
    except SyncError as exc:
        _say(f"sync failed: {exc}", file=sys.stderr)
        return 1
    finally:
        transport.close()
        db.dispose()
    _say(orjson.dumps(dataclasses.asdict(report)).decode())
    return 0


if __name__ == "__main__":
    raise SystemExit(sync_main())
