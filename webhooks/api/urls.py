from rest_framework.routers import SimpleRouter

from webhooks.api.views import SubscriptionViewSet

router = SimpleRouter(use_regex_path=False)
router.register("webhooks", SubscriptionViewSet, basename="webhook")

urlpatterns = router.urls
