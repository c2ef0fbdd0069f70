"""Model behaviour the services rely on."""

import pytest

from claims.models import Correction, Review
from claims.vocabulary import ClaimKind, ReviewVerdict
from tests.claims.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_reviews_and_corrections_are_append_only_and_remember_their_claim():
    claim, editor = ClaimFactory(), UserFactory()
    review = Review.objects.create(claim=claim, verdict=ReviewVerdict.CONFIRM, reviewer=editor)
    correction = Correction.objects.create(
        claim=claim, changes={"kind": [ClaimKind.CAPTURE, ClaimKind.ADVANCE]}, editor=editor
    )
    for row in (review, correction):
        assert row.origin_claim_id == claim.id
        row.note = "rewritten"
        with pytest.raises(PermissionError):
            row.save()
        with pytest.raises(PermissionError):
            row.delete()
    assert list(claim.reviews.values_list("note", flat=True)) == [""]
    assert claim.corrections.get().note == ""
