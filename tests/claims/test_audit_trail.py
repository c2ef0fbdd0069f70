"""The audit trail cannot be rewritten: every bypass of the services the issue found (#11)
is refused by the models and, when the models are gone around, by the database."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from claims import append_only, services
from claims.models import AppendOnlyError, Claim, Correction, Review
from claims.vocabulary import ClaimKind, ClaimStatus, ReviewVerdict, SettlementState
from sources.models import Article
from tests.claims.factories import ClaimFactory, UserFactory, stored

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def disputed():
    """A claim an editor disputed: the verdict someone would like to turn into a confirm."""
    claim = ClaimFactory(conflict__russia_ukraine=True)
    editor = UserFactory(username="desk")
    review = services.review_add(
        claim_id=claim.id, reviewer=editor, verdict=ReviewVerdict.DISPUTE, note="Not verified."
    )
    return claim, review, editor


@pytest.fixture
def corrected(disputed):
    claim, _review, editor = disputed
    services.claim_correct(claim_id=claim.id, editor=editor, kind=ClaimKind.ADVANCE)
    claim.refresh_from_db()
    return claim, claim.corrections.get(), editor


def _refused_by_database(sql: str, params=()) -> None:
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize("model", [Review, Correction], ids=["reviews", "corrections"])
def test_queryset_update_delete_and_bulk_update_are_refused(corrected, model):
    rows = model.objects.all()
    with pytest.raises(AppendOnlyError, match="append-only"):
        rows.update(note="rewritten")
    with pytest.raises(AppendOnlyError, match="append-only"):
        rows.delete()
    row = rows.get()
    row.note = "rewritten"
    with pytest.raises(AppendOnlyError, match="append-only"):
        model.objects.bulk_update([row], ["note"])
    assert model.objects.get().note != "rewritten"


def test_a_dispute_cannot_be_turned_into_a_confirm_with_raw_sql(disputed):
    _claim, review, _ = disputed
    _refused_by_database("UPDATE claims_review SET verdict = 'confirm' WHERE id = %s", [review.id])
    _refused_by_database(
        "UPDATE claims_review SET created_at = created_at - interval '30 days' WHERE id = %s",
        [review.id],
    )
    review.refresh_from_db()
    assert (review.verdict, review.note) == (ReviewVerdict.DISPUTE, "Not verified.")


def test_raw_sql_cannot_delete_reviews_or_corrections(corrected):
    claim, correction, _ = corrected
    _refused_by_database("DELETE FROM claims_review WHERE claim_id = %s", [claim.id])
    _refused_by_database("DELETE FROM claims_correction WHERE id = %s", [correction.id])
    _refused_by_database(
        "UPDATE claims_correction SET changes = '{}'::jsonb WHERE id = %s", [correction.id]
    )
    assert claim.reviews.count() == 1 and claim.corrections.count() == 1


def test_reviews_move_only_to_a_claim_of_the_same_article(disputed):
    claim, _review, _ = disputed
    elsewhere = ClaimFactory()
    _refused_by_database(
        "UPDATE claims_review SET claim_id = %s WHERE claim_id = %s", [elsewhere.id, claim.id]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(claim=claim).repoint(claim=elsewhere)
    assert claim.reviews.count() == 1


def test_a_claim_with_a_history_is_neither_deleted_nor_cascaded(disputed):
    claim, _review, _ = disputed
    with pytest.raises(ProtectedError), transaction.atomic():
        claim.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        claim.article.delete()
    _refused_by_database("DELETE FROM claims_claim WHERE id = %s", [claim.id])
    assert Claim.objects.filter(pk=claim.pk).exists() and claim.reviews.exists()


def test_a_claim_nobody_reviewed_can_still_be_deleted():
    claim = ClaimFactory()
    claim.article.delete()
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_what_a_claim_says_changes_only_through_a_correction(disputed):
    claim, _review, _ = disputed
    with pytest.raises(AppendOnlyError, match="correction"):
        Claim.objects.filter(pk=claim.pk).update(kind=ClaimKind.WITHDRAWAL)
    claim.side = "ukraine"
    with pytest.raises(AppendOnlyError, match="correction"):
        Claim.objects.bulk_update([claim], ["side"])
    _refused_by_database("UPDATE claims_claim SET kind = 'withdrawal' WHERE id = %s", [claim.id])
    _refused_by_database(
        "UPDATE claims_claim SET article_id = (SELECT MAX(id) + 1 FROM sources_article)"
        " WHERE id = %s",
        [claim.id],
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        changed = Claim.objects.get(pk=claim.pk)
        changed.claimant_side = "ukraine"
        changed.save()  # save() goes around the queryset guard; the trigger still refuses
    claim.refresh_from_db()
    assert claim.kind == ClaimKind.CAPTURE and claim.claimant_side == "russia"


def test_a_recorded_correction_does_not_license_another_change(corrected):
    claim, correction, _ = corrected
    assert claim.kind == ClaimKind.ADVANCE
    assert correction.changes == {"kind": [ClaimKind.CAPTURE, ClaimKind.ADVANCE]}
    # The correction said capture -> advance; advance -> denial was never recorded.
    _refused_by_database("UPDATE claims_claim SET kind = 'denial' WHERE id = %s", [claim.id])
    claim.refresh_from_db()
    assert claim.kind == ClaimKind.ADVANCE


def test_fields_the_extractor_refreshes_still_change(disputed):
    claim, _review, _ = disputed
    Claim.objects.filter(pk=claim.pk).update(confidence=0.5, event_date=dt.date(2025, 2, 7))
    claim.refresh_from_db()
    assert (claim.confidence, claim.event_date) == (0.5, dt.date(2025, 2, 7))


def test_a_dispute_is_not_turned_into_a_confirm_by_writing_the_claims_status(disputed):
    claim, _review, _ = disputed
    with pytest.raises(AppendOnlyError, match="latest review"):
        Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.CONFIRMED)
    claim.status = ClaimStatus.CONFIRMED
    with pytest.raises(AppendOnlyError, match="latest review"):
        Claim.objects.bulk_update([claim], ["status"])
    with pytest.raises(IntegrityError, match="latest review"), transaction.atomic():
        claim.save()  # save() goes around the queryset guard; the trigger still refuses
    for status in (ClaimStatus.CONFIRMED, ClaimStatus.UNVERIFIED, ClaimStatus.SUPERSEDED):
        _refused_by_database(
            "UPDATE claims_claim SET status = %s WHERE id = %s", [status, claim.id]
        )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISPUTED
    assert stored(claim.settlement_id).state == SettlementState.UNKNOWN


def test_the_review_path_still_moves_the_status(disputed):
    claim, _review, editor = disputed
    services.review_add(claim_id=claim.id, reviewer=editor, verdict=ReviewVerdict.CONFIRM)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED
    assert stored(claim.settlement_id).state == SettlementState.CONTROLLED
    other = ClaimFactory(conflict=claim.conflict)
    assert services.reviews_confirm_bulk(claim_ids=[other.id], reviewer=editor) == 1
    assert Claim.objects.get(pk=other.pk).status == ClaimStatus.CONFIRMED


def test_a_review_written_in_raw_sql_licenses_only_the_status_it_gives(disputed):
    """Inserting a review is the one way to move a status, and it leaves a record with a
    reviewer; the status must then be the one that review gives."""
    claim, _review, editor = disputed
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO claims_review (claim_id, origin_claim_id, created_at, verdict, note,"
            " evidence_url, reviewer_id) VALUES (%s, %s, %s, 'reset', '', '', %s)",
            [claim.id, claim.id, timezone.now(), editor.id],
        )
    _refused_by_database("UPDATE claims_claim SET status = 'confirmed' WHERE id = %s", [claim.id])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_claim SET status = 'unverified' WHERE id = %s", [claim.id])
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNVERIFIED


def test_a_claim_cannot_be_written_already_confirmed():
    claim = ClaimFactory(conflict__russia_ukraine=True)
    forged = Claim.objects.get(pk=claim.pk)
    forged.pk, forged.claimant_side, forged.status = None, "ukraine", ClaimStatus.CONFIRMED
    with pytest.raises(IntegrityError, match="latest review"), transaction.atomic():
        forged.save()
    assert Claim.objects.count() == 1


def test_only_re_extraction_supersedes_a_reviewed_claim(disputed):
    claim, _review, _ = disputed
    with pytest.raises(IntegrityError, match="re-extracting"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).supersede()
    # Held `extracting` (as the extraction task holds it), the article's claims may go.
    Article.objects.filter(pk=claim.article_id).update(status=Article.Status.EXTRACTING)
    assert Claim.objects.filter(pk=claim.pk).supersede() == 1
    # Found again, it takes what its reviews say, and nothing else.
    _refused_by_database("UPDATE claims_claim SET status = 'confirmed' WHERE id = %s", [claim.id])
    Claim.objects.filter(pk=claim.pk).status_from_reviews()
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.DISPUTED


def test_a_claim_nobody_reviewed_is_removed_not_superseded():
    claim = ClaimFactory()
    Article.objects.filter(pk=claim.article_id).update(status=Article.Status.EXTRACTING)
    with pytest.raises(IntegrityError, match="editors worked on"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).supersede()
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.UNVERIFIED


def _switched_off(sql: str) -> None:
    """`sql` in a session like production's: without the switch the test suite sets."""
    with (
        pytest.raises(IntegrityError, match="truncated"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"SET LOCAL {append_only.ALLOW_TRUNCATE} = 'off'")
        cursor.execute(sql)


# Committed rows (a transactional test): PostgreSQL refuses TRUNCATE of a table written
# earlier in the same transaction anyway, which would hide what the trigger does.
@pytest.mark.django_db(transaction=True)
def test_truncate_is_refused_outside_the_test_suite():
    claim, desk = ClaimFactory(conflict__russia_ukraine=True), UserFactory(username="desk")
    services.review_add(claim_id=claim.id, reviewer=desk, verdict=ReviewVerdict.DISPUTE, note="No.")
    services.claim_correct(claim_id=claim.id, editor=desk, kind=ClaimKind.ADVANCE)
    _switched_off("TRUNCATE claims_review")
    _switched_off("TRUNCATE claims_correction")
    # A cascade reaches the record from the tables above it.
    _switched_off("TRUNCATE claims_claim CASCADE")
    _switched_off("TRUNCATE sources_article CASCADE")
    assert claim.reviews.count() == 1 and claim.corrections.count() == 1


@pytest.mark.django_db(transaction=True)
def test_manage_py_flush_with_production_settings_keeps_the_record():
    """`manage.py flush` is TRUNCATE: run as production runs it (its own process and
    settings), it fails and the reviews stay. The suite's own flush after this test works."""
    claim = ClaimFactory(conflict__russia_ukraine=True)
    desk = UserFactory(username="desk")
    services.review_add(claim_id=claim.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.update(DATABASE_URL=url, DEBUG="true", CELERY_BROKER_URL="", SECRET_KEY="s" * 64)
    flush = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "flush", "--noinput"],
        env=env,
        cwd=ROOT,
        timeout=120,
        capture_output=True,
        text=True,
    )
    assert flush.returncode != 0
    assert "couldn't be flushed" in flush.stderr
    assert Review.objects.filter(claim=claim).count() == 1


