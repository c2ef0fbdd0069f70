"""Exports of the list endpoints: claims as CSV (RFC 4180), settlements as CSV or GeoJSON
(RFC 7946), all streamed, all taking the list's filters. Asked for with `?format=csv` /
`?format=geojson` or with `Accept: text/csv` / `Accept: application/geo+json`.

A streamed body has no hash to compare, so exports carry their own validators: the ETag is
the feed's latest entry (every change to claims, reviews and statuses adds one), the
reference data loaded and the request; Last-Modified is that entry's time.
"""

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Sequence

from django.conf import settings
from django.db import connection
from django.http import StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from rest_framework.renderers import BaseRenderer

from claims.models import Change
from claims.selectors.exports import (
    CLAIM_HEADER,
    SETTLEMENT_HEADER,
    claim_export_csv_copy,
    claim_export_rows,
    settlement_export_rows,
    settlement_features,
)
from gazetteer.models import ReferenceDataLoad

CSV_MEDIA_TYPE = "text/csv"
GEOJSON_MEDIA_TYPE = "application/geo+json"
ROWS_PER_WRITE = 2000


class _ExportRenderer(BaseRenderer):
    """Lets content negotiation pick an export; the view streams the body itself, so this
    never renders (an error under an export is a problem+json response)."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data).encode()


class CSVRenderer(_ExportRenderer):
    media_type = CSV_MEDIA_TYPE
    format = "csv"


class GeoJSONRenderer(_ExportRenderer):
    media_type = GEOJSON_MEDIA_TYPE
    format = "geojson"


def licence_line() -> str:
    return (
        f"# {settings.DATA_ATTRIBUTION} Licence: {settings.DATA_LICENCE_NAME} "
        f"({settings.DATA_LICENCE_URL})."
    )


def csv_chunks(rows: Iterable[Sequence[object]], header: list[str] = CLAIM_HEADER) -> Iterator[str]:
    """The CSV text, a few thousand rows at a time: the licence line (a `#` comment, which
    pandas and R skip with comment="#"), the header, then one record per row, CRLF line
    ends and quoting as RFC 4180 has them. Rows come with formula-like cells already
    defused (claims.selectors.exports); None is written as an empty cell."""
    buffer = io.StringIO()
    buffer.write(" ".join(licence_line().split()) + "\r\n")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == ROWS_PER_WRITE:
            writer.writerows(batch)
            batch.clear()
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    writer.writerows(batch)
    yield buffer.getvalue()


def geojson_chunks(features: Iterable[dict]) -> Iterator[str]:
    head = {
        "type": "FeatureCollection",
        "attribution": settings.DATA_ATTRIBUTION,
        "license": {"name": settings.DATA_LICENCE_NAME, "url": settings.DATA_LICENCE_URL},
    }
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield f'{opening}, "features": ['
    for i, feature in enumerate(features):
        yield ("," if i else "") + json.dumps(feature, ensure_ascii=False)
    yield "]}"


def _validators(request) -> tuple[str, int | None]:
    latest = Change.objects.order_by("-id").values_list("id", "created_at").first()
    loaded = ReferenceDataLoad.objects.order_by("-id").values_list("id", flat=True).first()
    key = f"{latest[0] if latest else 0}|{loaded or 0}|{request.get_full_path()}"
    key += f"|{request.META.get('HTTP_ACCEPT', '')}"
    etag = quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])
    # Whole seconds, as HTTP dates have them: with a fraction every If-Modified-Since (an echo
    # of Last-Modified) looks older than the data here, and only ConditionalGetMiddleware,
    # after the export's response is built, would answer 304.
    return etag, int(latest[1].timestamp()) if latest else None


def export_response(request, *, media_type: str, filename: str, chunks_of) -> object:
    """A streamed export, or 304 when the client's copy is current (If-None-Match /
    If-Modified-Since). `chunks_of()` makes the body's chunks; it is only called if the
    body is sent."""
    etag, last_modified = _validators(request)
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified
    response = StreamingHttpResponse(chunks_of(), content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Link"] = f'<{settings.DATA_LICENCE_URL}>; rel="license"'
    return response


def claims_csv_chunks(filters: dict) -> Iterator[str | bytes]:
    """The claims CSV: on PostgreSQL the records come from COPY (the database writes them,
    byte for byte what csv_chunks would), elsewhere from csv_chunks."""
    if connection.vendor != "postgresql":
        yield from csv_chunks(claim_export_rows(**filters))
        return
    yield from csv_chunks([])  # the licence line and the header
    yield from claim_export_csv_copy(**filters)


def claims_csv_response(request, filters: dict):
    return export_response(
        request,
        media_type=CSV_MEDIA_TYPE,
        filename="conflictwatch-claims.csv",
        chunks_of=lambda: claims_csv_chunks(filters),
    )


def settlements_csv_response(request, filters: dict, *, as_of=None):
    return export_response(
        request,
        media_type=CSV_MEDIA_TYPE,
        filename="conflictwatch-settlements.csv",
        chunks_of=lambda: csv_chunks(
            settlement_export_rows(as_of=as_of, **filters), header=SETTLEMENT_HEADER
        ),
    )


def settlements_geojson_response(request, filters: dict, *, as_of=None):
    return export_response(
        request,
        media_type=GEOJSON_MEDIA_TYPE,
        filename="conflictwatch-settlements.geojson",
        chunks_of=lambda: geojson_chunks(settlement_features(as_of=as_of, **filters)),
    )
