"""Schemathesis against the live test server: examples generated from /api/v1/schema/
(valid and invalid ones), sent over HTTP; no answer may be a 5xx or break the schema
(status codes, content types, bodies and headers as documented)."""

import datetime as dt

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from claims.services import review_add
from claims.vocabulary import ClaimKind, ReviewVerdict
from tests.claims.factories import (
    ConflictFactory,
    SettlementFactory,
    UserFactory,
    article_on,
    extract,
    found,
)

# Bounded so the suite stays fast: a handful of examples per operation.
EXAMPLES_PER_OPERATION = 8


def _served_schema() -> dict:
    # The document /api/v1/schema/ serves, made the way that view makes it (the tests
    # collect before any server runs, so it is generated here, not fetched).
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def seeded(transactional_db):
    conflict, toretsk = ConflictFactory(russia_ukraine=True), SettlementFactory(name="Toretsk")
    capture, _ = extract(article_on(dt.date(2025, 2, 8)), conflict, [
        found(toretsk, ClaimKind.CAPTURE, "russia", by="russia"),
        found(toretsk, ClaimKind.DENIAL, "russia", by="ukraine"),
    ])  # fmt: skip
    review_add(claim_id=capture.id, reviewer=UserFactory(), verdict=ReviewVerdict.CONFIRM)


schema = schemathesis.openapi.from_dict(_served_schema())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_answer_is_a_server_error_or_breaks_the_schema(case, live_server, seeded):
    excluded = []
    if case.operation.path in (
        "/api/v1/changes/",
        "/api/v1/settlements/",
        "/api/v1/claims/",
        "/api/v1/articles/",
    ):
        # A cursor is opaque: the schema cannot say which strings are cursors, so a
        # "schema-valid" made-up cursor is rightly refused (the change feed's, the claims'
        # and articles' keyset pages); likewise a search of fewer than three letters once
        # normalised, which no JSON Schema keyword says exactly.
        excluded.append(schemathesis.checks.positive_data_acceptance)
    if case.operation.path == "/api/v1/settlements/{id}/status/":
        # `as_of` and `on` are each optional but not both at once (a 400 naming `on`), which
        # OpenAPI's query parameters cannot say.
        excluded.append(schemathesis.checks.positive_data_acceptance)
    case.call_and_validate(base_url=live_server.url, excluded_checks=excluded)
