"""API for settlements and claims: parse the input, call a selector or a service, serialise.

Reads are open (unless PUBLIC_READ is off); each write needs its own Django permission:
reviews `claims.add_review`, corrections `claims.add_correction`, resolving a provisional
settlement `gazetteer.change_settlement` (the `editor` group has all three).
"""

from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from claims import selectors, services
from claims.api.exports import (
    CSVRenderer,
    GeoJSONRenderer,
    claims_csv_response,
    settlements_csv_response,
    settlements_geojson_response,
)
from claims.api.pagination import ClaimPagination
from claims.api.serializers import (
    BulkConfirmResultSerializer,
    BulkConfirmSerializer,
    ClaimListParams,
    ClaimSerializer,
    CorrectionCreateSerializer,
    CorrectionSerializer,
    ProvisionalResolveSerializer,
    ReviewCreateSerializer,
    ReviewSerializer,
    SettlementDetailSerializer,
    SettlementListParams,
    SettlementSerializer,
    SettlementStatusAsOfSerializer,
    SettlementStatusParams,
)
from claims.models import Claim
from claims.selectors.claim_reviews import claim_for_page, claim_review_jsonld
from conflictwatch.core.api import (
    KEYSET_QUERY_PARAMS,
    WRITE_PARSERS,
    StrictQueryParamsMixin,
    validated_query_params,
)
from conflictwatch.core.permissions import write_requires
from conflictwatch.core.problems import PROBLEM_RESPONSES, WRITE_PROBLEMS
from conflictwatch.core.users import signed_in_user
from gazetteer.models import Settlement

_REFUSED = WRITE_PROBLEMS


