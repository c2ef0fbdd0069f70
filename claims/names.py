"""Normalising place and actor names so that spellings of one name compare equal."""

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’ʼ`´ʹ\u02bb]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.]+")


def normalize_name(name: str) -> str:
    """Case, accents, apostrophes and separators folded: "Pokrovs'k" -> "pokrovsk".

    Cyrillic and other scripts keep their letters (only combining marks go), so
    "Торецьк" stays searchable as itself.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _APOSTROPHES.sub("", stripped)
    return _SEPARATORS.sub(" ", stripped).strip().casefold()


def is_latin(name: str) -> bool:
    """True when every letter of the name is in the Latin script."""
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return any(ch.isalpha() for ch in name)
