"""A real HTTP server on 127.0.0.1 that a test starts, with routes the test sets: pages,
feeds, redirects, slow drips, huge bodies. It runs in a thread of the test process and
answers over real sockets; the outbound guard is told to allow 127.0.0.1 by name."""

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # Seconds between each byte of the body (a slow-drip server), or before the headers.
    drip: float = 0.0
    delay: float = 0.0
    # Streams this many bytes of filler without a Content-Length (a bottomless body).
    endless: int = 0
    gzip: bool = False
    # Answers 304 when the request carries this ETag.
    etag: str = ""
    respond: Callable | None = None


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A client hanging up mid-body is what the limits tests make happen. Printing its
        # traceback from a handler thread would also race Python 3.11's traceback anchors
        # (ast.parse) with the main thread's imports and crash the interpreter's AST state.
        pass


class Site:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet test output
                pass

            def do_GET(self):
                site.requests.append((self.path, dict(self.headers.items())))
                site.answer(self)

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, **kwargs) -> str:
        self.routes[path] = Route(**kwargs)
        return self.url(path)

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(handler.path.split("?")[0])
        if route is None:
            route = Route(status=404, body=b"not here", content_type="text/plain")
        if route.respond is not None:
            route.respond(handler)
            return
        if route.delay:
            time.sleep(route.delay)
        try:
            if route.etag and handler.headers.get("If-None-Match") == route.etag:
                handler.send_response(304)
                handler.send_header("ETag", route.etag)
                handler.send_header("Content-Length", "0")
                handler.end_headers()
                return
            self._send(handler, route)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def _send(self, handler, route: Route) -> None:
        body = gzip.compress(route.body) if route.gzip else route.body
        handler.send_response(route.status)
        if route.content_type:
            handler.send_header("Content-Type", route.content_type)
        if route.etag:
            handler.send_header("ETag", route.etag)
        if route.gzip:
            handler.send_header("Content-Encoding", "gzip")
        for name, value in route.headers.items():
            handler.send_header(name, value)
        if route.endless:
            handler.send_header("Connection", "close")
            handler.end_headers()
            chunk = b"<p>" + b"x" * 65_530 + b"</p>"
            for _ in range(route.endless // len(chunk) + 1):
                handler.wfile.write(chunk)
            return
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if route.drip:
            for byte in body:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(route.drip)
        else:
            handler.wfile.write(body)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(settings) -> Iterator[Site]:
    """A local site the outbound guard may reach (127.0.0.1 allowed by name only)."""
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    served = Site()
    served.start()
    try:
        yield served
    finally:
        served.stop()


def article_page(
    *, title: str, paragraphs: list[str], date: str = "2025-02-10", outlet: str = "Meridian"
) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='og:site_name' content='{outlet}'>"
        f"<meta property='article:published_time' content='{date}T08:00:00Z'></head>"
        f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>© {outlet}</footer></body></html>"
    )