@extend_schema_view(
    list=extend_schema(
        summary="Search settlements",
        description="Without `q`: settlements that have claims, most-claimed first. With `q`: "
        "every settlement whose name or an alias starts with it. As GeoJSON (RFC 7946, "
        "streamed, every match, status in each feature's properties, `as_of` allowed): "
        "`?format=geojson` or `Accept: application/geo+json`. As CSV (RFC 4180, the same "
        "rows flattened, a `#` licence line first): `?format=csv` or `Accept: text/csv`.",
        parameters=[SettlementListParams],
        responses={
            200: SettlementSerializer(many=True),
            (200, "application/geo+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="A FeatureCollection, streamed."
            ),
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="Settlements as CSV, streamed."
            ),
        },
    ),
    retrieve=extend_schema(summary="A settlement with its aliases"),
)
class SettlementViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    # The model, for permissions and the schema; rows come from the selectors.
    queryset = Settlement.objects.all()
    lookup_value_converter = "int"

    def get_serializer_class(self):
        return SettlementDetailSerializer if self.action == "retrieve" else SettlementSerializer

    def get_renderers(self):
        # An undeclared method (no action) must still be a 405, not a 404 for the format.
        extra = [GeoJSONRenderer(), CSVRenderer()] if self.action in ("list", None) else []
        return [*super().get_renderers(), *extra]

    def get_queryset(self):
        params = validated_query_params(SettlementListParams, self.request)
        params.pop("as_of", None)
        return selectors.settlement_list(**params)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "list":
            as_of = validated_query_params(SettlementListParams, self.request).get("as_of")
            return {**context, "as_of": as_of}
        return context

    def list(self, request, *args, **kwargs):
        export = {
            GeoJSONRenderer.format: settlements_geojson_response,
            CSVRenderer.format: settlements_csv_response,
        }.get(request.accepted_renderer.format)
        if export is None:
            return super().list(request, *args, **kwargs)
        params = validated_query_params(SettlementListParams, request)
        if isinstance(self.paginator, PageNumberPagination):
            self.paginator.get_page_size(request)  # the export is every row; a bad size is a 400
        as_of = params.pop("as_of", None)
        return export(request, params, as_of=as_of)

    def get_object(self):
        try:
            settlement = selectors.settlement_get(settlement_id=self.kwargs["pk"])
        except Settlement.DoesNotExist as exc:
            raise Http404 from exc
        return settlement

    @extend_schema(
        summary="A settlement's status, now, as of a date, or on an event date",
        description="`assessed` from confirmed claims, `claimed` per side, `flags`. Without "
        "`as_of` or `on`: the current status. With `as_of`: the same rules over the claims "
        "stated and the reviews made on or before that day (UTC), what was known then. With "
        "`on`: the claims dated on or before that day and every review to date.",
        parameters=[SettlementStatusParams],
        responses={200: SettlementStatusAsOfSerializer, 400: _REFUSED[400], 404: _REFUSED[404]},
    )
    @action(detail=True, methods=["get"], url_path="status", url_name="status")
    def status_view(self, request, pk: int):
        params = validated_query_params(SettlementStatusParams, request)
        try:
            body = selectors.settlement_status(
                settlement_id=pk, as_of=params.get("as_of"), on=params.get("on")
            )
        except Settlement.DoesNotExist as exc:
            raise Http404 from exc
        return Response(SettlementStatusAsOfSerializer(body).data)

    @extend_schema(
        summary="Resolve a provisional settlement",
        description="Moves its claims to `target` (merging claims that become identical), "
        "records a correction on each, and marks it merged into `target`.",
        request=ProvisionalResolveSerializer,
        responses={200: SettlementDetailSerializer, **_REFUSED},
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=WRITE_PARSERS,
        permission_classes=[write_requires("gazetteer.change_settlement")],
    )
    def resolve(self, request, pk: int):
        incoming = ProvisionalResolveSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        self.get_object()
        target = services.settlement_provisional_resolve(
            settlement_id=pk,
            target_id=incoming.validated_data["target"],
            editor=signed_in_user(request),
        )
        body = SettlementDetailSerializer(
            selectors.settlement_get(settlement_id=target.id), context={"request": request}
        ).data
        return Response(body)


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Oldest statement first (with `updated_since`: least recently changed "
        "first). Paged by keyset: follow `next` (or the `Link` header), whose `cursor` "
        "continues after the last claim shown, at the same cost at any depth; `?page=N` "
        "also works but counts past every earlier claim. Unfiltered, on a large table, "
        "`count` is PostgreSQL's estimate (within a few percent) rather than an exact count. "
        "As CSV (RFC 4180, streamed, every match, a `#` licence line first, formula-like "
        "cells prefixed with '): `?format=csv` or `Accept: text/csv`.",
        parameters=[ClaimListParams],
        responses={
            200: ClaimSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="Claims as CSV."),
        },
    ),
    retrieve=extend_schema(summary="A claim"),
)
class ClaimViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    query_params_free_actions = ("retrieve", "reviews", "corrections", "claimreview")
    queryset = Claim.objects.all()
    serializer_class = ClaimSerializer
    pagination_class = ClaimPagination
    lookup_value_converter = "int"

    def get_queryset(self):
        if self.action == "list":
            params = validated_query_params(ClaimListParams, self.request, also=KEYSET_QUERY_PARAMS)
            return selectors.claim_list(**params)
        return selectors.claim_list()

    def get_renderers(self):
        extra = [CSVRenderer()] if self.action in ("list", None) else []
        return [*super().get_renderers(), *extra]

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != CSVRenderer.format:
            return super().list(request, *args, **kwargs)
        params = validated_query_params(ClaimListParams, request)
        if isinstance(self.paginator, PageNumberPagination):
            self.paginator.get_page_size(request)  # the export is every row; a bad size is a 400
        return claims_csv_response(request, params)

    @extend_schema(
        methods=["GET"],
        summary="A claim's reviews, oldest first (who, when, verdict)",
        responses={200: ReviewSerializer(many=True), 404: _REFUSED[404]},
    )
    @extend_schema(
        methods=["POST"],
        summary="Review a claim: confirm, dispute (with a note) or reset",
        request=ReviewCreateSerializer,
        responses={201: ReviewSerializer, **_REFUSED},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=WRITE_PARSERS,
        permission_classes=[write_requires("claims.add_review")],
        pagination_class=None,
    )
    def reviews(self, request, pk: int):
        claim = self.get_object()
        if request.method == "GET":
            reviews = selectors.review_list(claim_id=claim.id)
            return Response(ReviewSerializer(reviews, many=True).data)
        incoming = ReviewCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        review = services.review_add(
            claim_id=claim.id, reviewer=signed_in_user(request), **incoming.validated_data
        )
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="A reviewed claim as schema.org ClaimReview (JSON-LD)",
        description="The same markup as the claim's page (/claims/{id}/) carries: the "
        "claim, who made it where and when, and the editors' verdict as a rating with "
        "`alternateName`. Only confirmed and disputed claims have one; others answer 404 "
        "with code `not_reviewed`.",
        responses={200: OpenApiTypes.OBJECT, **PROBLEM_RESPONSES},
    )
    @action(detail=True, methods=["get"], url_path="claimreview", url_name="claimreview",
            pagination_class=None)  # fmt: skip
    def claimreview(self, request, pk: int):
        try:
            claim = claim_for_page(claim_id=pk)
        except Claim.DoesNotExist as exc:
            raise Http404 from exc
        page = request.build_absolute_uri(reverse("claim-detail", args=[claim.id]))
        body = claim_review_jsonld(claim, page_url=page)
        if body is None:
            raise NotFound("Editors have not confirmed or disputed this claim.", "not_reviewed")
        return Response(body, content_type="application/ld+json")

    @extend_schema(
        summary="Confirm several claims at once",
        request=BulkConfirmSerializer,
        responses={200: BulkConfirmResultSerializer, **_REFUSED},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="confirm",
        url_name="confirm",
        parser_classes=WRITE_PARSERS,
        permission_classes=[write_requires("claims.add_review")],
    )
    def confirm(self, request):
        incoming = BulkConfirmSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        confirmed = services.reviews_confirm_bulk(
            claim_ids=incoming.validated_data["claims"], reviewer=signed_in_user(request)
        )
        return Response(BulkConfirmResultSerializer({"confirmed": confirmed}).data)

    @extend_schema(
        methods=["GET"],
        summary="A claim's corrections, oldest first (who, when, what changed)",
        responses={200: CorrectionSerializer(many=True), 404: _REFUSED[404]},
    )
    @extend_schema(
        methods=["POST"],
        summary="Correct a claim's settlement, claimant side, kind or side",
        description="Answers with the surviving claim: if the correction made this claim "
        "identical to another of the same article, the two are merged into that one.",
        request=CorrectionCreateSerializer,
        responses={201: ClaimSerializer, **_REFUSED},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=WRITE_PARSERS,
        permission_classes=[write_requires("claims.add_correction")],
        pagination_class=None,
    )
    def corrections(self, request, pk: int):
        claim = self.get_object()
        if request.method == "GET":
            corrections = selectors.correction_list(claim_id=claim.id)
            return Response(CorrectionSerializer(corrections, many=True).data)
        incoming = CorrectionCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        survivor = services.claim_correct(
            claim_id=claim.id, editor=signed_in_user(request), **incoming.validated_data
        )
        body = ClaimSerializer(
            selectors.claim_list().get(pk=survivor.pk), context=self.get_serializer_context()
        ).data
        return Response(body, status=status.HTTP_201_CREATED)
