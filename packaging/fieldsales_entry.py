"""The frozen app's entry point: the same ``fieldsales`` command as the pip-installed one."""

from __future__ import annotations

import multiprocessing

from ui.cli import main

if __name__ == "__main__":
    # WORKAROUND: a frozen executable must call freeze_support() before anything can spawn a
    # process pool (a no-op unless the app does), or Windows relaunches the whole app.
    multiprocessing.freeze_support()
    raise SystemExit(main())
