"""API plumbing shared by the apps: the exception handler, body-size limits, query params."""

import json
import logging
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ParseError, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from conflictwatch.core.authentication import TokenRejected
from conflictwatch.core.exceptions import ConflictError, DomainError
from conflictwatch.core.problems import PASSED_HEADERS, problem_response
from conflictwatch.core.search import TEXT_QUERY_MAX_CHARS
from conflictwatch.core.timeouts import is_statement_timeout

logger = logging.getLogger(__name__)

# What the mixins below go in front of, for the type checker only: at run time they stay
# plain classes. (rest_framework.views imports this module, through its settings.)
if TYPE_CHECKING:
    from rest_framework.parsers import BaseParser
    from rest_framework.views import APIView

    _ParserBase = BaseParser
    _APIViewBase = APIView
else:
    _ParserBase = _APIViewBase = object


class ProblemBody(TypedDict):
    detail: str
    code: str


SERVER_ERROR_BODY: ProblemBody = {
    "detail": "Something went wrong on our side; the error was logged. Try again later.",
    "code": "server_error",
}
# Query parameters every list takes beside its filters: pagination and DRF's format switch.
COMMON_QUERY_PARAMS = frozenset({"page", "page_size", "format"})
# Lists paged by keyset (conflictwatch.core.pagination.KeysetPagination) also take `cursor`.
KEYSET_QUERY_PARAMS = COMMON_QUERY_PARAMS | {"cursor"}


READ_TIMEOUT_BODY: ProblemBody = {
    "detail": "This query took too long and was stopped. Narrow it (a longer search, a "
    "filter) or try again later.",
    "code": "query_timeout",
}


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


def _too_large_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return f"The request body is larger than the limit of {limit:,} bytes."


def exception_handler(exc, context):
    """Every API error as RFC 9457 problem details (conflictwatch.core.problems): DRF's
    errors, DomainError as 400 (409 for ConflictError), an oversized body as 413 rather
    than Django's bare 400, and anything unexpected as a logged 500."""
    request = context.get("request")
    if isinstance(exc, DomainError):
        answer = status.HTTP_409_CONFLICT if isinstance(exc, ConflictError) else 400
        errors = {exc.field: [exc.message]} if exc.field else None
        return problem_response(
            request, status=answer, detail=exc.message, code=exc.code, errors=errors
        )
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge(_too_large_message())
    if is_statement_timeout(exc):
        logger.warning("API read cancelled by the statement timeout: %s", context["request"].path)
        set_rollback()
        return problem_response(
            request, status=503, **READ_TIMEOUT_BODY, headers={"Retry-After": "30"}
        )
    if isinstance(exc, TokenRejected):
        # DRF made it 403 (the session class, first, has no challenge); a token client
        # needs to know its token is bad, not that it lacks a right.
        exc.status_code = status.HTTP_401_UNAUTHORIZED
        exc.auth_header = "Token"
    response = drf_exception_handler(exc, context)
    if response is None:
        # Anything unexpected: still a problem (clients parse it), logged with its
        # traceback, and the request's transaction rolled back as for a handled error.
        view = context.get("view")
        logger.error("API error in %s", type(view).__name__ if view else "?", exc_info=exc)
        set_rollback()
        return problem_response(request, status=500, **SERVER_ERROR_BODY)
    headers = {k: response[k] for k in PASSED_HEADERS if response.has_header(k)}
    detail, code, errors = _problem_parts(exc, response.data)
    return problem_response(
        request, status=response.status_code, detail=detail, code=code, errors=errors,
        headers=headers,
    )  # fmt: skip


def _problem_parts(exc, data) -> tuple[str, str, dict | None]:
    """(detail, code, errors) from a DRF exception and the data DRF made of it."""
    if isinstance(exc, ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        errors = {name: _messages(value) for name, value in errors.items()}
        fields = ", ".join(name for name in errors if name != "non_field_errors")
        detail = f"The request has invalid fields: {fields}." if fields else _first(errors)
        return detail, "invalid", errors
    codes = exc.get_codes() if isinstance(exc, APIException) else "error"
    return str(data.get("detail", exc)), codes if isinstance(codes, str) else "error", None


def _messages(value) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) if not isinstance(v, dict | list) else json.dumps(v) for v in value]
    if isinstance(value, dict):
        return [json.dumps(value)]
    return [str(value)]


def _first(errors: dict) -> str:
    for messages in errors.values():
        if messages:
            return messages[0]
    return "The request is invalid."


