"""Which language an article is in; extraction reads English only (for now)."""

import functools
import re
import unicodedata

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# Latin-script languages an article in our conflicts is likely to be written in.
_LATIN_LANGUAGES = [
    Language.ENGLISH, Language.FRENCH, Language.SPANISH, Language.GERMAN,
    Language.PORTUGUESE, Language.ITALIAN, Language.DUTCH, Language.POLISH, Language.TURKISH,
]  # fmt: skip
_SCRIPTS = {"CYRILLIC": "ru/uk", "ARABIC": "ar", "MYANMAR": "my", "HEBREW": "he", "CJK": "zh"}
SAMPLE_CHARS = 3000
# Words only English uses this often. A short text ("The SNA said it now controls Tal
# Rifaat.") gives a statistical detector too little to go on: Turkish and Dutch were its
# guesses for two such sentences, which would have lost their claims.
_ENGLISH_MARKERS = {
    "the", "said", "says", "and", "of", "to", "its", "their", "which", "who", "that", "with",
    "from", "they", "were", "has", "been", "after", "would", "this", "by", "on", "at",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@functools.cache
def _detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*_LATIN_LANGUAGES).with_low_accuracy_mode().build()
    )


def _script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def detect_language(text: str) -> str:
    """An ISO 639-1 code ("en", "fr"), a script family for non-Latin text, or ""."""
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return ""
    scripts: dict[str, int] = {}
    for ch in letters:
        script = _script_of(ch)
        scripts[script] = scripts.get(script, 0) + 1
    main, count = max(scripts.items(), key=lambda kv: kv[1])
    if main != "LATIN" and count > len(letters) / 2:
        if main == "CYRILLIC":
            return "uk" if any(ch in sample for ch in "іїєґІЇЄҐ") else "ru"
        return _SCRIPTS.get(main, main.lower()[:10])
    if _reads_as_english(sample):
        return "en"
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language else ""


def _reads_as_english(sample: str) -> bool:
    words = [w.lower() for w in _WORD.findall(sample)]
    markers = [w for w in words if w in _ENGLISH_MARKERS]
    return len(set(markers)) >= 2 and len(markers) >= 0.15 * len(words)
