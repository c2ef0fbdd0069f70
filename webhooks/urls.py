from django.urls import path

from webhooks import views

urlpatterns = [
    path("webhooks/", views.SubscriptionListView.as_view(), name="webhook-list"),
    path("webhooks/<int:pk>/", views.SubscriptionDetailView.as_view(), name="webhook-detail"),
    path(
        "webhooks/<int:pk>/rotate-secret/",
        views.SubscriptionRotateView.as_view(),
        name="webhook-rotate-secret",
    ),
    path(
        "webhooks/<int:pk>/actions/",
        views.SubscriptionActionView.as_view(),
        name="webhook-action",
    ),
]
