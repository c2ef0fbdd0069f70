from django.urls import path

from claims.views import claims, review, settlements

urlpatterns = [
    path("settlements/", settlements.SettlementListView.as_view(), name="settlement-list"),
    path(
        "settlements/<int:pk>/",
        settlements.SettlementDetailView.as_view(),
        name="settlement-detail",
    ),
    path("claims/<int:pk>/", claims.ClaimDetailView.as_view(), name="claim-detail"),
    path("review/", review.ReviewQueueView.as_view(), name="review-queue"),
    path("review/confirm/", review.ReviewConfirmBulkView.as_view(), name="review-confirm-bulk"),
    path("review/claims/<int:pk>/", review.ReviewAddView.as_view(), name="review-add"),
    path(
        "review/claims/<int:pk>/correct/", review.ClaimCorrectView.as_view(), name="claim-correct"
    ),
]
