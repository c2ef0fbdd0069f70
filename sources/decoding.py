"""Bytes from the web to text, when the labels lie.

Feeds and pages often declare one charset and send another (a server default of
ISO-8859-1 in front of UTF-8 pages; a CMS that says UTF-8 and serves windows-1251). The
order of trust, each step checked rather than believed:

1. a byte-order mark;
2. UTF-8, when the bytes decode as UTF-8 at all (other charsets' non-ASCII text almost
   never does by chance);
3. the declared charsets (HTTP header, then the document's own <meta> or XML prolog), if
   they decode cleanly and the result does not read as mojibake;
4. charset_normalizer's detection; failing everything, UTF-8 with replacement characters.
"""

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']""")
# Browsers read these labels as windows-1252 (WHATWG Encoding); so do we.
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"}
MOJIBAKE_RATIO = 0.2


def declared_charsets(body: bytes, header_charset: str = "") -> list[str]:
    """The charsets the response claims, most authoritative first, deduplicated."""
    found = [header_charset]
    head = body[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        match = pattern.search(head)
        if match:
            found.append(match.group(1).decode("ascii", "ignore"))
    names: list[str] = []
    for name in found:
        name = (name or "").strip().strip("\"'").lower()
        name = "windows-1252" if name in _AS_WINDOWS_1252 else name
        if name and name not in names and _known(name):
            names.append(name)
    return names


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def decode_body(body: bytes, header_charset: str = "") -> tuple[str, str]:
    """(text, charset used) for a response body; never raises on bad bytes."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for name in declared_charsets(body, header_charset):
        try:
            text = body.decode(name)
        except UnicodeDecodeError:
            continue
        if mess_ratio(text[:20_000], maximum_threshold=1.0) < MOJIBAKE_RATIO:
            return text, name
    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        return body.decode(best.encoding, errors="replace"), best.encoding
    return body.decode("utf-8", errors="replace"), "utf-8"
