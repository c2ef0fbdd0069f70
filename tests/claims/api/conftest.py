"""The Toretsk story for the API tests: two claims of 8 February and a provisional
settlement to resolve."""

import datetime as dt

import pytest

from claims.vocabulary import ClaimKind
from gazetteer.models import Settlement
from tests.claims.factories import ConflictFactory, SettlementFactory, article_on, extract, found


@pytest.fixture
def story():
    conflict, toretsk = ConflictFactory(russia_ukraine=True), SettlementFactory(name="Toretsk")
    provisional = Settlement.objects.create(name="Dzerzhynsk", source=Settlement.Source.PROVISIONAL)
    claims = extract(article_on(dt.date(2025, 2, 8)), conflict, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
    ])  # fmt: skip
    return {"toretsk": toretsk, "provisional": provisional, "claims": claims}
