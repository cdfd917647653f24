"""A fake EDGAR on 127.0.0.1 for the edgar tests: a plain ``http.server`` in a thread, with the
real URL layout as whatever paths a test registers, fault injection per response, and a log of
every request (arrival time, path, headers) the tests read back."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Resp:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    drop_after: int | None = None          # send this many body bytes, then close the connection
    stall: threading.Event | None = None   # after drop_after bytes, wait for this event instead
    delay: float = 0.0                     # sleep before answering (past the client's timeout)
    etag: str | None = None                # answer 304 when If-None-Match matches


@dataclass
class LogLine:
    at: float
    path: str
    headers: dict[str, str]


class FakeEdgar:
    def __init__(self) -> None:
        self.routes: dict[str, list[Resp]] = {}
        self.log: list[LogLine] = []
        self.lock = threading.Lock()
        self.sent_partial = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def set(self, path: str, *responses: Resp) -> None:
        """Answer ``path`` with ``responses`` in turn; the last one repeats."""
        with self.lock:
            self.routes[path] = list(responses)

    def hits(self, path: str) -> int:
        return sum(1 for line in self.log if line.path == path)

    def _next(self, path: str) -> Resp | None:
        with self.lock:
            queue = self.routes.get(path)
            if not queue:
                return None
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with fake.lock:
                    fake.log.append(LogLine(time.time(), self.path, dict(self.headers)))
                resp = fake._next(self.path) or Resp(404, b"not found", {"Content-Type": "text/plain"})
                if resp.delay:
                    time.sleep(resp.delay)
                if resp.etag and self.headers.get("If-None-Match") == resp.etag:
                    self.send_response(304)
                    self.send_header("ETag", resp.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(resp.status)
                for k, v in resp.headers.items():
                    self.send_header(k, v)
                if resp.etag:
                    self.send_header("ETag", resp.etag)
                self.send_header("Content-Length", str(len(resp.body)))
                self.end_headers()
                if resp.drop_after is None:
                    self.wfile.write(resp.body)
                    return
                self.wfile.write(resp.body[: resp.drop_after])
                self.wfile.flush()
                fake.sent_partial.set()
                if resp.stall is not None:
                    resp.stall.wait(30)
                self.close_connection = True
                self.connection.shutdown(2)

        return Handler


@pytest.fixture
def fake_edgar() -> Iterator[FakeEdgar]:
    fake = FakeEdgar()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()
