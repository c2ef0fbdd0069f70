from django.urls import path
from rest_framework.routers import SimpleRouter

from claims.api import maps, views
from claims.api.changes import ChangeFeedView

router = SimpleRouter(use_regex_path=False)
router.register("settlements", views.SettlementViewSet, basename="settlement")
router.register("claims", views.ClaimViewSet, basename="claim")

urlpatterns = [
    path("settlements/map/", maps.SettlementMapView.as_view(), name="settlement-map"),
    path("changes/", ChangeFeedView.as_view(), name="change-list"),
    *router.urls,
]
