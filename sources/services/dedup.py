"""Near-duplicate texts: the same wire story re-run by another outlet, lightly edited. Both
articles are kept (each outlet's publication is a fact); the later one points at the
earlier, so corroboration can count the story once."""

import datetime as dt
import math

from django.db.models.functions import Length
from rapidfuzz import fuzz, process

from sources.models import Article

# Compared on the opening of the text: a re-run keeps the lede and trims or extends the
# tail, and bounding the length bounds the cost (rapidfuzz's Indel ratio is O(n*m/64)).
COMPARED_CHARS = 4000
SIMILARITY_CUTOFF = 90.0
WINDOW = dt.timedelta(days=3)
MAX_CANDIDATES = 300


def _fold(text: str) -> str:
    return " ".join(text[: COMPARED_CHARS * 2].split()).casefold()[:COMPARED_CHARS]


def article_link_near_duplicate(*, article: Article) -> Article | None:
    """Link the article to the recent article its text most nearly repeats
    (similarity >= SIMILARITY_CUTOFF of 100), and return that article; None if none does.

    Candidates are articles published within WINDOW of it whose length is within 25%,
    themselves originals (a chain of copies points at the first).
    """
    length = len(article.text)
    candidates = (
        Article.objects.exclude(id=article.id)
        .filter(
            near_duplicate_of__isnull=True,
            published__range=(article.published - WINDOW, article.published + WINDOW),
        )
        .annotate(length=Length("text"))
        .filter(length__gte=math.ceil(length * 0.75), length__lte=math.floor(length * 1.25))
        .order_by("id")
        .values_list("id", "text")[:MAX_CANDIDATES]
    )
    choices = {pk: _fold(text) for pk, text in candidates}
    if not choices:
        return None
    best = process.extractOne(
        _fold(article.text), choices, scorer=fuzz.ratio, score_cutoff=SIMILARITY_CUTOFF
    )
    if best is None:
        return None
    _, score, original_id = best
    Article.objects.filter(id=article.id).update(
        near_duplicate_of_id=original_id, near_duplicate_score=round(score, 1)
    )
    article.near_duplicate_of_id, article.near_duplicate_score = original_id, round(score, 1)
    return Article.objects.get(id=original_id)
