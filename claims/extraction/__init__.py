"""Claim extraction: article text in, attributed claims out.

Nothing heavy happens at import: the spaCy pipeline and the gazetteer index are built on
first use, once per process (`pipeline.get_nlp`, `reference.get_index`).
"""

from claims.extraction.types import EXTRACTOR_VERSION, ExtractedClaim, ExtractionResult


def extract_article_text(**kwargs) -> ExtractionResult:
    from claims.extraction.pipeline import extract_article_text as run

    return run(**kwargs)


def extract_many(items, **kwargs) -> list[ExtractionResult]:
    from claims.extraction.pipeline import extract_many as run

    return run(items, **kwargs)


__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractedClaim",
    "ExtractionResult",
    "extract_article_text",
    "extract_many",
]
