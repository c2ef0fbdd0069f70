"""One article, one URL: the normalised form under which links to the same page compare
equal, whatever tracking parameters, fragment or host capitalisation they carry."""

from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

# Parameters that say who sent the reader, not which page it is. Prefix rules cover the
# families (utm_source, utm_medium, ...).
TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "mtm_", "at_", "hsa_", "_hs")
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid",
    "ocid", "cmpid", "smid", "smtyp", "ref", "ref_src", "ref_url", "src", "share", "s_cid",
    "spm", "_ga", "_gl", "guccounter", "guce_referrer", "guce_referrer_sig", "rss", "feed",
    "cmp", "ito", "intcmp", "xtor", "amp",
}  # fmt: skip
DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters a path may hold unescaped (RFC 3986 pchar plus "/"); existing escapes are kept.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
MAX_CHARS = 2000


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def normalize_url(url: str) -> str:
    """The comparable form of an http(s) URL; '' for anything else.

    Scheme and host lower-cased, default port, fragment and tracking parameters dropped,
    the other parameters sorted, a trailing slash dropped (except the root's). Path case
    is kept: servers treat /News and /news as different pages. The result is ASCII (IDNA
    host, percent-encoded path), so a link typed in Cyrillic and its encoded form match,
    and it fits a database index; longer than MAX_CHARS it is ''.
    """
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in DEFAULT_PORTS or not host:
        return ""
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return ""
    netloc = f"[{host}]" if ":" in host else host
    if port and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    )
    normalized = urlunsplit((scheme, netloc, path, urlencode(query), ""))
    return normalized if len(normalized) <= MAX_CHARS else ""
