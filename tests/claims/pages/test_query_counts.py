"""Each page's query count, pinned: counted with a few rows and again with many more rows
behind it (claims, reviews, aliases, conflicts, feeds, tokens), it must not grow (no N+1)
and must be the number written here (a change either way is a decision to look at). The
settlements list, a settlement's page, a conflict's page, the review queue and the article
pages are pinned beside their other tests; these are the rest."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.services import review_add
from claims.vocabulary import ReviewVerdict
from conflictwatch.core.tokens import token_issue
from sources.models import Feed, Fetch
from tests.claims.factories import ClaimFactory, ConflictFactory, SettlementAliasFactory
from tests.sources.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# Anonymous: the page's own reads (the session is not touched).
READER_PAGES = {"claim": 2, "conflicts": 2, "fetch": 1, "login": 0, "map": 4}
# Signed in: the page's reads plus the session, the user, its permissions and the header's
# review-queue count.
EDITOR_PAGES = {"review-add": 8, "correct": 8, "paste": 7, "feed-new": 6, "tokens": 6}


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries.captured_queries)


def grow(*, claim, editor, rows: int) -> None:
    """More of everything the pages list or join, around the same claim."""
    for n in range(rows):
        ConflictFactory()
        other = ClaimFactory.create(
            conflict=claim.conflict, settlement=claim.settlement, claimant_side=f"side-{n}"
        )
        review_add(claim_id=claim.id, reviewer=editor, verdict=ReviewVerdict.CONFIRM)
        review_add(claim_id=other.id, reviewer=editor, verdict=ReviewVerdict.CONFIRM)
        SettlementAliasFactory(settlement=claim.settlement)
        ArticleFactory()
        token_issue(user=editor, name=f"Токен {n}")
        Feed.objects.create(url=f"https://news.example.org/{n}.rss")


def test_page_query_counts_are_pinned_and_do_not_grow_with_rows(editor_client, editor):
    claim = ClaimFactory()
    review_add(claim_id=claim.id, reviewer=editor, verdict=ReviewVerdict.DISPUTE, note="Ні.")
    url = "https://news.example.org/toretsk"
    fetch = Fetch.objects.create(url=url, normalized_url=url)
    token_issue(user=editor, name="dashboard")
    reader = Client()
    urls = {
        "claim": reverse("claim-detail", args=[claim.id]),
        "conflicts": reverse("conflict-list"),
        "fetch": reverse("fetch-detail", args=[fetch.id]),
        "login": reverse("login"),
        "map": reverse("map"),
        "review-add": reverse("review-add", args=[claim.id]),
        "correct": reverse("claim-correct", args=[claim.id]),
        "paste": reverse("article-create"),
        "feed-new": reverse("feed-create"),
        "tokens": reverse("account-tokens"),
    }

    def counts() -> dict[str, int]:
        found = {name: queries_for(reader, urls[name]) for name in READER_PAGES}
        return found | {name: queries_for(editor_client, urls[name]) for name in EDITOR_PAGES}

    few = counts()
    grow(claim=claim, editor=editor, rows=12)
    many = counts()
    assert few == many == READER_PAGES | EDITOR_PAGES
