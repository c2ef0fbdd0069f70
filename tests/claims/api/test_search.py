"""Searching settlements by any spelling of any of their names (trigram indexes on
PostgreSQL), and claims by the words of their evidence (full text)."""

import pytest
from django.db import connection
from rest_framework.test import APIClient

from tests.claims.factories import ClaimFactory, SettlementAliasFactory, SettlementFactory
from tests.problems import errors_of, named

pytestmark = pytest.mark.django_db
SETTLEMENTS = "/api/v1/settlements/"
CLAIMS = "/api/v1/claims/"

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram similarity is PostgreSQL's"
)


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


@pytest.fixture
def gazetteer():
    toretsk = SettlementFactory(name="Toretsk", population=30_000)
    SettlementAliasFactory(settlement=toretsk, name="Dzerzhinsk")
    SettlementAliasFactory(settlement=toretsk, name="Торецьк")
    SettlementFactory(name="New Toretsk", population=1_000)
    SettlementFactory(name="Pokrovsk", population=60_000)
    return toretsk


def test_a_name_that_starts_with_the_search_comes_before_one_that_contains_it(gazetteer):
    assert names(APIClient().get(SETTLEMENTS, {"q": "toretsk"})) == ["Toretsk", "New Toretsk"]


def test_a_search_inside_a_name_finds_it(gazetteer):
    assert names(APIClient().get(SETTLEMENTS, {"q": "krovs"})) == ["Pokrovsk"]


def test_another_spelling_or_script_finds_the_settlement_and_the_page_says_which(client, gazetteer):
    for q, alias in [("Dzerzhinsk", "Dzerzhinsk"), ("рецьк", "Торецьк"), ("erzhin", "Dzerzhinsk")]:
        assert names(APIClient().get(SETTLEMENTS, {"q": q})) == ["Toretsk"], q
        body = client.get("/settlements/", {"q": q}).content.decode()
        assert f"matched “{alias}”" in body, q


@needs_postgresql
def test_a_typo_still_finds_the_settlement(gazetteer):
    assert "Toretsk" in names(APIClient().get(SETTLEMENTS, {"q": "Toretks"}))
    assert "Pokrovsk" in names(APIClient().get(SETTLEMENTS, {"q": "Pokrovks"}))
    assert names(APIClient().get(SETTLEMENTS, {"q": "Zzyzx"})) == []


@needs_postgresql
def test_the_search_uses_the_trigram_indexes(gazetteer):
    from claims.selectors import settlement_list

    sql, params = settlement_list(q="toretsk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "settlement_name_trgm_idx" in plan and "settlementalias_trgm_idx" in plan


def test_the_settlements_page_finds_by_substring_too(client, gazetteer):
    body = client.get("/settlements/", {"q": "krovs"}).content.decode()
    assert ">Pokrovsk<" in body and ">Toretsk<" not in body


@pytest.mark.parametrize("q", ["%%%qqq", "'; drop table x; --", "<script>alert(1)</script>"])
def test_hostile_searches_find_nothing_and_break_nothing(gazetteer, q):
    assert names(APIClient().get(SETTLEMENTS, {"q": q})) == []


# Claims by the words of their evidence


@pytest.fixture
def evidence():
    return {
        "withdrew": ClaimFactory(evidence="Ukraine's army said it had withdrawn from the town."),
        "seized": ClaimFactory(evidence="Russia said its forces had seized the town centre."),
        "ukrainian": ClaimFactory(evidence="Генштаб заявив, що сили утримують позиції у місті."),
    }


def claim_ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_claims_are_found_by_every_word_of_their_evidence(evidence):
    client = APIClient()
    assert claim_ids(client.get(CLAIMS, {"q": "forces seized"})) == {evidence["seized"].id}
    assert claim_ids(client.get(CLAIMS, {"q": "town"})) == {
        evidence["withdrew"].id,
        evidence["seized"].id,
    }
    assert claim_ids(client.get(CLAIMS, {"q": "seized withdrawn"})) == set()


def test_claims_are_found_in_any_language_as_written(evidence):
    found = claim_ids(APIClient().get(CLAIMS, {"q": "позиції"}))
    assert found == {evidence["ukrainian"].id}


def test_the_search_combines_with_the_other_filters(evidence):
    seized = evidence["seized"]
    params = {"q": "town", "settlement": seized.settlement_id}
    assert claim_ids(APIClient().get(CLAIMS, params)) == {seized.id}


@needs_postgresql
def test_phrases_and_exclusions_work(evidence):
    client = APIClient()
    assert claim_ids(client.get(CLAIMS, {"q": '"town centre"'})) == {evidence["seized"].id}
    assert claim_ids(client.get(CLAIMS, {"q": "town -seized"})) == {evidence["withdrew"].id}


@pytest.mark.parametrize(
    "q", ['"unbalanced', "!!! & | ()", "'; drop table claims_claim; --", "<script>", "a:*"]
)
def test_malformed_and_hostile_searches_are_words_not_errors(evidence, q):
    assert APIClient().get(CLAIMS, {"q": q}).status_code == 200


@pytest.mark.parametrize("q", ["", "   "])
def test_an_empty_search_is_named(evidence, q):
    response = APIClient().get(CLAIMS, {"q": q})
    assert response.status_code == 400 and named(response) == {"q"}


def test_a_huge_search_or_a_null_character_is_400_naming_q(evidence):
    for q in ["word " * 100, "town\x00"]:
        response = APIClient().get(CLAIMS, {"q": q})
        assert response.status_code == 400 and errors_of(response, "q"), q


def test_the_csv_export_takes_the_same_search(evidence):
    response = APIClient().get(CLAIMS, {"q": "seized", "format": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "seized the town centre" in body and "withdrawn" not in body
