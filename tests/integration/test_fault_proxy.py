"""Connections reset mid-pull by the TCP fault proxy: the pull resumes from the stored cursor."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from app.models import Customer
from app.replica import open_replica
from sync.client.engine import SyncEngine
from sync.transport import RequestsTransport
from tests.sync.fault_proxy import FaultProxy
from tests.sync.helpers import ids, seeded_loopback_server


@pytest.mark.parametrize("cut_at", [0.1, 0.5, 0.9])
def test_reset_mid_pull_resumes_without_reapplying(tmp_path: Path, cut_at: float) -> None:
    url, stop, seeded = seeded_loopback_server(tmp_path / "server.db", customers=40)  # ~600 rows
    rep, rows = seeded["reps"][0], seeded["rows"]
    target = urlparse(url)
    proxy = FaultProxy("127.0.0.1", int(target.port or 0))
    proxy_url = proxy.start()
    try:
        probe_db = open_replica(tmp_path / "probe.db")
        probe = SyncEngine(probe_db, RequestsTransport(proxy_url))
        probe.login(proxy_url, rep, "demo")
        proxy.bytes_down = 0
        probe.sync()
        total = proxy.bytes_down  # bytes of one whole initial sync through the proxy
        probe.transport.close()
        probe_db.dispose()
        db = open_replica(tmp_path / "replica.db")
        engine = SyncEngine(db, RequestsTransport(proxy_url), retries=3, backoff_s=0.01)
        engine.login(proxy_url, rep, "demo")
        proxy.bytes_down = 0
        proxy.reset_after = int(total * cut_at)
        report = engine.sync()
        assert proxy.resets == 1
        assert report.checksums_ok
        assert len(ids(db, Customer)) == 40
        # Each page was applied exactly once: the cut page was fetched again, nothing more.
        assert report.pulled_rows == rows  # the rep sees every seeded row
        engine.transport.close()
        db.dispose()
    finally:
        proxy.stop()
        stop()
