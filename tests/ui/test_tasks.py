"""The task manager at shutdown: queued work is dropped quietly, nothing new starts."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from ui.tasks import TaskManager


def test_shutdown_drops_queued_work_and_refuses_new_work(qtbot: QtBot) -> None:
    tasks = TaskManager()
    gate = threading.Event()
    results: list[str] = []
    idle_calls: list[int] = []

    def warm_up() -> None:  # a page warming itself up on idle, as the shell does
        idle_calls.append(1)
        tasks.read(lambda: "late", results.append)

    tasks.idle.connect(warm_up)
    tasks.write(gate.wait, lambda _r: results.append("first"))
    queued = tasks.write(lambda: "queued", results.append)
    threading.Timer(0.2, gate.set).start()
    tasks.shutdown()  # waits for the running task; cancels the queued one

    assert queued.cancelled()
    after = tasks.read(lambda: "never", results.append)
    assert after.cancelled()
    qtbot.wait(50)
    assert results == ["first"]
    assert idle_calls == []
