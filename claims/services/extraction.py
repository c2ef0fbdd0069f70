"""Writes for claims: storing what the extractor found, idempotently."""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from claims.extraction import EXTRACTOR_VERSION, ExtractedClaim, ExtractionResult, extract_many
from claims.models import Change, Claim, Correction, Review
from claims.services.answers import denials_relink
from claims.services.changes import changes_record
from claims.services.leases import extraction_locks
from claims.status.facts import review_facts
from claims.status.rules import claim_review_status
from claims.status.store import settlement_status_refresh
from claims.vocabulary import ClaimStatus
from conflictwatch.core.logs import event
from gazetteer.models import Conflict, Settlement
from gazetteer.names import normalize_name
from sources.models import Article

logger = logging.getLogger(__name__)

ClaimKey = tuple[int, str, str, str]


class _Reviewed(TypedDict):
    reviewed: bool


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    # A stored claim with `reviewed`: an editor reviewed or corrected it.
    StoredClaim = WithAnnotations[Claim, _Reviewed]


def settlement_provisional_get_or_create(*, name: str, country: str = "") -> Settlement:
    """The provisional settlement for a place name no gazetteer has, made once per name."""
    normalized = normalize_name(name)
    existing = (
        Settlement.objects.filter(
            source=Settlement.Source.PROVISIONAL, normalized_name=normalized, country=country
        )
        .order_by("id")
        .first()
    )
    if existing is not None:
        return existing.merged_into or existing
    return Settlement.objects.create(
        name=name.strip()[:200], source=Settlement.Source.PROVISIONAL, country=country
    )


def _settlement_for(found: ExtractedClaim) -> Settlement | int:
    if found.settlement_id is not None:
        return found.settlement_id
    return settlement_provisional_get_or_create(name=found.settlement_name, country=found.country)


def claims_replace_for_article(
    *, article: Article, conflict: Conflict | None, found: list[ExtractedClaim]
) -> list[Claim]:
    """Make the article's claims equal to what the extractor found, keeping editors' work.

    Claims found again keep their id, status and reviews (their evidence and version are
    refreshed); claims no longer found are deleted if nobody reviewed them, and marked
    `superseded` if somebody did. A claim an editor corrected is found again under the
    identity the extractor first gave it (`extracted_as`), so re-extraction keeps the
    correction instead of re-creating the uncorrected claim. The stored status of every
    settlement touched is recomputed before returning. Call inside a transaction holding
    the article's row lock.
    """
    stated_on = article.published.date()
    wanted: dict[ClaimKey, Claim] = {}
    for item in found:
        target = _settlement_for(item)
        settlement_id = target if isinstance(target, int) else target.id
        key = (settlement_id, item.claimant_side, item.kind, item.side)
        if key in wanted:  # the first sentence that states a claim is its evidence
            continue
        wanted[key] = Claim(
            article=article,
            conflict=conflict,
            settlement_id=settlement_id,
            settlement_mention=item.settlement_mention[:200],
            claimant_id=item.claimant_actor_id,
            claimant_name=item.claimant_name[:300],
            claimant_side=item.claimant_side,
            kind=item.kind,
            side=item.side,
            evidence=item.evidence,
            evidence_start=item.evidence_start,
            evidence_end=item.evidence_end,
            stated_on=stated_on,
            event_date=item.event_date,
            confidence=item.confidence,
            extractor_version=EXTRACTOR_VERSION,
        )

    existing = _existing_claims(article)
    existing_before = list(existing.values())
    touched = {c.settlement_id for c in existing.values()} | {k[0] for k in wanted}
    refreshed_fields = [
        "conflict", "settlement_mention", "claimant", "claimant_name", "evidence",
        "evidence_start", "evidence_end", "stated_on", "event_date", "confidence",
        "extractor_version", "updated_at",
    ]  # fmt: skip
    to_update, to_create, kept, revived = [], [], set(), []
    for key, claim in wanted.items():
        old = existing.pop(key, None)
        if old is None:
            to_create.append(claim)
            continue
        if old.pk in kept:  # two extracted identities of one claim, merged by an editor
            continue
        kept.add(old.pk)
        claim.pk, claim.created_at, claim.updated_at = old.pk, old.created_at, timezone.now()
        claim.status = (
            ClaimStatus.UNVERIFIED
            if old.status == ClaimStatus.SUPERSEDED and not old.reviewed
            else old.status
        )
        if old.status == ClaimStatus.SUPERSEDED and old.reviewed:
            claim.status = _status_from_reviews(old)
        if old.status == ClaimStatus.SUPERSEDED:
            revived.append(old.pk)
        to_update.append(claim)
    Claim.objects.bulk_create(to_create)
    Claim.objects.bulk_update(to_update, refreshed_fields)
    # A status is never written as a value: found again, a superseded claim takes what its
    # reviews say (the database checks both against the reviews and the article's lease).
    Claim.objects.filter(pk__in=revived).status_from_reviews()
    gone = {c.pk: c for c in existing.values() if c.pk not in kept}.values()
    gone_reviewed = [c.pk for c in gone if c.reviewed]
    gone_unreviewed = [c.pk for c in gone if not c.reviewed]
    Claim.objects.filter(pk__in=gone_reviewed).supersede()
    Claim.objects.filter(pk__in=gone_unreviewed).delete()
    # The earliest day the change counts from: a claim counts as of its stated date, and
    # one superseded or deleted leaves the status as of every day since its own.
    days = [c.stated_on for c in existing_before] + [stated_on]
    changed = settlement_status_refresh(settlement_ids=touched, changed_on=min(days))
    events: list[tuple[str, int]] = [
        *((Change.Event.CLAIM_CREATED, c.pk) for c in to_create),
        *((Change.Event.CLAIM_UPDATED, c.pk) for c in to_update),
        *((Change.Event.CLAIM_SUPERSEDED, pk) for pk in gone_reviewed),
        *((Change.Event.CLAIM_REMOVED, pk) for pk in gone_unreviewed),
    ]
    denials_relink(settlement_ids=touched, events=events)
    changes_record(events=events, settlement_ids=changed)
    return to_create + to_update


