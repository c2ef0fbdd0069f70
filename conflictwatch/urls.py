from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from conflictwatch.core.token_views import TokenListView
from conflictwatch.core.views import favicon, healthz
from sources.views import readyz

# Both apps' API routes share the `api` namespace, so page and API names never collide
# ("settlement-detail" is a page, "api:settlement-detail" the resource).
api_patterns: list[URLPattern | URLResolver] = [
    path("", include("claims.api.urls")),
    path("", include("sources.api.urls")),
    path("", include("webhooks.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api_docs.html"),
        name="docs",
    ),
]

handler500 = "conflictwatch.core.views.server_error"
handler404 = "conflictwatch.core.problems.api_not_found"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="settlement-list"), name="home"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", TokenListView.as_view(), name="account-tokens"),
    path("api/v1/", include((api_patterns, "api"))),
    path("", include("claims.urls")),
    path("", include("sources.urls")),
    path("", include("webhooks.urls")),
]
