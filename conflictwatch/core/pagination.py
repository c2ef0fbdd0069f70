import base64
import datetime as dt
import json

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class StablePageNumberPagination(PageNumberPagination):
    """Pages of 50 (up to 200 with ?page_size=); every list view fixes a total order.
    The next and previous pages are also in a `Link` header (RFC 8288), for clients that
    follow links without reading the body."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        """?page_size= checked: a bad value is a 400, not silently the default."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            message = f"Give a whole number from 1 to {self.max_page_size}."
            raise ValidationError({self.page_size_query_param: [message]})
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response


class KeysetPagination(StablePageNumberPagination):
    """Pages that cost the same at any depth: `next` and `previous` carry a cursor, the
    sort key of the page's last (or first) row, and the next page is read from the index
    from there (`WHERE (a, b, id) > (…) ORDER BY a, b, id LIMIT n`) instead of counting
    past every earlier row with OFFSET. The list's order (its queryset's order_by, ending
    in a unique column, all one direction) is the key. `count` is kept on every page.

    `?page=N` still works, with OFFSET, for clients that jump to a page; its `next` and
    `previous` links are cursors too, so a client that follows links walks by keyset.
    """

    cursor_query_param = "cursor"
    invalid_cursor_message = "This cursor is not one this list gave out; follow `next`."

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size_now = self.get_page_size(request)
        raw = request.query_params.get(self.cursor_query_param)
        self.key = _sort_key(queryset)
        self.model = queryset.model
        if raw is None and self.page_query_param in request.query_params:
            rows: list | None = super().paginate_queryset(queryset, request, view)
            page = self.page
            if rows is None or page is None:
                return rows
            self.total = page.paginator.count
            self.more_after = page.has_next()
            self.more_before = page.has_previous()
            return self._keep(rows)
        position, backwards = self._decode(raw) if raw is not None else (None, False)
        self.total = self.count_rows(queryset)
        return self._keep(self._read(queryset, position, backwards))

    def count_rows(self, queryset) -> int:
        return queryset.count()

    def _read(self, queryset, position, backwards: bool) -> list:
        fields, descending = self.key
        if position is not None:
            bound = Tuple(*(F(name) for name in fields))
            after = TupleLessThan if descending != backwards else TupleGreaterThan
            queryset = queryset.filter(after(bound, tuple(position)))
        if backwards:
            queryset = queryset.reverse()
        rows = list(queryset[: self.page_size_now + 1])
        more = len(rows) > self.page_size_now
        rows = rows[: self.page_size_now]
        if backwards:
            rows.reverse()
            self.more_before, self.more_after = more, True
        else:
            self.more_before, self.more_after = position is not None, more
        return rows

    def _keep(self, rows: list) -> list:
        self.rows = rows
        return rows

    def _decode(self, raw: str) -> tuple[list, bool]:
        fields, _ = self.key
        try:
            padded = raw + "=" * (-len(raw) % 4)
            body = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            values, backwards = body["k"], bool(body.get("b", False))
            if not isinstance(values, list) or len(values) != len(fields):
                raise ValueError("wrong length")
            position = [
                self.model._meta.get_field(name).to_python(value)
                for name, value in zip(fields, values, strict=True)
            ]
        except (ValueError, TypeError, KeyError, UnicodeError, DjangoValidationError) as exc:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from exc
        if any(value is None for value in position):
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})
        return position, backwards

    def _encode(self, row, *, backwards: bool) -> str:
        fields, _ = self.key
        values = [_jsonable(getattr(row, name)) for name in fields]
        body = json.dumps(
            {"k": values, **({"b": True} if backwards else {})}, separators=(",", ":")
        )
        return base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")

    def _link(self, cursor: str) -> str:
        request = self.request
        if request is None:
            raise ImproperlyConfigured("a link is asked for before a page was read")
        url = request.build_absolute_uri()
        url = remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_next_link(self):
        if not (self.rows and self.more_after):
            return None
        return self._link(self._encode(self.rows[-1], backwards=False))

    def get_previous_link(self):
        if not (self.rows and self.more_before):
            return None
        return self._link(self._encode(self.rows[0], backwards=True))

    def get_paginated_response(self, data):
        body = {
            "count": self.total,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        }
        response = Response(body)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", body["next"]), ("prev", body["previous"]))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response

    def get_paginated_response_schema(self, schema):
        found = super().get_paginated_response_schema(schema)
        found["properties"]["next"]["example"] = "http://api.example.org/accounts/?cursor=eyJrIjpb"
        found["properties"]["previous"]["example"] = "http://api.example.org/accounts/?cursor=eyJr"
        return found

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        parameters.append(
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where to continue: take it from `next` or `previous`.",
                "schema": {"type": "string", "minLength": 1},
            }
        )
        return parameters


def _sort_key(queryset) -> tuple[tuple[str, ...], bool]:
    """The list's order as (field names, descending); one direction for every field, so
    the cursor compares as one row value the ordering index reads in order."""
    order = [str(term) for term in queryset.query.order_by]
    if not order or any(not isinstance(term, str) for term in queryset.query.order_by):
        raise ImproperlyConfigured("A keyset-paginated list needs an order_by of field names.")
    descending = {term.startswith("-") for term in order}
    if len(descending) != 1:
        raise ImproperlyConfigured(f"Keyset pages need one direction for {order}.")
    return tuple(term.lstrip("-") for term in order), descending.pop()


def _jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
