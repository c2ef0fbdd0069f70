"""Outbound HTTP with a guard against server-side request forgery, for anything that fetches
a URL a user or a feed named (article pages, feeds) or posts to one (webhooks).

The guard works at connect time, not on the URL text: the host is resolved here, every
address it resolves to is checked, and the socket connects to the checked address itself,
so a name that resolves to a public address when checked and to 127.0.0.1 when connected
(DNS rebinding) cannot slip through. Redirects are followed here, hop by hop, each hop
through the same guarded connection. Refused: loopback, private, link-local (cloud
metadata at 169.254.169.254), multicast, reserved and unspecified addresses, IPv4-mapped
IPv6 forms of those, and any scheme but http(s). `settings.OUTBOUND_ALLOWED_HOSTS` names
hosts that may be reached anyway (tests run their servers on 127.0.0.1).

Limits bound what one fetch can cost: total time (a server dripping one byte a second is
cut off), body size (counted after decompression, so a gzip bomb is cut off too), the
number of redirects, and the content types accepted.
"""

import contextvars
import ipaddress
import socket
import time
from dataclasses import dataclass, field
from email.message import Message
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import TimeoutError as Urllib3Timeout

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
USER_AGENT = "ConflictWatch/0.1 (+https://github.com/conflictwatch)"


class OutboundError(Exception):
    """A fetch that did not produce a usable response; `code` names why for callers and
    logs, the message says it for people. `transient` errors may succeed if tried later."""

    def __init__(self, message: str, *, code: str, transient: bool = False):
        super().__init__(message)
        self.code = code
        self.transient = transient


class OutboundRefused(OutboundError):
    """The guard or a limit refused the fetch: trying again will not help."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message, code=code, transient=False)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5 * 1024 * 1024
    total_seconds: float = 20.0
    connect_seconds: float = 5.0
    max_redirects: int = 5
    # Media types accepted (without parameters); an empty tuple accepts any.
    content_types: tuple[str, ...] = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes = b""
    content_type: str = ""
    charset: str = ""
    redirects: list[str] = field(default_factory=list)


def address_allowed(address: str) -> bool:
    """Whether a resolved address is on the public internet (what the guard lets through)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    # is_global is False for private, loopback, link-local, shared (100.64/10), reserved and
    # unspecified ranges; multicast must be checked apart (224/4 counts as global).
    return ip.is_global and not ip.is_multicast


def _host_allowed_by_setting(host: str) -> bool:
    allowed = {h.lower() for h in getattr(settings, "OUTBOUND_ALLOWED_HOSTS", [])}
    return host.lower().strip("[]") in allowed


