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


# Spelling pairs that Latin transliterations of Arabic, Cyrillic, Burmese and French names
# trade freely ("Khuwei"/"Huwei", "Tayyibat"/"Taibat", "Dioura"/"Diura", "Mayurno"/"Maiurno").
_TRANSLIT_FOLDS = (
    ("kh", "h"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "c"), ("zh", "z"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("iy", "i"), ("yi", "i"), ("ey", "i"), ("ay", "ai"),
    ("y", "i"), ("j", "i"), ("q", "k"), ("w", "u"),
)  # fmt: skip
# Arabic article forms a writer may attach ("al-Bab", "el-Obeid", "ad-Dali", "Ar Raqqah").
_ARTICLE = re.compile(
    r"(?:(?<=\s)|^)(?:al|el|ad|ar|as|at|ash|an|az|ad|ed|es|ez|en|er|et|ul)\s+(?=\S)"
)
_FINAL_AH = re.compile(r"ah\b")
_DOUBLED = re.compile(r"(.)\1+")


def transliteration_key(normalized: str) -> str:
    """A coarser key than normalize_name's, under which transliterations of one name meet:
    Arabic articles dropped, digraphs and vowel spellings folded, doubled letters single,
    no spaces. Used only when the exact name is not found."""
    text = _FINAL_AH.sub("a", _ARTICLE.sub("", normalized))
    for long, short in _TRANSLIT_FOLDS:
        text = text.replace(long, short)
    return _DOUBLED.sub(r"\1", text.replace(" ", ""))
