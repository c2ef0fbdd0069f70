"""What the review-queue tests share: the editor's pages' URLs and notes in other scripts."""

from django.urls import reverse

from claims.models import Claim

QUEUE = "/review/"
BULK = "/review/confirm/"
UKRAINIAN_NOTE = "Торецьк досі під контролем ЗСУ, це підтверджують карти DeepState."
ARABIC_NOTE = "لم تسيطر قوات الدعم السريع على المدينة بعد، وفق شهود عيان."


def review_url(claim: Claim) -> str:
    return reverse("review-add", args=[claim.id])


def correct_url(claim: Claim) -> str:
    return reverse("claim-correct", args=[claim.id])
