"""The Toretsk story for the API tests: two claims of 8 February and a provisional
settlement to resolve."""

import datetime as dt

import pytest

from claims.models import Settlement
from claims.vocabulary import ClaimKind
from tests.claims.story import article_on, extract, found, settlement, two_sided_war


@pytest.fixture
def story():
    conflict, toretsk = two_sided_war(), settlement("Toretsk")
    provisional = Settlement.objects.create(name="Dzerzhynsk", source=Settlement.Source.PROVISIONAL)
    claims = extract(article_on(dt.date(2025, 2, 8)), conflict, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
    ])  # fmt: skip
    return {"toretsk": toretsk, "provisional": provisional, "claims": claims}
