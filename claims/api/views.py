"""Read API for settlements and claims: parse the filters, call a selector, serialise."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from claims import selectors
from claims.api.serializers import (
    ClaimListParams,
    ClaimSerializer,
    SettlementDetailSerializer,
    SettlementListParams,
    SettlementSerializer,
)
from claims.models import Claim, Settlement
from conflictwatch.core.api import validated_query_params


@extend_schema_view(
    list=extend_schema(
        summary="Search settlements",
        description="Without `q`: settlements that have claims, most-claimed first. With `q`: "
        "every settlement whose name or an alias starts with it.",
        parameters=[SettlementListParams],
    ),
    retrieve=extend_schema(summary="A settlement with its aliases"),
)
class SettlementViewSet(viewsets.ReadOnlyModelViewSet):
    # The model, for permissions and the schema; rows come from the selectors.
    queryset = Settlement.objects.all()
    lookup_value_converter = "int"

    def get_serializer_class(self):
        return SettlementDetailSerializer if self.action == "retrieve" else SettlementSerializer

    def get_queryset(self):
        params = validated_query_params(SettlementListParams, self.request)
        return selectors.settlement_list(**params)

    def get_object(self):
        try:
            settlement = selectors.settlement_get(settlement_id=self.kwargs["pk"])
        except Settlement.DoesNotExist as exc:
            raise Http404 from exc
        return settlement


@extend_schema_view(
    list=extend_schema(
        summary="List claims", description="Oldest statement first.", parameters=[ClaimListParams]
    ),
    retrieve=extend_schema(summary="A claim"),
)
class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Claim.objects.all()
    serializer_class = ClaimSerializer
    lookup_value_converter = "int"

    def get_queryset(self):
        if self.action == "list":
            return selectors.claim_list(**validated_query_params(ClaimListParams, self.request))
        return selectors.claim_list()
