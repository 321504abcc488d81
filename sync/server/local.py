"""Run the server in a background thread on 127.0.0.1 (the desktop app's demo mode, tests)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import uvicorn

from sync.server.app import create_app
from sync.server.settings import Settings


def start_local_server(db_path: Path | str, port: int = 0, *,
                       db_url: str | None = None,
                       page_limit: int | None = None,
                       pool_recycle_interval_s: int = 0) -> tuple[str, Callable[[], None]]:
    """Start uvicorn on ``127.0.0.1:port`` (0 = any free port); returns ``(url, stop)``.

    The pool's recycle timer is off by default here: the demo's data is months old, and
    recycling it on the wall clock would empty the demo rep's lists five minutes in."""
    settings = Settings(db_url=db_url or f"sqlite:///{Path(db_path)}",
                        pool_recycle_interval_s=pool_recycle_interval_s)
    if page_limit:
        settings = replace(settings, page_limit=page_limit)
    app = create_app(settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            lifespan="on", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="fieldsales-local-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the local sync server did not start")
        time.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)

    return f"http://127.0.0.1:{bound}", stop
