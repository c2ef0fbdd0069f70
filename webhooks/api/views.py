"""The webhooks API: /api/v1/webhooks/ (a user's own subscriptions), their delivery logs
and replay. Every subscription is its owner's alone: another user's answers 404."""

from django.http import Http404
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from conflictwatch.core.api import (
    COMMON_QUERY_PARAMS,
    WRITE_PARSERS,
    StrictQueryParamsMixin,
    query_params_check,
)
from conflictwatch.core.problems import FORBIDDEN, PROBLEM_RESPONSES, WRITE_PROBLEMS
from webhooks import selectors
from webhooks.api import examples
from webhooks.api.serializers import (
    DeliverySerializer,
    SecretRotateSerializer,
    SubscriptionCreatedSerializer,
    SubscriptionCreateSerializer,
    SubscriptionSerializer,
    SubscriptionUpdateSerializer,
)
from webhooks.models import Subscription
from webhooks.services.sending import delivery_replay
from webhooks.services.subscriptions import (
    subscription_create,
    subscription_delete,
    subscription_secret_rotate,
    subscription_update,
)
from webhooks.tasks import deliver, queue_on_commit

READ_PROBLEMS = {**PROBLEM_RESPONSES, 403: FORBIDDEN}


@extend_schema_view(
    list=extend_schema(
        summary="Your webhook subscriptions",
        description=examples.OVERVIEW,
        responses={200: SubscriptionSerializer(many=True), **READ_PROBLEMS},
    ),
    retrieve=extend_schema(
        summary="One of your webhook subscriptions",
        responses={200: SubscriptionSerializer, **READ_PROBLEMS},
    ),
    create=extend_schema(
        summary="Subscribe a URL to changes",
        description=examples.CREATE,
        request=SubscriptionCreateSerializer,
        responses={201: SubscriptionCreatedSerializer, **WRITE_PROBLEMS},
        examples=[
            OpenApiExample("A settlement", value=examples.CREATE_REQUEST, request_only=True),
            OpenApiExample("Created", value=examples.CREATED, response_only=True),
        ],
    ),
    partial_update=extend_schema(
        summary="Change, stop or switch on a subscription",
        request=SubscriptionUpdateSerializer,
        responses={200: SubscriptionSerializer, **WRITE_PROBLEMS},
    ),
    destroy=extend_schema(
        summary="Remove a subscription and its delivery log",
        responses={204: OpenApiResponse(description="Removed."), **WRITE_PROBLEMS},
    ),
)
class SubscriptionViewSet(
    StrictQueryParamsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    query_params_free_actions = ("list", "retrieve")
    permission_classes = [IsAuthenticated]
    parser_classes = WRITE_PARSERS
    serializer_class = SubscriptionSerializer
    lookup_value_converter = "int"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Subscription.objects.none()
        return selectors.subscription_list(owner=self.request.user)

    def get_object(self):
        found = selectors.subscription_get(
            owner=self.request.user, subscription_id=int(self.kwargs["pk"])
        )
        if found is None:
            raise Http404("You hold no subscription with this id.")
        return found

    def create(self, request, *args, **kwargs):
        incoming = SubscriptionCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        made = subscription_create(
            owner=request.user,
            url=data["url"],
            conflict_key=data.get("conflict") or None,
            settlement_id=data.get("settlement"),
            event_types=data["event_types"],
            description=data["description"],
        )
        body = SubscriptionCreatedSerializer(made).data
        location = request.build_absolute_uri(f"{request.path}{made.id}/")
        headers = {"Location": location, "Cache-Control": "no-store"}
        return Response(body, status=status.HTTP_201_CREATED, headers=headers)

    def partial_update(self, request, *args, **kwargs):
        subscription = self.get_object()
        incoming = SubscriptionUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        subscription_update(subscription=subscription, **incoming.validated_data)
        return Response(SubscriptionSerializer(self.get_object()).data)

    def perform_destroy(self, instance):
        subscription_delete(subscription=instance)

    @extend_schema(
        summary="Rotate the signing secret",
        description=examples.ROTATE,
        request=SecretRotateSerializer,
        responses={200: SubscriptionCreatedSerializer, **WRITE_PROBLEMS},
        examples=[
            OpenApiExample("An hour's overlap", value=examples.ROTATE_REQUEST, request_only=True),
            OpenApiExample("Rotated", value=examples.ROTATED, response_only=True),
        ],
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk: int):
        subscription = self.get_object()
        incoming = SecretRotateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        subscription_secret_rotate(
            subscription=subscription,
            overlap_seconds=incoming.validated_data.get("overlap_seconds"),
        )
        # Shown in this answer only, as when the subscription was made.
        body = SubscriptionCreatedSerializer(self.get_object()).data
        return Response(body, headers={"Cache-Control": "no-store"})

    @extend_schema(
        summary="A subscription's delivery log",
        description="Newest first: each delivery with its body, status, next attempt and "
        "every attempt (status code, a snippet of the answer, or the error).",
        responses={200: DeliverySerializer(many=True), **READ_PROBLEMS},
        examples=[OpenApiExample("A page", value=examples.DELIVERIES, response_only=True)],
    )
    @action(detail=True, methods=["get"], url_path="deliveries")
    def deliveries(self, request, pk: int):
        query_params_check(request, allowed=COMMON_QUERY_PARAMS)  # a page, nothing else
        subscription = self.get_object()
        page = self.paginate_queryset(selectors.delivery_list(subscription=subscription))
        return self.get_paginated_response(DeliverySerializer(page, many=True).data)

    @extend_schema(
        summary="Send a delivery again",
        description="The same body and `webhook-id` (a receiver that already processed it "
        "can drop it), a new timestamp and signature, and the full retry budget. Answers "
        "202: it is sent in the background. 409 while it is still being sent or when the "
        "subscription is stopped.",
        request=None,
        responses={202: DeliverySerializer, **WRITE_PROBLEMS},
    )
    @action(
        detail=True, methods=["post"],
        url_path="deliveries/<int:delivery_id>/replay",
    )  # fmt: skip
    def replay(self, request, pk: int, delivery_id: int):
        subscription = self.get_object()
        delivery = selectors.delivery_get(
            owner=request.user, subscription_id=subscription.id, delivery_id=int(delivery_id)
        )
        if delivery is None:
            raise Http404("This subscription has no delivery with this id.")
        replayed = delivery_replay(delivery=delivery)
        queue_on_commit(deliver, replayed.id)
        shown = selectors.delivery_list(subscription=subscription).get(id=replayed.id)
        return Response(DeliverySerializer(shown).data, status=status.HTTP_202_ACCEPTED)
