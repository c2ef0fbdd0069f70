"""A writer process for the change-feed sync test: run as
`python -m tests.claims.api.sync_writer NAME CONFLICT_ID SETTLEMENT_ID...` with
DATABASE_URL pointing at the test database. It tells the story every consumer must be able
to replay, several times over: claims extracted, reviewed one by one and in bulk, corrected,
merged by a correction, superseded and removed by re-extraction.
"""

import os
import sys
import uuid


def main(name: str, conflict_id: int, settlement_ids: list[int], rounds: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
    django.setup()
    from claims.models import Claim
    from claims.services import claim_correct, review_add, reviews_confirm_bulk
    from claims.vocabulary import ClaimKind, ReviewVerdict
    from gazetteer.models import Conflict, Settlement
    from tests.claims.factories import UserFactory, article_on, extract, found

    conflict = Conflict.objects.get(pk=conflict_id)
    places = list(Settlement.objects.filter(pk__in=settlement_ids).order_by("id"))
    desk = UserFactory.create(username=f"desk-{name}")
    for n in range(rounds):
        place = places[n % len(places)]
        other = places[(n + 1) % len(places)]
        article = article_on(
            __import__("datetime").date(2025, 1, 1 + n % 28),
            content_hash=uuid.uuid4().hex * 2,
            url=f"https://news.example.org/{name}/{n}",
        )
        story = [
            found(place, ClaimKind.CAPTURE, "russia", by="russia"),
            found(place, ClaimKind.DENIAL, "russia", by="ukraine"),
            found(place, ClaimKind.CONTESTED, by="ukraine"),
            found(other, ClaimKind.WITHDRAWAL, "ukraine", by="russia"),
            found(other, ClaimKind.ADVANCE, "russia", by="russia"),
        ]
        capture, denial, contested, withdrawal, advance = extract(article, conflict, story)
        review_add(claim_id=capture.id, reviewer=desk, verdict=ReviewVerdict.CONFIRM)
        review_add(claim_id=denial.id, reviewer=desk, verdict=ReviewVerdict.DISPUTE,
                   note="Спростовано: the brigade left on the 3rd.")  # fmt: skip
        claim_correct(claim_id=contested.id, editor=desk, kind=ClaimKind.ADVANCE, side="ukraine")
        # The denial, corrected into the capture's identity, merges into the capture.
        claim_correct(claim_id=denial.id, editor=desk, claimant_side="russia",
                      kind=ClaimKind.CAPTURE)  # fmt: skip
        reviews_confirm_bulk(claim_ids=[advance.id, withdrawal.id], reviewer=desk)
        review_add(claim_id=withdrawal.id, reviewer=desk, verdict=ReviewVerdict.RESET)
        # Re-extraction: the capture is found again, the corrected contested claim (an
        # editor's work) is superseded, the advance stays, the withdrawal (reset, so
        # reviewed) is superseded, and a new unreviewed claim comes and then goes.
        extract(
            article, conflict, [story[0], story[4], found(other, ClaimKind.CONTESTED, by="russia")]
        )
        extract(article, conflict, [story[0], story[4]])
        assert Claim.objects.filter(article=article).count() == 4
    print(f"{name}: done", flush=True)


if __name__ == "__main__":
    writer, conflict_arg, *settlement_args = sys.argv[1:]
    main(
        writer,
        int(conflict_arg),
        [int(s) for s in settlement_args],
        int(os.environ.get("ROUNDS", "6")),
    )
