from django.urls import path

from sources import views

urlpatterns = [
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/new/", views.ArticleCreateView.as_view(), name="article-create"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
