"""The claims read from an article, for the article page.

The page belongs to sources, which must not depend on the claim ledger (claims depends on
sources); the template asks for the claims by this tag instead of the view importing them.
"""

from django import template

from claims.models import Claim
from claims.selectors import claim_list
from sources.models import Article

register = template.Library()


@register.simple_tag
def claims_read_from(article: Article) -> list[Claim]:
    """The article's claims, in the order the claims table shows them."""
    return list(claim_list(article_id=article.id))
