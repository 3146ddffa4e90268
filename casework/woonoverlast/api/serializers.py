"""Shapes of the woonoverlast API, declared field by field. Output parts that belong to a sharing
category are nullable — `null` means "not shared with you", never "empty". Input: parse and
type-check only; the rules live in casework/woonoverlast/services/."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from casework.api.serializers_in import PersonInSerializer, code
from casework.api.serializers_out import PersonSummarySerializer, RefSerializer
from casework.bounds import LONG_TEXT
from casework.woonoverlast.models import (
    AddresseeCapacity,
    Enforcement,
    InterventionKind,
    NuisanceKind,
    PenaltyForm,
    Source,
    TimeUnit,
)


class WoonoverlastFileListItemSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    opened_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    owner = RefSerializer()


class WoonoverlastCountSerializer(serializers.Serializer):
    source = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class WoonoverlastFileDetailSerializer(WoonoverlastFileListItemSerializer):
    version = serializers.IntegerField()
    dwelling_address = serializers.CharField(allow_null=True, help_text="Only with the personalia category.")
    bag_id = serializers.CharField(allow_null=True, help_text="The BAG nummeraanduiding id (only from a pick).")
    bag_object_id = serializers.CharField(allow_null=True,
                                          help_text="The BAG adresseerbaar object id (only from a pick).")
    address_verified = serializers.BooleanField(
        allow_null=True, help_text="Whether the address was picked in the BAG; false: typed by hand, not verified.")
    reports_by_source = WoonoverlastCountSerializer(many=True, allow_null=True,
                                        help_text="Only with the zwartboek category: counts per source category "
                                                  "(AVG 14), never who reported.")


class WoonoverlastReportSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    melder = PersonSummarySerializer()
    source = serializers.CharField()
    reported_on = serializers.DateField()
    kind = serializers.CharField()
    description = serializers.CharField()


class WoonoverlastInterventionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    carried_out_on = serializers.DateField()
    outcome = serializers.CharField()


class WoonoverlastDecisionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    decision = serializers.CharField(help_text="gedragsaanwijzing or closure")
    state = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    duration_weeks = serializers.IntegerField()
    urgent = serializers.BooleanField()
    apv_article = serializers.CharField(allow_null=True)
    enforcement = serializers.CharField(allow_null=True)
    compliance_term_days = serializers.IntegerField(allow_null=True)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    maximum = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    addressees = PersonSummarySerializer(many=True)
    signatory = serializers.CharField(allow_null=True, help_text="Who signed the decision (null: not taken yet).")
    under_mandate = serializers.BooleanField(help_text="Signed in mandate: the letter says \"namens deze\".")
    extension_weeks = serializers.IntegerField(allow_null=True, help_text="Closure only: weeks added by extensions.")
    costs_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True,
                                            help_text="Closure only: the costs recovered (Awb 5:25).")
    costs_specification = serializers.CharField(allow_null=True, help_text="Closure only.")
    costs_decided_on = serializers.DateField(allow_null=True, help_text="Closure only.")


class WoonoverlastExtensionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    closure = serializers.UUIDField()
    state = serializers.CharField(help_text="draft (awaiting approval or decision), imposed or revoked")
    weeks = serializers.IntegerField()
    ground = serializers.CharField()
    approval = serializers.CharField(allow_null=True, help_text="pending, approved or rejected")
    decided_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True, help_text="The closure's last day after this extension.")
    signatory = serializers.CharField(allow_null=True)
    under_mandate = serializers.BooleanField()


class WoonoverlastExtensionInSerializer(serializers.Serializer):
    weeks = serializers.IntegerField(min_value=1, max_value=520)
    ground = serializers.CharField(max_length=5000, help_text="The ground for the extension (art. 174a lid 3).")


class _Signed(serializers.Serializer):
    version = serializers.IntegerField(help_text="The case version you read (409 when it changed).")
    decided_on = serializers.DateField(required=False, allow_null=True, help_text="Empty: today.")
    signatory = serializers.CharField(max_length=200, help_text="Who signs the decision.")
    under_mandate = serializers.BooleanField(required=False, default=False,
                                             help_text="Signed in mandate: the letter says \"namens deze\".")


class WoonoverlastExtensionDecisionInSerializer(_Signed):
    pass


class WoonoverlastCostsInSerializer(_Signed):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    specification = serializers.CharField(max_length=5000, help_text="What was done, by whom, at what cost.")


class WoonoverlastCreatedSerializer(serializers.Serializer):
    id = serializers.UUIDField()


class WoonoverlastFileCreatedSerializer(WoonoverlastCreatedSerializer):
    reference = serializers.CharField()
    status = serializers.CharField()


class WoonoverlastFileOpenInSerializer(serializers.Serializer):
    person = PersonInSerializer()
    dwelling_address = serializers.CharField(max_length=500)
    summary = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class WoonoverlastReportInSerializer(serializers.Serializer):
    melder = PersonInSerializer()
    source = code(Source.choices, _("Choose who reported: a neighbour, the police or the housing corporation."))
    reported_on = serializers.DateField()
    kind = code(NuisanceKind.choices, _("Choose the kind of nuisance."))
    description = serializers.CharField(max_length=5000)


class WoonoverlastInterventionInSerializer(serializers.Serializer):
    kind = code(InterventionKind.choices, _("Choose the intervention."))
    carried_out_on = serializers.DateField()
    outcome = serializers.CharField(max_length=5000)


class WoonoverlastOrderInSerializer(serializers.Serializer):
    article = serializers.CharField(max_length=40, help_text="The APV article, e.g. 'art. 2:79 APV'.")
    addressees = serializers.ListField(child=serializers.UUIDField(), allow_empty=False, min_length=1)
    addressee_capacity = code(AddresseeCapacity.choices, _("Choose in which capacity the addressees are addressed."))
    behaviour = serializers.CharField(max_length=5000)
    enforcement = code(Enforcement.choices, _("Choose a last onder bestuursdwang or a last onder dwangsom."))
    duration_weeks = serializers.IntegerField(min_value=1)
    compliance_term_days = serializers.IntegerField(min_value=1)
    # a last onder dwangsom's form and time unit (blank with bestuursdwang)
    penalty_form = code(PenaltyForm.choices, _("Choose a lump sum, an amount per time unit or per violation."),
                        required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True,
                                      default=None)
    time_unit = code(TimeUnit.choices, _("Choose the time unit (day or week)."), required=False, allow_blank=True,
                     default="")
    maximum = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True,
                                       default=None)
    urgent = serializers.BooleanField(required=False, default=False)
    urgency_reason = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


class WoonoverlastTransitionInSerializer(serializers.Serializer):
    to = serializers.CharField(max_length=40)
    reason = serializers.CharField(max_length=LONG_TEXT)
    version = serializers.IntegerField(help_text="The case version you read (409 when it changed).")
    intention_sent_on = serializers.DateField(required=False, allow_null=True, help_text="voornemen(_sluiting)")
    view_term_weeks = serializers.IntegerField(required=False, min_value=1, help_text="voornemen(_sluiting)")
    decided_on = serializers.DateField(required=False, allow_null=True, help_text="gedragsaanwijzing, sluiting")
    signatory = serializers.CharField(required=False, max_length=200,
                                      help_text="voornemen(_sluiting), gedragsaanwijzing, sluiting: who signs the "
                                                "letter (required there).")
    under_mandate = serializers.BooleanField(required=False, default=False,
                                             help_text="The signatory signs in mandate: the letter says "
                                                       "\"namens deze\".")
