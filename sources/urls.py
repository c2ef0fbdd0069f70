from django.urls import path

from sources import views

urlpatterns = [
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/new/", views.ArticleCreateView.as_view(), name="article-create"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("articles/fetch/", views.UrlSubmitView.as_view(), name="url-submit"),
    path("fetches/<int:pk>/", views.FetchDetailView.as_view(), name="fetch-detail"),
    path("feeds/", views.FeedListView.as_view(), name="feed-list"),
    path("feeds/new/", views.FeedCreateView.as_view(), name="feed-create"),
]
