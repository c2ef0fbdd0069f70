"""Pages for articles: list, read with claims marked, paste a new one."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import FormView, ListView, TemplateView

from claims.selectors import claim_list
from conflictwatch.core.pages import DomainFormMixin, PublicReadMixin
from sources import selectors, services
from sources.forms import ArticlePasteForm
from sources.models import Article

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
        return selectors.article_list(status=self.status or None)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            status=self.status, statuses=Article.Status.choices, **kwargs
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
            claims=list(claim_list(article_id=article.id)),
            refresh_seconds=REFRESH_SECONDS if waiting else None,
            **kwargs,
        )


class ArticleCreateView(LoginRequiredMixin, PermissionRequiredMixin, DomainFormMixin, FormView):
    """Anonymous visitors are sent to log in; users without the permission get 403."""

    permission_required = "sources.add_article"
    template_name = "sources/article_form.html"
    form_class = ArticlePasteForm

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
            messages.success(self.request, "Article saved; extraction queued.")
        else:
            messages.info(self.request, "This article was already submitted.")
        return redirect("article-detail", pk=result.article.id)
