from rest_framework.routers import SimpleRouter

from claims.api import views

router = SimpleRouter(use_regex_path=False)
router.register("settlements", views.SettlementViewSet, basename="settlement")
router.register("claims", views.ClaimViewSet, basename="claim")

urlpatterns = router.urls
