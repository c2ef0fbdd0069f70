"""Pages for articles: list, read with claims marked, paste a new one or give its URL;
feeds and their health; the progress of a fetch."""

import logging

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db import DatabaseError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import FormView, ListView, TemplateView

from conflictwatch.core.broker import broker_state
from conflictwatch.core.pages import DomainFormMixin, PublicReadMixin
from conflictwatch.core.search import TEXT_QUERY_MAX_CHARS
from sources import selectors, services
from sources.forms import ArticlePasteForm, FeedForm, UrlSubmitForm
from sources.models import Article, Fetch

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
# While extraction runs the page reloads itself, so it works without JavaScript.
REFRESH_SECONDS = 3


class ArticleListView(PublicReadMixin, ListView):
    template_name = "sources/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.status = self.request.GET.get("status", "")
        if self.status not in Article.Status.values:
            self.status = ""
        # A page forgives what the API refuses: an over-long search is cut, and a null
        # character (which PostgreSQL cannot take) dropped.
        raw = self.request.GET.get("q", "").replace("\x00", "")
        self.q = raw.strip()[:TEXT_QUERY_MAX_CHARS]
        return selectors.article_list(status=self.status or None, q=self.q)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            status=self.status, statuses=Article.Status.choices, q=self.q, **kwargs
        )


class ArticleDetailView(PublicReadMixin, TemplateView):
    template_name = "sources/article_detail.html"

    def get_context_data(self, **kwargs):
        try:
            article = selectors.article_get(article_id=kwargs["pk"])
        except Article.DoesNotExist as exc:
            raise Http404("No such article.") from exc
        waiting = article.status in (Article.Status.PENDING, Article.Status.EXTRACTING)
        return super().get_context_data(
            article=article,
            refresh_seconds=REFRESH_SECONDS if waiting else None,
            **kwargs,
        )


class ArticleCreateView(LoginRequiredMixin, PermissionRequiredMixin, DomainFormMixin, FormView):
    """Anonymous visitors are sent to log in; users without the permission get 403."""

    permission_required = "sources.add_article"
    template_name = "sources/article_form.html"
    form_class = ArticlePasteForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(url_form=UrlSubmitForm(), **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        result = services.article_ingest(
            title=data["title"],
            text=data["text"],
            published=data["published"],
            url=data["url"],
            outlet_name=data["outlet"],
            conflict_key=data["conflict"].key if data["conflict"] else None,
            origin=Article.Origin.PASTE,
        )
        if result.created:
            messages.success(self.request, "Article saved. Its page shows how extraction goes.")
        else:
            messages.info(self.request, "This article was already submitted.")
        return redirect("article-detail", pk=result.article.id)


class UrlSubmitView(LoginRequiredMixin, PermissionRequiredMixin, DomainFormMixin, FormView):
    """The "give a URL" half of the add-article page."""

    permission_required = "sources.add_article"
    template_name = "sources/url_form.html"
    form_class = UrlSubmitForm

    def perform(self, form):
        data = form.cleaned_data
        submitted = services.url_submit(
            url=data["url"], conflict_key=data["conflict"].key if data["conflict"] else None
        )
        if submitted.article is not None:
            messages.info(self.request, "This page is already stored as an article.")
            return redirect("article-detail", pk=submitted.article.id)
        assert submitted.fetch is not None  # url_submit gives a fetch whenever no article
        messages.success(self.request, "The page is being fetched.")
        return redirect("fetch-detail", pk=submitted.fetch.id)


class FetchDetailView(PublicReadMixin, TemplateView):
    """A fetch's progress; reloads itself while it waits, and leads to the article."""

    template_name = "sources/fetch_detail.html"

    def get(self, request, *args, **kwargs):
        try:
            fetch = selectors.fetch_get(fetch_id=kwargs["pk"])
        except Fetch.DoesNotExist as exc:
            raise Http404("No such fetch.") from exc
        if fetch.status == Fetch.Status.STORED and fetch.article_id:
            return redirect("article-detail", pk=fetch.article_id)
        waiting = fetch.status in (Fetch.Status.PENDING, Fetch.Status.FETCHING)
        return self.render_to_response(
            self.get_context_data(
                fetch=fetch, refresh_seconds=REFRESH_SECONDS if waiting else None, **kwargs
            )
        )


class FeedListView(PublicReadMixin, ListView):
    """Feeds with their health; editors add one here."""

    template_name = "sources/feed_list.html"
    context_object_name = "feeds"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.feed_list()

    def get_context_data(self, **kwargs):
        can_add = self.request.user.has_perm("sources.add_feed")
        return super().get_context_data(form=FeedForm() if can_add else None, **kwargs)


class FeedCreateView(LoginRequiredMixin, PermissionRequiredMixin, DomainFormMixin, FormView):
    permission_required = "sources.add_feed"
    template_name = "sources/feed_form.html"
    form_class = FeedForm

    def perform(self, form):
        data = form.cleaned_data
        services.feed_create(
            url=data["url"],
            title=data["title"],
            outlet_name=data["outlet"],
            conflict_key=data["conflict"].key if data["conflict"] else None,
            poll_interval_seconds=data["poll_interval_seconds"],
        )
        messages.success(self.request, "Feed added; it is polled within a minute.")
        return redirect("feed-list")


@never_cache
@require_GET
def readyz(request):
    """Ready to take work: the database answers and the broker is reachable (503 if not),
    with queue depths and the oldest waiting article and fetch, for operators."""
    try:
        pipeline = selectors.pipeline_counts()
        database = "ok"
    except DatabaseError:
        logger.exception("readiness: the database does not answer")
        pipeline, database = None, "error"
    broker = broker_state()
    ready = database == "ok" and broker.reachable
    body = {
        "status": "ok" if ready else "error",
        "database": database,
        "broker": {
            "mode": broker.mode,
            "reachable": broker.reachable,
            "queues": broker.queue_depths,
            **({"error": broker.error} if broker.error else {}),
        },
        "pipeline": pipeline,
    }
    return JsonResponse(body, status=200 if ready else 503)
