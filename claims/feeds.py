"""Atom feeds (Django's syndication framework) per settlement and per conflict: the latest
claims and status changes, for feed readers. Text from articles goes out HTML-escaped:
an Atom summary is typed html, so a reader would otherwise render markup an article
carried."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from claims.selectors.feeds import FeedEntry, conflict_feed_entries, settlement_feed_entries
from gazetteer.models import Conflict, Settlement


class _EntriesFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        if not settings.PUBLIC_READ and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().__call__(request, *args, **kwargs)

    def item_title(self, entry: FeedEntry) -> str:
        if entry.kind == "status":
            status = entry.the_status
            side = f" ({status.side})" if status.side else ""
            since = f", since {status.since:%Y-%m-%d}" if status.since else ""
            return f"{status.settlement.name}: {status.get_state_display()}{side}{since}"
        claim = entry.the_claim
        about = f" by {claim.side}" if claim.side else ""
        return (
            f"{claim.settlement.name}: {claim.claimant_name} ({claim.claimant_side}) claims "
            f"{claim.get_kind_display()}{about}"
        )

    def item_description(self, entry: FeedEntry) -> str:
        if entry.kind == "status":
            return escape(
                f"Assessed status as known from {entry.the_status.known_from:%Y-%m-%d}; "
                f"flags: {', '.join(entry.the_status.flags) or 'none'}."
            )
        claim = entry.the_claim
        outlet = claim.article.outlet.name if claim.article.outlet is not None else ""
        stated = f"Stated {claim.stated_on:%Y-%m-%d}" + (f" in {outlet}" if outlet else "")
        return (
            f"<p>{escape(claim.evidence)}</p>"
            f"<p>{escape(stated)}; review status: {escape(claim.get_status_display())}.</p>"
        )

    def item_link(self, entry: FeedEntry) -> str:
        if entry.kind == "status":
            return reverse("settlement-detail", args=[entry.the_status.settlement_id])
        return reverse("claim-detail", args=[entry.the_claim.id])

    def item_guid(self, entry: FeedEntry) -> str:
        if entry.kind == "status":
            status = entry.the_status
            return f"urn:conflictwatch:status:{status.settlement_id}:{status.known_from}"
        return f"urn:conflictwatch:claim:{entry.the_claim.id}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry: FeedEntry):
        return entry.when

    def item_updateddate(self, entry: FeedEntry):
        return max(entry.updated, entry.when)


class SettlementFeed(_EntriesFeed):
    def get_object(self, request, pk: int) -> Settlement:
        return get_object_or_404(Settlement, pk=pk)

    def title(self, settlement: Settlement) -> str:
        return f"{settlement.name} · ConflictWatch"

    def subtitle(self, settlement: Settlement) -> str:
        return f"Claims about {settlement} and changes of its status."

    def link(self, settlement: Settlement) -> str:
        return reverse("settlement-detail", args=[settlement.id])

    def items(self, settlement: Settlement) -> list[FeedEntry]:
        return settlement_feed_entries(settlement=settlement)


class ConflictFeed(_EntriesFeed):
    def get_object(self, request, key: str) -> Conflict:
        found = Conflict.objects.filter(key=key).first()
        if found is None:
            raise Http404("No such conflict.")
        return found

    def title(self, conflict: Conflict) -> str:
        return f"{conflict.name} · ConflictWatch"

    def subtitle(self, conflict: Conflict) -> str:
        return f"Claims in {conflict.name} and changes of its settlements' status."

    def link(self, conflict: Conflict) -> str:
        return reverse("conflict-detail", args=[conflict.key])

    def items(self, conflict: Conflict) -> list[FeedEntry]:
        return conflict_feed_entries(conflict=conflict)
