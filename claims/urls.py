from django.urls import path

from claims.feeds import ConflictFeed, SettlementFeed
from claims.views import claims, conflicts, maps, review, settlements

urlpatterns = [
    path("settlements/", settlements.SettlementListView.as_view(), name="settlement-list"),
    path(
        "settlements/<int:pk>/",
        settlements.SettlementDetailView.as_view(),
        name="settlement-detail",
    ),
    path("settlements/<int:pk>/feed.atom", SettlementFeed(), name="settlement-feed"),
    path("map/", maps.MapView.as_view(), name="map"),
    path("conflicts/", conflicts.ConflictListView.as_view(), name="conflict-list"),
    path("conflicts/<slug:key>/", conflicts.ConflictDetailView.as_view(), name="conflict-detail"),
    path("conflicts/<slug:key>/feed.atom", ConflictFeed(), name="conflict-feed"),
    path(
        "settlements/<int:pk>/claims/<int:claim_id>/",
        settlements.SettlementClaimView.as_view(),
        name="settlement-claim",
    ),
    path("claims/<int:pk>/", claims.ClaimDetailView.as_view(), name="claim-detail"),
    path("review/", review.ReviewQueueView.as_view(), name="review-queue"),
    path("review/confirm/", review.ReviewConfirmBulkView.as_view(), name="review-confirm-bulk"),
    path("review/claims/<int:pk>/", review.ReviewAddView.as_view(), name="review-add"),
    path(
        "review/claims/<int:pk>/correct/", review.ClaimCorrectView.as_view(), name="claim-correct"
    ),
]
