"""The map's data: settlements with claims as GeoJSON points with their assessed state,
now or as of a date, for the map page (static/js/map.js) and any GIS client."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import SettlementStatus
from claims.selectors.maps import MapPoint, map_points
from conflictwatch.core.api import validated_query_params
from gazetteer.selectors import side_names


class MapParams(serializers.Serializer):
    conflict = serializers.SlugField(
        required=False, max_length=64, source="conflict_key", help_text="Conflict key."
    )
    state = serializers.ChoiceField(
        required=False, choices=SettlementStatus.State.choices, help_text="Assessed state."
    )
    side = serializers.SlugField(
        required=False, max_length=64, help_text="The controlling (or last controlling) side."
    )
    disputed = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Has the disputed-claims flag."
    )
    as_of = serializers.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text="The status as it stood at the end of this day (UTC), as YYYY-MM-DD.",
        error_messages={"invalid": "Give as_of as a date, YYYY-MM-DD (e.g. 2025-02-01)."},
    )


def feature(point: MapPoint, names: dict[str, str], page_url: str) -> dict:
    return {
        "type": "Feature",
        "id": point.id,
        # GeoJSON is longitude first (RFC 7946).
        "geometry": {"type": "Point", "coordinates": [point.longitude, point.latitude]},
        "properties": {
            "name": point.name,
            "region": point.region,
            "country": point.country,
            "state": point.state,
            "side": point.side or None,
            "side_name": names.get(point.side, point.side) if point.side else None,
            "since": point.since.isoformat() if point.since else None,
            "flags": list(point.flags),
            "claim_count": point.claim_count,
            "url": page_url.replace("/0/", f"/{point.id}/"),
        },
    }


class SettlementMapView(APIView):
    @extend_schema(
        summary="Settlements as GeoJSON points with their assessed state",
        description="Settlements with claims and coordinates. Without `as_of`: the current "
        "status; with it: the status as it stood at the end of that day. `truncated` says "
        "the list was cut at its limit.",
        parameters=[MapParams],
        responses={200: OpenApiResponse(description="A GeoJSON FeatureCollection.")},
    )
    def get(self, request):
        params = validated_query_params(MapParams, request)
        points, cut = map_points(**params)
        names = side_names()
        # One reverse() for all points: it costs more than the rest of a feature.
        page_url = reverse("settlement-detail", args=[0])
        return Response(
            {
                "type": "FeatureCollection",
                "as_of": params["as_of"].isoformat() if params.get("as_of") else None,
                "truncated": cut,
                "features": [feature(point, names, page_url) for point in points],
            }
        )
