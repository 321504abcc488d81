"""A small asyncio TCP fault proxy (toxiproxy's idea, which cannot be installed here).

Runs its own event loop in a thread. Faults: ``reset_after`` (abort the connection with an RST
once that many response bytes have passed, once), ``latency_s`` (delay every chunk), and
``blackhole`` (accept, forward nothing: a timeout).
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from contextlib import suppress


class FaultProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.reset_after: int | None = None
        self.latency_s = 0.0
        self.blackhole = False
        self.resets = 0
        self.bytes_down = 0
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        # Every open stream, so stop() can close them before the loop goes: a transport still
        # open when the loop closes raises ResourceWarning (an error under our pytest settings).
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="fault-proxy")
        self.port = 0

    def start(self) -> str:
        self._thread.start()
        fut = asyncio.run_coroutine_threadsafe(self._listen(), self._loop)
        self.port = fut.result(timeout=10)
        return f"http://127.0.0.1:{self.port}"

    async def _listen(self) -> int:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    async def _handle(self, client_r: asyncio.StreamReader,
                      client_w: asyncio.StreamWriter) -> None:
        self._writers.add(client_w)
        server_w: asyncio.StreamWriter | None = None
        try:
            if self.blackhole:
                await asyncio.sleep(3600)
                return
            try:
                server_r, server_w = await asyncio.open_connection(*self.target)
            except OSError:
                return
            self._writers.add(server_w)
            up = asyncio.ensure_future(self._pipe(client_r, server_w, down=False))
            down = asyncio.ensure_future(self._pipe(server_r, client_w, down=True))
            self._tasks |= {up, down}
            await asyncio.wait({up, down}, return_when=asyncio.FIRST_COMPLETED)
            for task in (up, down):
                task.cancel()
            await asyncio.gather(up, down, return_exceptions=True)
            self._tasks -= {up, down}
        finally:
            await self._close_writers([w for w in (client_w, server_w) if w is not None])

    async def _close_writers(self, writers: list[asyncio.StreamWriter]) -> None:
        for writer in writers:
            self._writers.discard(writer)
            with suppress(Exception):
                writer.close()
                await writer.wait_closed()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                    *, down: bool) -> None:
        while True:
            data = await reader.read(16384)
            if not data:
                return
            if self.latency_s:
                await asyncio.sleep(self.latency_s)
            if down:
                self.bytes_down += len(data)
                if self.reset_after is not None and self.bytes_down >= self.reset_after:
                    self.reset_after = None
                    self.resets += 1
                    sock = writer.get_extra_info("socket")
                    if sock is not None:  # RST instead of FIN
                        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                        struct.pack("ii", 1, 0))
                    writer.transport.abort()
                    return
            writer.write(data)
            await writer.drain()

    def stop(self) -> None:
        async def _close() -> None:
            if self._server is not None:
                self._server.close()
            for task in list(self._tasks):
                task.cancel()
            await self._close_writers(list(self._writers))
            # Let handlers finish their own clean-up before the loop stops.
            pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(_close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()
