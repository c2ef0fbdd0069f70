"""Articles API: read, and push an article to ingest."""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from conflictwatch.core.api import WRITE_PARSERS
from sources import selectors, services
from sources.api.serializers import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
)
from sources.models import Article


@extend_schema_view(
    list=extend_schema(summary="List articles", description="Newest first."),
    retrieve=extend_schema(summary="An article with its text and extraction status"),
    create=extend_schema(
        summary="Push an article to ingest",
        description="Saves the article and queues claim extraction. The same text (by content "
        "hash) submitted again returns the stored article with 200 instead of 201.",
        request=ArticleCreateSerializer,
        responses={
            201: ArticleDetailSerializer,
            200: OpenApiResponse(ArticleDetailSerializer, description="Already submitted."),
            400: OpenApiResponse(description="The article was refused (field errors)."),
            413: OpenApiResponse(description="The request body is too large."),
        },
    ),
)
class ArticleViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Article.objects.all()
    lookup_value_converter = "int"
    parser_classes = WRITE_PARSERS

    def get_serializer_class(self):
        if self.action == "create":
            return ArticleCreateSerializer
        if self.action == "list":
            return ArticleSerializer
        return ArticleDetailSerializer

    def get_queryset(self):
        return selectors.article_list()

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        result = services.article_ingest(
            title=data["title"],
            text=data["text"],
            published=data.get("published"),
            url=data.get("url", ""),
            outlet_name=data.get("outlet", ""),
            conflict_key=data.get("conflict") or None,
            origin=Article.Origin.API,
        )
        article = self._reload(result.article.id)
        body = ArticleDetailSerializer(article, context=self.get_serializer_context()).data
        if not result.created:
            return Response(body, status=status.HTTP_200_OK)
        # str(): the serialised link is a Hyperlink, and WSGI servers want exactly str.
        location = str(body["api_url"])
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})

    def _reload(self, article_id: int) -> Article:
        try:
            return self.get_queryset().get(pk=article_id)
        except Article.DoesNotExist as exc:
            raise Http404 from exc