def resolve_checked(host: str, port: int) -> list[tuple]:
    """The addresses to connect to for host:port, all of them checked; raises
    OutboundRefused when the host resolves to an address the guard refuses."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise OutboundError(f"{host} does not resolve.", code="dns", transient=True) from exc
    if _host_allowed_by_setting(host):
        return infos
    # Refuse when any address is refused, not just the first: a name with one public and
    # one private address would otherwise reach the private one on a retry.
    for *_, sockaddr in infos:
        if not address_allowed(str(sockaddr[0])):
            raise OutboundRefused(
                f"{host} resolves to {sockaddr[0]}, a private or local address.",
                code="forbidden_address",
            )
    return infos


# The current fetch's deadline (time.monotonic()), read by its sockets. A context variable,
# not a module global: each thread or task has its own.
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "outbound_deadline", default=None
)


class _DeadlineSocket(socket.socket):
    """A socket whose every read ends by the fetch's deadline. A per-read timeout alone
    lets a server that drips one byte of its headers a second hold the fetch forever."""

    def recv_into(self, buffer, nbytes=0, flags=0):
        deadline = _deadline.get()
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the fetch's time limit ran out")
            current = self.gettimeout()
            self.settimeout(left if current is None else min(current, left))
        return super().recv_into(buffer, nbytes, flags)


# The mixin goes in front of urllib3's connections; the checker is told so, run time is not.
if TYPE_CHECKING:
    _ConnectionBase = HTTPConnection
else:
    _ConnectionBase = object


class _GuardedConnectionMixin(_ConnectionBase):
    """urllib3 connection whose socket goes only to addresses resolve_checked passed."""

    def _new_conn(self) -> socket.socket:
        infos = resolve_checked(self._dns_host, self.port)
        timeout = self.timeout if isinstance(self.timeout, int | float) else None
        last_error: OSError | None = None
        for family, kind, proto, _, sockaddr in infos:
            # TLS wraps this socket in a new object, so over https the deadline is enforced
            # between reads (see _read_capped) rather than inside each one.
            sock = _DeadlineSocket(family, kind, proto)
            try:
                sock.settimeout(timeout)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                last_error = exc
        raise OutboundError(
            f"Could not connect to {self._dns_host}: {last_error}",
            code="connect",
            transient=True,
        )


class _GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    pass


class _GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


def _pool_manager() -> urllib3.PoolManager:
    manager = urllib3.PoolManager(num_pools=4, maxsize=1, retries=False)
    manager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}
    return manager


def check_url(url: str) -> str:
    """The URL if it is one the guard may fetch by its text (scheme, host, no credentials);
    the address check happens at connect time."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a malformed port)
    except ValueError as exc:
        raise OutboundRefused(f"{url[:100]!r} is not a valid URL.", code="url") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OutboundRefused(f"{url[:100]!r} is not an http(s) URL.", code="url")
    if parts.username or parts.password:
        raise OutboundRefused("URLs with a user name or password are refused.", code="url")
    return url


def _media_type(header: str) -> tuple[str, str]:
    message = Message()
    message["content-type"] = header or ""
    charset = message.get_param("charset") or ""
    return message.get_content_type() if header else "", str(charset).strip().lower()


def fetch(
    url: str, *, limits: Limits = Limits(), headers: dict[str, str] | None = None
) -> Response:
    """GET the URL under the guard and the limits, following redirects.

    Returns 2xx responses with their body, and 304 (conditional GET) with none. Raises
    OutboundRefused for what the guard or a limit refused, OutboundError for anything
    else that went wrong (transient when a retry might help: timeouts, 5xx, refused
    connections).
    """
    deadline = time.monotonic() + limits.total_seconds
    request_headers = {
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "gzip, deflate",
        **(headers or {}),
    }
    redirects: list[str] = []
    manager = _pool_manager()
    token = _deadline.set(deadline)
    try:
        for _ in range(limits.max_redirects + 1):
            check_url(url)
            response = _request(manager, url, request_headers, limits, deadline)
            if response.status in REDIRECT_STATUSES:
                location = response.headers.get("Location", "")
                # The redirect's body is never read: the connection is closed rather than
                # drained (a redirect can carry a body of any size) or reused half-read.
                response.close()
                response.release_conn()
                if not location:
                    raise OutboundError("A redirect without a Location.", code="redirect")
                url = urljoin(url, location)
                redirects.append(url)
                continue
            return _finish(response, url, limits, deadline, redirects)
        raise OutboundRefused(
            f"More than {limits.max_redirects} redirects.", code="too_many_redirects"
        )
    finally:
        _deadline.reset(token)
        manager.clear()


def post(url: str, *, body: bytes, headers: dict[str, str], limits: Limits = Limits()) -> Response:
    """POST the body under the guard and the limits, and return whatever the server
    answered, any status, with at most `limits.max_bytes` of its body (the rest is not
    read). Redirects are not followed: a receiver that moved answers with its new address,
    and re-sending a signed body elsewhere is the subscriber's call, not ours.

    Raises OutboundRefused when the guard refuses the target, OutboundError (transient)
    when no answer came: refused connections, timeouts, resets.
    """
    deadline = time.monotonic() + limits.total_seconds
    request_headers = {"User-Agent": USER_AGENT, **headers}
    manager = _pool_manager()
    token = _deadline.set(deadline)
    try:
        check_url(url)
        response = _request(
            manager, url, request_headers, limits, deadline, method="POST", body=body
        )
        try:
            answered = {k.title(): v for k, v in response.headers.items()}
            snippet = _read_head(response, limits, deadline)
        finally:
            response.release_conn()
        return Response(
            url=url, status=response.status, headers=answered, body=snippet,
            content_type=_media_type(answered.get("Content-Type", ""))[0],
        )  # fmt: skip
    finally:
        _deadline.reset(token)
        manager.clear()


