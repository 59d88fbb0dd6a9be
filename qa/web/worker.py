"""The gunicorn worker `qa serve` runs: gevent, gated like a sync worker while it computes,
with gunicorn's own error pages in JSON.

Why gevent. A sync worker reads a request with the whole process: two clients dripping
header bytes held both workers until gunicorn's 60 s timeout, and /health waited it out.
gunicorn's documentation asks sync workers to sit behind a buffering proxy (nginx) for this
reason and names async workers for serving clients directly. Under gevent every connection
is a greenlet: a slow client costs a few KB while it dawdles, and the worker answers others
meanwhile. Headers must arrive within `keepalive` seconds (gunicorn's gevent worker reads
each request under that deadline) and every later read or write must make progress within
IO_TIMEOUT_S, like nginx's client_header_timeout and client_body_timeout.

Why the gate. Answering is CPU-bound (encoding, FAISS, BM25, SQLite) and never yields, so a
gevent worker computes one answer at a time. Left alone it also accepts every connection it
can while idle, so one worker can hold a queue of its own while the other idles. So a request
is first read whole (its body buffered, up to the API's cap: a slow sender holds only its
greenlet), then, while the app computes it, the worker stops accepting: new connections wait
in the kernel's queue for whichever worker is free, as with sync workers. Measured with 8
clients (docs/workers.md): 161 requests/s against 154 for sync and 153 for gunicorn's plain
gevent worker, p99 60 ms against 67 and 63.

Why JSON errors. gunicorn answers requests it cannot parse (a request line over
limit_request_line: 414, oversized headers: 431, malformed: 400) itself, before the app
sees them, with an HTML page; API clients get `{"error": ...}` like every other error.
"""

from __future__ import annotations

import io
import json
import signal

from gevent.server import StreamServer
from gunicorn import util
from gunicorn.workers import ggevent
from gunicorn.workers.ggevent import GeventWorker

IO_TIMEOUT_S = 30


def write_json_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn.util.write_error's contract, answering JSON instead of an HTML page."""
    body = json.dumps({"error": f"{reason}: {mesg}" if mesg else reason}).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


class Worker(GeventWorker):
    def hold_signals(self) -> None:
        """Called first thing after the fork (qa.web.server's post_fork). Until init_signals
        puts in this worker's handlers, the master's copies are still installed, and a TERM
        would go into the master's signal queue, this process's copy of which no one reads:
        the worker booted and served until the master killed it at the graceful timeout (a
        server stopped while booting took 10 s). Held here, acted on in init_signals."""
        self._held: list[int] = []
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT):
            signal.signal(sig, lambda sig, _frame: self._held.append(sig))

    def init_signals(self) -> None:
        super().init_signals()
        for sig in getattr(self, "_held", []):
            if sig == signal.SIGTERM:
                self.handle_exit(sig, None)  # boots, then exits without serving
            else:
                self.handle_quit(sig, None)

    def init_process(self) -> None:
        util.write_error = write_json_error  # read by gunicorn's Worker.handle_error
        self._servers: list[StreamServer] = []
        self._computing = 0
        ggevent.StreamServer = self._make_server  # what GeventWorker.run builds servers with
        super().init_process()

    def _make_server(self, *args, **kwargs) -> StreamServer:
        server = StreamServer(*args, **kwargs)
        self._servers.append(server)
        return server

    def load_wsgi(self) -> None:
        super().load_wsgi()
        from qa.web import MAX_BODY_BYTES

        app = self.wsgi

        def gated(environ, start_response):
            # Read the whole body first (at most one byte past the cap, which the app then
            # refuses): a slow sender must not hold the gate.
            body = environ["wsgi.input"].read(MAX_BODY_BYTES + 1)
            environ["wsgi.input"] = io.BytesIO(body)
            self._enter()
            try:
                return app(environ, start_response)
            finally:
                self._leave()

        self.wsgi = gated

    def _enter(self) -> None:
        self._computing += 1
        if self._computing == 1:
            for server in self._servers:
                server.stop_accepting()

    def _leave(self) -> None:
        self._computing -= 1
        if self._computing == 0:
            for server in self._servers:
                if not server.closed:
                    server.start_accepting()

    def handle(self, listener, client, addr) -> None:
        client.settimeout(IO_TIMEOUT_S)
        super().handle(listener, client, addr)
