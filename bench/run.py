"""Run every benchmark module in bench/ and print one table.

Each ``bench/bench_*.py`` defines ``run() -> list[Row]`` where a Row is
``(metric, measured, target)`` strings. Modules are run in-process one after another,
so ratios to a baseline measured in the same module are comparable on a noisy machine.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from pathlib import Path

Row = tuple[str, str, str]


def _modules(selected: list[str]) -> list[str]:
    here = Path(__file__).parent
    names = sorted(p.stem for p in here.glob("bench_*.py"))
    if selected:
        names = [n for n in names if any(s in n for s in selected)]
    return names


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    sys.path.insert(0, str(Path(__file__).parent.parent))
    rows: list[tuple[str, str, str, str]] = []
    failed = 0
    for name in _modules(args):
        started = time.perf_counter()
        print(f"… {name}", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"bench.{name}")
            for metric, measured, target in module.run():
                rows.append((name.removeprefix("bench_"), metric, measured, target))
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others
            failed += 1
            traceback.print_exc()
            rows.append((name.removeprefix("bench_"), "FAILED", "see traceback above", ""))
        print(f"  {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    widths = [max(len(r[i]) for r in [("bench", "metric", "measured", "target"), *rows])
              for i in range(4)]
    header = ("bench", "metric", "measured", "target")
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
