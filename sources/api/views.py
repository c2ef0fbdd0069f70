"""Articles API: read, push an article to ingest, give a URL to fetch; feeds."""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from conflictwatch.core.api import (
    KEYSET_QUERY_PARAMS,
    WRITE_PARSERS,
    StrictQueryParamsMixin,
    validated_query_params,
)
from conflictwatch.core.pagination import KeysetPagination
from conflictwatch.core.permissions import write_requires
from sources import selectors, services
from sources.api.serializers import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleListParams,
    ArticleSerializer,
    FeedCreateSerializer,
    FeedSerializer,
    FetchSerializer,
    UrlSubmitSerializer,
)
from sources.models import Article


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        description="Newest first, paged by keyset (follow `next`). With `q`: those whose "
        "title or text has every word.",
        parameters=[ArticleListParams],
    ),
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
class ArticleViewSet(
    StrictQueryParamsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    queryset = Article.objects.all()
    lookup_value_converter = "int"
    parser_classes = WRITE_PARSERS
    pagination_class = KeysetPagination

    def get_serializer_class(self):
        if self.action == "create":
            return ArticleCreateSerializer
        if self.action == "list":
            return ArticleSerializer
        return ArticleDetailSerializer

    def get_queryset(self):
        if self.action == "list":
            params = validated_query_params(
                ArticleListParams, self.request, also=KEYSET_QUERY_PARAMS
            )
            return selectors.article_list(**params)
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


@extend_schema_view(
    list=extend_schema(summary="List URL fetches", description="Newest first."),
    retrieve=extend_schema(summary="A fetch: its progress, error, and the stored article"),
    create=extend_schema(
        summary="Give a URL to fetch and store as an article",
        description="Queues the page to be downloaded (on the `fetch` queue), its story "
        "extracted and stored as an article. 202 with the fetch; 200 with the article when "
        "that page (by normalised URL) is already stored.",
        request=UrlSubmitSerializer,
        responses={
            202: FetchSerializer,
            200: OpenApiResponse(ArticleDetailSerializer, description="Already stored."),
            400: OpenApiResponse(description="The URL was refused (field errors)."),
        },
    ),
)
class FetchViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_converter = "int"
    parser_classes = WRITE_PARSERS
    # Giving a URL adds an article, so it needs the same permission as pushing one.
    permission_classes = [write_requires("sources.add_article")]
    serializer_class = FetchSerializer

    def get_queryset(self):
        return selectors.fetch_list()

    def get_serializer_class(self):
        return UrlSubmitSerializer if self.action == "create" else FetchSerializer

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        submitted = services.url_submit(url=data["url"], conflict_key=data.get("conflict") or None)
        context = self.get_serializer_context()
        if submitted.article is not None and submitted.fetch is None:
            article = selectors.article_list().get(pk=submitted.article.id)
            return Response(ArticleDetailSerializer(article, context=context).data)
        assert submitted.fetch is not None  # url_submit gives a fetch whenever no article
        fetch = selectors.fetch_get(fetch_id=submitted.fetch.id)
        body = FetchSerializer(fetch, context=context).data
        location = {"Location": str(body["api_url"])}
        return Response(body, status=status.HTTP_202_ACCEPTED, headers=location)


@extend_schema_view(
    list=extend_schema(summary="List feeds with their health"),
    retrieve=extend_schema(summary="A feed with its health"),
    create=extend_schema(
        summary="Add an RSS or Atom feed",
        request=FeedCreateSerializer,
        responses={201: FeedSerializer, 400: OpenApiResponse(description="Refused.")},
    ),
    pause=extend_schema(
        summary="Pause a feed",
        description="It is not polled until resumed; its health and entries stay. Editors only.",
        request=None,
        responses={200: FeedSerializer, 404: OpenApiResponse(description="No such feed.")},
    ),
    resume=extend_schema(
        summary="Resume a feed",
        description="Due for a poll at once, its failure count cleared. Editors only.",
        request=None,
        responses={200: FeedSerializer, 404: OpenApiResponse(description="No such feed.")},
    ),
)
class FeedViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_converter = "int"
    parser_classes = WRITE_PARSERS
    permission_classes = [write_requires("sources.add_feed")]
    serializer_class = FeedSerializer
    # Pausing and resuming manage a feed someone added: the editor's change permission.
    _manage = [write_requires("sources.change_feed")]

    def get_queryset(self):
        return selectors.feed_list()

    def get_serializer_class(self):
        return FeedCreateSerializer if self.action == "create" else FeedSerializer

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        feed = services.feed_create(
            url=data["url"],
            title=data.get("title", ""),
            outlet_name=data.get("outlet", ""),
            conflict_key=data.get("conflict") or None,
            poll_interval_seconds=data.get("poll_interval_seconds"),
        )
        body = self._body(feed.id)
        location = {"Location": str(body["api_url"])}
        return Response(body, status=status.HTTP_201_CREATED, headers=location)

    @action(detail=True, methods=["post"], permission_classes=_manage)
    def pause(self, request, pk=None):
        return Response(self._body(services.feed_pause(feed_id=self.get_object().id).id))

    @action(detail=True, methods=["post"], permission_classes=_manage)
    def resume(self, request, pk=None):
        return Response(self._body(services.feed_resume(feed_id=self.get_object().id).id))

    def _body(self, feed_id: int) -> dict:
        feed = self.get_queryset().get(pk=feed_id)
        return FeedSerializer(feed, context=self.get_serializer_context()).data
