"""The forfeitures of a woonoverlast dwangsom and their collection in the API (the core's penalty
services with woonoverlast's rules): the forfeitures (read with the `penalties` category), the
intention to collect, a request for a collection decision (Awb 5:37 lid 2), the collection decision
and a payment. Thin: parse, look the rows up on this file, call one service. Bad input: 400
problem+json, nothing written."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from audit.actions import Action
from casework.api.base import ERRORS, named_row, validated_body
from casework.models import Case
from casework.penalties.component import PENALTIES
from casework.penalties.models import CollectionRequest, Forfeiture
from casework.woonoverlast import services
from casework.woonoverlast.api.serializers import WoonoverlastCreatedSerializer
from casework.woonoverlast.api.views import TAG, Area, created
from casework.woonoverlast.models import BehaviouralOrder


class WoonoverlastForfeitureSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    order = serializers.UUIDField()
    forfeited_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    state = serializers.CharField(help_text="open, paid, collected, time_barred or waived")
    closed_on = serializers.DateField(allow_null=True)


class _Forfeitures(serializers.Serializer):
    order = serializers.UUIDField(help_text="The gedragsaanwijzing (dwangsom).")
    forfeitures = serializers.ListField(child=serializers.UUIDField(), allow_empty=False, min_length=1)


class WoonoverlastCollectionIntentionInSerializer(_Forfeitures):
    sent_on = serializers.DateField()
    view_term_weeks = serializers.IntegerField(required=False, min_value=1, max_value=52, default=2)


class WoonoverlastCollectionRequestInSerializer(serializers.Serializer):
    order = serializers.UUIDField(help_text="The gedragsaanwijzing (dwangsom).")
    requester_name = serializers.CharField(max_length=200)
    requested_on = serializers.DateField()


class WoonoverlastCollectionDecisionInSerializer(_Forfeitures):
    decided_on = serializers.DateField()
    announced_on = serializers.DateField()
    request = serializers.UUIDField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class WoonoverlastPaymentInSerializer(serializers.Serializer):
    paid_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)


def _order(case: Case, values: dict[str, Any]) -> BehaviouralOrder:
    return named_row(BehaviouralOrder.objects.all(), "order", values.pop("order"), case=case)


def _chosen(case: Case, values: dict[str, Any]) -> list[Forfeiture]:
    """The forfeitures named by id, on this file, in one query; an unknown id is bad input."""
    ids = list(dict.fromkeys(values.pop("forfeitures")))
    rows = {row.pk: row for row in Forfeiture.objects.filter(case=case, pk__in=ids)}
    if len(rows) != len(ids):
        raise ValidationError({"forfeitures": _("Choose the forfeiture.")})
    return [rows[pk] for pk in ids]


class Forfeitures(Area):
    category = PENALTIES
    serializer_class = WoonoverlastForfeitureSerializer

    @extend_schema(summary="Forfeited penalties of the file's dwangsommen", tags=TAG,
                   responses={200: WoonoverlastForfeitureSerializer(many=True), **ERRORS})
    def get(self, request, case_id):
        case = self.get_case()
        self.record_read(action=Action.VIEW, object_type="penalties.Forfeiture")
        rows = Forfeiture.objects.filter(case=case).order_by("forfeited_on", "pk")
        return Response(WoonoverlastForfeitureSerializer([
            {"id": row.pk, "order": row.order_id, "forfeited_on": row.forfeited_on, "amount": row.amount,
             "state": row.state, "closed_on": row.closed_on} for row in rows], many=True).data)


class CollectionIntentions(Area):
    serializer_class = WoonoverlastCreatedSerializer

    @extend_schema(summary="Record an intention to collect forfeited penalties (Awb 4:8)", tags=TAG,
                   request=WoonoverlastCollectionIntentionInSerializer,
                   responses={201: WoonoverlastCreatedSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        values = validated_body(WoonoverlastCollectionIntentionInSerializer, request)
        order, chosen = _order(case, values), _chosen(case, values)
        return created(services.collection_intention_record(actor=request.user, order=order, forfeitures=chosen,
                                                             **values))


class CollectionRequests(Area):
    serializer_class = WoonoverlastCreatedSerializer

    @extend_schema(summary="Register a request for a collection decision (Awb 5:37 lid 2)", tags=TAG,
                   request=WoonoverlastCollectionRequestInSerializer,
                   responses={201: WoonoverlastCreatedSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        values = validated_body(WoonoverlastCollectionRequestInSerializer, request)
        return created(services.collection_request_record(actor=request.user, order=_order(case, values),
                                                           **values))


class CollectionDecisions(Area):
    serializer_class = WoonoverlastCreatedSerializer

    @extend_schema(summary="Record a collection decision (Awb 5:37 lid 1)", tags=TAG,
                   request=WoonoverlastCollectionDecisionInSerializer,
                   responses={201: WoonoverlastCreatedSerializer, **ERRORS})
    def post(self, request, case_id):
        case = self.get_case()
        values = validated_body(WoonoverlastCollectionDecisionInSerializer, request)
        order, chosen = _order(case, values), _chosen(case, values)
        answered = values.pop("request")
        pending = named_row(CollectionRequest.objects.all(), "request", answered, case=case) if answered else None
        return created(services.collection_decision_record(actor=request.user, order=order, forfeitures=chosen,
                                                            request=pending, **values))


class Payments(Area):
    serializer_class = WoonoverlastCreatedSerializer

    @extend_schema(summary="Record a payment of a forfeiture", tags=TAG, request=WoonoverlastPaymentInSerializer,
                   responses={201: WoonoverlastCreatedSerializer, **ERRORS})
    def post(self, request, case_id, forfeiture_id):
        case = self.get_case()
        forfeiture = get_object_or_404(Forfeiture, pk=forfeiture_id, case=case)
        values = validated_body(WoonoverlastPaymentInSerializer, request)
        return created(services.payment_record(actor=request.user, forfeiture=forfeiture, **values))