def _existing_claims(article: Article) -> "dict[ClaimKey, StoredClaim]":
    """The article's claims by identity: the current one, and for corrected claims also
    the ones the extractor gave them. Corrected claims count as reviewed (editors' work)."""
    claims = Claim.objects.filter(article=article).annotate(
        reviewed=Exists(Review.objects.filter(claim=OuterRef("pk")))
        | Exists(Correction.objects.filter(claim=OuterRef("pk")))
    )
    existing: dict[ClaimKey, StoredClaim] = {}
    for claim in claims:
        for key in claim.extracted_as:
            existing.setdefault(tuple(key), claim)
    for claim in claims:
        # A claim's current identity wins over another claim's former one.
        existing[(claim.settlement_id, claim.claimant_side, claim.kind, claim.side)] = claim
    return existing


def _status_from_reviews(claim: Claim) -> str:
    """A superseded claim found again takes its latest review's verdict (claims.status.rules)."""
    return claim_review_status(review_facts(claim.reviews.all()))


# Errors that say "try again later" (the database or a network service went away), not
# "this article cannot be read": the task retries these and records `failed` only when its
# retries run out.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
)


def _claim_work(*, article_id: int, force: bool, lease_token: str = "") -> bool:
    """Take the article into `extracting` by conditional UPDATE: True if this caller won.

    Claimable: `pending`; `extracting` under this caller's own token (its message was
    delivered again because the worker running it died, or it is a retry); `extracting`
    whose lease ran out (older than the task's hard time limit, so its holder is gone);
    with `force` also the settled states (re-extraction).
    """
    claimable = Q(status=Article.Status.PENDING) | Q(
        status=Article.Status.EXTRACTING, status_changed_at__lt=timezone.now() - _lease()
    )
    if lease_token:
        claimable |= Q(status=Article.Status.EXTRACTING, lease_token=lease_token)
    if force:
        claimable |= Q(status__in=[Article.Status.EXTRACTED, Article.Status.FAILED])
    return bool(
        Article.objects.filter(claimable, id=article_id).update(
            status=Article.Status.EXTRACTING,
            status_changed_at=timezone.now(),
            lease_token=lease_token,
        )
    )


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def article_record_failure(*, article_id: int, reason: str) -> None:
    """Mark the article `failed` with why, so nothing re-queues it in a loop."""
    Article.objects.filter(id=article_id).update(
        status=Article.Status.FAILED,
        status_reason=reason[:2000] or "failed",
        status_changed_at=timezone.now(),
        lease_token="",
    )


def _record_failure(article_id: int, exc: BaseException) -> None:
    logger.exception(
        "article %s: extraction failed",
        article_id,
        extra=event("extraction.failed", article_id=article_id),
    )
    article_record_failure(article_id=article_id, reason=f"{type(exc).__name__}: {exc}")


def _store_result(*, article_id: int, result: ExtractionResult, lease_token: str = "") -> bool:
    """One transaction: the article's claims replaced, the article marked extracted.

    Only while this caller still holds the work: when a message was delivered twice, the
    first copy to finish stores its result and the other finds the article settled and
    stores nothing. Returns whether this call stored.
    """
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(id=article_id)
        if locked.status != Article.Status.EXTRACTING or locked.lease_token != lease_token:
            logger.info(
                "article %s: settled by another run, result dropped",
                article_id,
                extra=event("extraction.dropped", article_id=article_id, task_id=lease_token),
            )
            return False
        conflict = Conflict.objects.get(key=result.conflict_key) if result.conflict_key else None
        claims_replace_for_article(
            article=locked, conflict=conflict, found=result.claims if conflict else []
        )
        locked.status = Article.Status.EXTRACTED
        locked.status_reason = "; ".join(result.notes)
        locked.language = result.language
        locked.extractor_version = EXTRACTOR_VERSION
        locked.lease_token = ""
        locked.status_changed_at = locked.extracted_at = timezone.now()
        if locked.conflict_id is None and conflict is not None:
            locked.conflict = conflict
        locked.save()
    logger.info(
        "article %s: %d claims",
        article_id,
        len(result.claims),
        extra=event(
            "extraction.stored",
            article_id=article_id,
            task_id=lease_token,
            claims=len(result.claims),
        ),
    )
    return True


