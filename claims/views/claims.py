"""The public page of one claim, with ClaimReview markup once editors reviewed it."""

import json

from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from claims.models import Claim
from claims.selectors.claim_reviews import claim_for_page, claim_review_jsonld
from conflictwatch.core.pages import PublicReadMixin


def jsonld_script_text(data: dict) -> str:
    """JSON safe inside <script>: '<', '>' and '&' escaped, so no text in a claim can
    close the script element."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class ClaimDetailView(PublicReadMixin, TemplateView):
    template_name = "claims/claim_detail.html"

    def get_context_data(self, **kwargs):
        try:
            claim = claim_for_page(claim_id=kwargs["pk"])
        except Claim.DoesNotExist as exc:
            raise Http404("No such claim.") from exc
        url = self.request.build_absolute_uri(reverse("claim-detail", args=[claim.id]))
        jsonld = claim_review_jsonld(claim, page_url=url)
        return super().get_context_data(
            claim=claim,
            reviews=list(claim.reviews.all()),
            jsonld=jsonld_script_text(jsonld) if jsonld else "",
            **kwargs,
        )