SQLITE_PROBE = """
import json
from django.db import IntegrityError, connection, transaction
from claims import append_only, services
from claims.models import Claim
from tests.claims.factories import ClaimFactory, UserFactory

claim, desk = ClaimFactory(conflict__russia_ukraine=True), UserFactory(username="desk")
services.review_add(claim_id=claim.id, reviewer=desk, verdict="dispute", note="No.")
services.claim_correct(claim_id=claim.id, editor=desk, kind="advance")
attempts = {
    "review verdict": "UPDATE claims_review SET verdict = 'confirm'",
    "review delete": "DELETE FROM claims_review",
    "correction delete": "DELETE FROM claims_correction",
    "claim delete": f"DELETE FROM claims_claim WHERE id = {claim.id}",
    "claim kind": f"UPDATE claims_claim SET kind = 'denial' WHERE id = {claim.id}",
    "claim side": f"UPDATE claims_claim SET claimant_side = 'ukraine' WHERE id = {claim.id}",
    "claim status": f"UPDATE claims_claim SET status = 'confirmed' WHERE id = {claim.id}",
}
refused = {}
for name, sql in attempts.items():
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
        refused[name] = False
    except IntegrityError:
        refused[name] = True
claim.refresh_from_db()
print(json.dumps({"refused": refused, "kind": claim.kind, "status": claim.status}))
"""


def test_the_embedded_sqlite_database_refuses_the_same_writes(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "CONFLICTWATCH_VAR_DIR": str(tmp_path),
        "DEBUG": "true",
        "CELERY_BROKER_URL": "",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True, timeout=300)
    probe = subprocess.run(
        [*manage, "shell", "-c", SQLITE_PROBE],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    assert all(result["refused"].values()), result
    assert (result["kind"], result["status"]) == (ClaimKind.ADVANCE, ClaimStatus.DISPUTED)
