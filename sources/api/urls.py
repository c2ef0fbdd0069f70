from rest_framework.routers import SimpleRouter

from sources.api import views

router = SimpleRouter(use_regex_path=False)
router.register("articles", views.ArticleViewSet, basename="article")
router.register("fetches", views.FetchViewSet, basename="fetch")
router.register("feeds", views.FeedViewSet, basename="feed")

urlpatterns = router.urls