class _BodySizeLimit(_ParserBase):
    """Refuse a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE before reading it.

    Django enforces the limit when it reads a form body itself, but DRF's parsers read the
    raw stream, so without this a JSON body of any size would be loaded into memory.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        self._check_size(parser_context)
        return super().parse(stream, media_type, parser_context)

    def _check_size(self, parser_context) -> None:
        request = (parser_context or {}).get("request")
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if request is not None and limit is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                raise RequestTooLarge(_too_large_message())


# No request this API accepts nests deeper than a few levels; deeper is an attack on the
# parser's recursion (or a client bug), refused before it reaches a serializer.
JSON_MAX_DEPTH = 20


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise ParseError(f"JSON parse error - the key {key[:64]!r} appears twice.")
        seen[key] = value
    return seen


def _depth_exceeds(value: object, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


class SizeLimitedJSONParser(_BodySizeLimit, JSONParser):
    """JSON that is strict where the standard library is lenient: a key given twice is an
    error (not "the last one wins"), and so is nesting past JSON_MAX_DEPTH."""

    def parse(self, stream, media_type=None, parser_context=None):
        self._check_size(parser_context)
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding) if stream is not None else ""
            data = json.loads(
                text, object_pairs_hook=_refuse_duplicate_keys, parse_constant=_no_constant
            )
        except RecursionError as exc:
            raise ParseError("JSON parse error - the body is nested too deeply.") from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(f"JSON parse error - {exc}"[:300]) from exc
        if _depth_exceeds(data, JSON_MAX_DEPTH):
            raise ParseError(
                f"JSON parse error - the body nests deeper than {JSON_MAX_DEPTH} levels."
            )
        return data


def _no_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


class SizeLimitedFormParser(_BodySizeLimit, FormParser):
    pass


class SizeLimitedMultiPartParser(_BodySizeLimit, MultiPartParser):
    pass


WRITE_PARSERS = [SizeLimitedJSONParser, SizeLimitedFormParser, SizeLimitedMultiPartParser]


def validated_query_params(
    serializer_class: type[serializers.Serializer],
    request,
    *,
    also: frozenset = COMMON_QUERY_PARAMS,
) -> dict:
    """A list endpoint's filters, checked: a bad value, or a parameter the endpoint does not
    take (a typo would otherwise silently widen the answer), is a 400 naming it."""
    params = serializer_class(data=request.query_params)
    query_params_check(request, allowed=set(params.fields) | also)
    # DRF reads `?x=` as "x not given"; here it is a bad value unless x may be blank.
    empty = [
        name for name, field in params.fields.items()
        if request.query_params.get(name) == "" and not getattr(field, "allow_blank", False)
    ]  # fmt: skip
    if empty:
        message = "Give a value, or leave the parameter out."
        raise ValidationError({name: [message] for name in empty})
    params.is_valid(raise_exception=True)
    return params.validated_data


def query_params_check(request, *, allowed: set[str] | frozenset) -> None:
    unknown = sorted(set(request.query_params) - set(allowed))
    if unknown:
        known = ", ".join(sorted(allowed)) or "none"
        raise ValidationError(
            {name[:100]: [f"Unknown query parameter; this endpoint takes: {known}."]
             for name in unknown[:20]}
        )  # fmt: skip


class StrictQueryParamsMixin(_APIViewBase):
    # For viewsets: GET actions that take no filters refuse any query parameter but
    # `format` (and, on a list, pagination's); lists and actions with filters check theirs
    # with validated_query_params. (A comment, not a docstring: the OpenAPI generator
    # would show a docstring as every endpoint's description.)

    query_params_free_actions: tuple[str, ...] = ("retrieve",)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        action = getattr(self, "action", None)
        if request.method == "GET" and action in self.query_params_free_actions:
            allowed = COMMON_QUERY_PARAMS if action == "list" else {"format"}
            query_params_check(request, allowed=allowed)


def text_query_field(help_text: str) -> serializers.RegexField:
    """`?q=` for full-text search (conflictwatch.core.search): words, up to
    TEXT_QUERY_MAX_CHARS; empty is refused, like every other empty parameter. A pattern
    rather than a plain CharField so the schema says what DRF refuses anyway (a null
    character, which PostgreSQL cannot take)."""
    return serializers.RegexField(
        r"^[^\x00]*$",
        required=False,
        max_length=TEXT_QUERY_MAX_CHARS,
        help_text=f'{help_text} (full text, any language, as written; "a phrase", '
        "-word and OR work).",
        error_messages={"invalid": "The search contains a null character."},
    )
