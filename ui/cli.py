"""The ``fieldsales`` command: the desktop app and its subcommands.

Subcommands import only what they need, so ``fieldsales scan-card`` or ``fieldsales sync`` start
fast and run on machines without a display.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def _demo_data(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="fieldsales demo-data",
                                     description="Fill a replica with bilingual demo data.")
    parser.add_argument("--db", required=True, type=Path, help="replica file to create or fill")
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.customers < 0:
        parser.error("--customers must be zero or more")
    from app.demo import write_replica
    from app.replica import open_replica

    started = time.perf_counter()
    db = open_replica(args.db)
    db.dispose()
    counts = write_replica(args.db, args.customers, reps=args.reps, seed=args.seed)
    took = time.perf_counter() - started
    summary = ", ".join(f"{n} {t}" for t, n in counts.items())
    sys.stdout.write(f"wrote {summary} to {args.db} in {took:.1f} s\n")
    return 0


def _scan_card(argv: list[str]) -> int:
    from ocr.cli import main as scan_main

    return scan_main(argv)


def _sync(argv: list[str]) -> int:
    from sync.cli import sync_main

    return sync_main(argv)


SUBCOMMANDS = {"demo-data": _demo_data, "scan-card": _scan_card, "sync": _sync}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in SUBCOMMANDS:
        try:
            return SUBCOMMANDS[args[0]](args[1:])
        except KeyboardInterrupt:
            return 130
    from ui.main import run_app

    return run_app(args)


if __name__ == "__main__":
    raise SystemExit(main())