def _extraction_input(article: Article) -> tuple:
    return (
        article.text,
        article.published.date(),
        article.conflict.key if article.conflict is not None else None,
        article.outlet.name if article.outlet is not None else "",
    )


def article_extract(
    *, article_id: int, force: bool = False, lease_token: str = ""
) -> Article | None:
    """Run the extractor over one article and store its claims; safe to run twice.

    Claims the work with a conditional UPDATE (see `_claim_work`): if no row changes,
    another worker has it or it is done, and this call returns None. `lease_token` is the
    caller's identity (the task id), so a redelivered message resumes its own work.
    `force` re-runs an article in any settled state (re-extraction). NLP runs outside any
    transaction. A transient error (database or network gone) is raised with the article
    left `extracting` under the lease, for the caller to retry; any other error records
    `failed` with the reason and is raised.
    """
    # Held from before the claim to after the result is stored: a dead worker's article is
    # the one `extracting` with nobody holding it (claims.services.leases).
    with extraction_locks([article_id]):
        if not _claim_work(article_id=article_id, force=force, lease_token=lease_token):
            logger.info(
                "article %s: not claimable (done, or another worker has it)",
                article_id,
                extra=event("extraction.skipped", article_id=article_id, task_id=lease_token),
            )
            return None
        try:
            article = Article.objects.select_related("conflict", "outlet").get(id=article_id)
            (result,) = extract_many([_extraction_input(article)])
            stored = _store_result(article_id=article_id, result=result, lease_token=lease_token)
        except TRANSIENT_ERRORS:
            raise
        except Exception as exc:
            _record_failure(article_id, exc)
            raise
    return Article.objects.get(id=article_id) if stored else None


@dataclass(frozen=True)
class ReextractReport:
    articles: int
    failed: int


def articles_for_reextraction(
    *, conflict_key: str | None = None, since: dt.date | None = None, everything: bool = False
):
    """Settled articles an older extractor version read (all settled ones with everything)."""
    qs = Article.objects.filter(status__in=[Article.Status.EXTRACTED, Article.Status.FAILED])
    if not everything:
        qs = qs.exclude(extractor_version=EXTRACTOR_VERSION, status=Article.Status.EXTRACTED)
    if conflict_key:
        qs = qs.filter(conflict__key=conflict_key)
    if since:
        qs = qs.filter(published__date__gte=since)
    return qs.order_by("id")


def articles_reextract(
    *,
    conflict_key: str | None = None,
    since: dt.date | None = None,
    everything: bool = False,
    batch_size: int = 32,
    progress: Callable[[int], object] | None = None,
) -> ReextractReport:
    """Re-run the current extractor over stored articles, keeping editors' work.

    Claims still found keep their reviews; reviewed claims no longer found become
    `superseded`; unreviewed ones go. Articles already read by this version are skipped,
    so a second run changes nothing. Articles are parsed in batches (spaCy's nlp.pipe).
    """
    ids = list(
        articles_for_reextraction(
            conflict_key=conflict_key, since=since, everything=everything
        ).values_list("id", flat=True)
    )
    done = failed = 0
    for start in range(0, len(ids), batch_size):
        with extraction_locks(ids[start : start + batch_size]):
            done_now, failed_now = _reextract_batch(ids[start : start + batch_size])
        done, failed = done + done_now, failed + failed_now
        if progress is not None:
            progress(len(ids[start : start + batch_size]))
    return ReextractReport(articles=done, failed=failed)


def _reextract_batch(ids: list[int]) -> tuple[int, int]:
    """Claim, parse and store one batch; returns (stored, failed)."""
    done = failed = 0
    claimed = [i for i in ids if _claim_work(article_id=i, force=True)]
    articles = list(
        Article.objects.select_related("conflict", "outlet").filter(id__in=claimed).order_by("id")
    )
    try:
        results = extract_many([_extraction_input(a) for a in articles])
    except Exception as exc:
        for article in articles:
            _record_failure(article.id, exc)
        return 0, len(articles)
    for article, result in zip(articles, results, strict=True):
        try:
            _store_result(article_id=article.id, result=result)
            done += 1
        except Exception as exc:
            _record_failure(article.id, exc)
            failed += 1
    return done, failed
