from django.urls import path

from claims import views, views_review

urlpatterns = [
    path("settlements/", views.SettlementListView.as_view(), name="settlement-list"),
    path("settlements/<int:pk>/", views.SettlementDetailView.as_view(), name="settlement-detail"),
    path("review/", views_review.ReviewQueueView.as_view(), name="review-queue"),
    path(
        "review/confirm/", views_review.ReviewConfirmBulkView.as_view(), name="review-confirm-bulk"
    ),
    path("review/claims/<int:pk>/", views_review.ReviewAddView.as_view(), name="review-add"),
    path(
        "review/claims/<int:pk>/correct/",
        views_review.ClaimCorrectView.as_view(),
        name="claim-correct",
    ),
]
