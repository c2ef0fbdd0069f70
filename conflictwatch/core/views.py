"""Views that belong to no app: the health check, the favicon, the 500 page."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise; for load balancers and compose."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: the database does not answer")
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page says. The static URL is looked up per
    request: at import time the manifest of collected files may not exist yet."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 page, except under /api/, where clients expect a problem (JSON)."""
    from conflictwatch.core.api import SERVER_ERROR_BODY
    from conflictwatch.core.problems import problem_response

    if request.path.startswith("/api/"):
        return problem_response(request, status=500, **SERVER_ERROR_BODY)
    return defaults.server_error(request)