def _read_head(response, limits: Limits, deadline: float) -> bytes:
    """The first `limits.max_bytes` of the body; a longer body is cut, not refused (an
    answer's status is what counts, its body is only kept as a snippet)."""
    chunks: list[bytes] = []
    size = 0
    try:
        while size < limits.max_bytes:
            _remaining(deadline)
            chunk = response.read1(min(64 * 1024, limits.max_bytes - size))
            if not chunk:
                break
            size += len(chunk)
            chunks.append(chunk)
    except OutboundError:
        raise
    except (Urllib3Error, OSError) as exc:
        raise _network_error(exc) from exc
    return b"".join(chunks)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise OutboundError("The server took too long.", code="timeout", transient=True)
    return left


def _request(manager, url, headers, limits, deadline, *, method="GET", body=None):
    left = _remaining(deadline)
    timeout = urllib3.Timeout(connect=min(limits.connect_seconds, left), read=left)
    try:
        return manager.request(
            method,
            url,
            body=body,
            headers=headers,
            redirect=False,
            preload_content=False,
            timeout=timeout,
        )
    except OutboundError:
        raise
    except Urllib3Error as exc:
        # urllib3 wraps what our connection raised; unwrap the guard's own verdicts.
        cause = exc.__context__ or exc.__cause__
        if isinstance(cause, OutboundError):
            raise cause from None
        raise _network_error(exc) from exc


def _finish(response, url, limits, deadline, redirects) -> Response:
    headers = {k.title(): v for k, v in response.headers.items()}
    try:
        if response.status == 304:
            return Response(url=url, status=304, headers=headers, redirects=redirects)
        if response.status >= 400 or response.status < 200:
            raise OutboundError(
                f"The server answered HTTP {response.status}.",
                code=f"http_{response.status}",
                transient=response.status >= 500 or response.status == 429,
            )
        media_type, charset = _media_type(headers.get("Content-Type", ""))
        if limits.content_types and media_type not in limits.content_types:
            raise OutboundRefused(
                f"The server sent {media_type or 'no content type'}, not "
                f"{' or '.join(limits.content_types)}.",
                code="content_type",
            )
        declared = headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            raise _too_large(limits)
        body = _read_capped(response, limits, deadline)
        return Response(
            url=url,
            status=response.status,
            headers=headers,
            body=body,
            content_type=media_type,
            charset=charset,
            redirects=redirects,
        )
    finally:
        response.release_conn()


def _too_large(limits: Limits) -> OutboundRefused:
    return OutboundRefused(
        f"The response is larger than {limits.max_bytes:,} bytes.", code="too_large"
    )


def _read_capped(response, limits: Limits, deadline: float) -> bytes:
    """Read the body in whatever pieces arrive, stopping at the size cap or the deadline."""
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            _remaining(deadline)
            chunk = response.read1(64 * 1024)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > limits.max_bytes:
                raise _too_large(limits)
            chunks.append(chunk)
    except OutboundError:
        raise
    except (Urllib3Error, OSError) as exc:
        raise _network_error(exc) from exc


def _network_error(exc: Exception) -> OutboundError:
    if isinstance(exc, Urllib3Timeout | TimeoutError):
        return OutboundError("The server took too long.", code="timeout", transient=True)
    return OutboundError(f"Fetching failed: {exc}", code="network", transient=True)
