"""Shapes of the signals API, declared field by field. Parts that belong to a sharing category are
nullable — `null` means "not shared with you", never "empty". Input: parse and type-check only; the
rules live in casework/signals/services/."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Organisation, User
from casework.api.serializers_in import PersonInSerializer, VersionedInSerializer, code
from casework.api.serializers_out import RefSerializer
from casework.bounds import LINE, LONG_TEXT, NAME
from casework.signals.models import Informing, LegalGround, Outcome, SignalCategory, SourceKind


class SignalListItemSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    opened_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    owner = RefSerializer()


class SignalPersonSerializer(serializers.Serializer):
    person_id = serializers.UUIDField()
    name = serializers.CharField()
    involvement = serializers.CharField(allow_null=True)
    informing = serializers.CharField()
    postponement_ground = serializers.CharField(allow_blank=True)
    postponement_review_on = serializers.DateField(allow_null=True)


class SignalIntakeSerializer(serializers.Serializer):
    category = serializers.CharField()
    category_label = serializers.CharField()
    received_on = serializers.DateField()
    description = serializers.CharField()
    address = serializers.CharField(allow_null=True)
    address_verified = serializers.BooleanField()
    legal_ground = serializers.CharField()
    legal_ground_label = serializers.CharField()
    persons = SignalPersonSerializer(many=True)


class SignalTriageRowSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    outcome_label = serializers.CharField()
    decided_on = serializers.DateField()
    review_on = serializers.DateField(allow_null=True)
    routed_to = serializers.CharField(allow_blank=True)
    linked_case_id = serializers.UUIDField(allow_null=True)
    partner = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_null=True)
    purpose = serializers.CharField(allow_null=True)


class SignalDetailSerializer(SignalListItemSerializer):
    version = serializers.IntegerField()
    intake = SignalIntakeSerializer(allow_null=True, help_text="Only with the category `signal_intake`.")
    triage = SignalTriageRowSerializer(many=True, allow_null=True, help_text="Only with the category `signal_triage`.")


class SignalPersonInSerializer(serializers.Serializer):
    person = PersonInSerializer()
    involvement = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")
    informing = code(Informing.choices, _("Choose whether the person was informed."), required=False,
                     default=Informing.NOT_YET)
    postponement_ground = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")
    postponement_review_on = serializers.DateField(required=False, allow_null=True, default=None)
    informed_on = serializers.DateField(required=False, allow_null=True, default=None)


class SignalInSerializer(serializers.Serializer):
    controller = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False, allow_null=True, default=None,
        help_text="The municipality (chain partners only; staff register for their own).")
    category = code(SignalCategory.choices, _("Choose the category of the signal."))
    received_on = serializers.DateField()
    description = serializers.CharField(max_length=LONG_TEXT)
    address = serializers.CharField(max_length=LINE, required=False, allow_blank=True, default="")
    legal_ground = code(LegalGround.choices, _("Choose the legal basis for processing criminal-law data (AVG art. 10, "
                                               "UAVG art. 33)."),
                        help_text="The ground for criminal-law data (AVG 10, UAVG 33).")
    source_kind = code(SourceKind.choices, _("Choose who reported the signal."))
    source_person = PersonInSerializer(required=False, allow_null=True, default=None,
                                       help_text="Shielded: never shown without the category `signal_sources`.")
    source_organisation = serializers.CharField(max_length=NAME, required=False, allow_blank=True, default="")
    persons = SignalPersonInSerializer(many=True, required=False, default=list)


class SignalCreatedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()


class TriageShareInSerializer(serializers.Serializer):
    categories = serializers.ListField(child=serializers.CharField(max_length=64), required=False, default=list)
    weighing = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")
    shielded_weighing = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)


class TriageInSerializer(VersionedInSerializer):
    outcome = code(Outcome.choices, _("This outcome cannot be chosen for a signal in this status."))
    reason = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="",
                                   help_text="Empty for a Bibob check (Wet Bibob art. 28).")
    purpose = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")
    review_on = serializers.DateField(required=False, allow_null=True, default=None)
    routed_to = serializers.CharField(max_length=64, required=False, allow_blank=True, default="",
                                      help_text="The case type code of the approach (outcome `case`).")
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False,
                                               allow_null=True, default=None)
    partner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True),
                                                 required=False, allow_null=True, default=None)
    share = TriageShareInSerializer(required=False, default=dict)
    linked_reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000,
                                          help_text="What the new case starts from (outcome `case`); never the "
                                                    "source of the signal.")
    linked = serializers.DictField(required=False, default=dict,
                                   help_text="Further details the approach's case type needs to open its case, "
                                             "as the fields of its form (Damocles: kind, street, house_number, "
                                             "house_number_addition, postcode, city, received_on, found_on, "
                                             "ground, police_reference, summary, substance, amount, unit; "
                                             "park: object).")


class TriageCreatedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    case_status = serializers.CharField()
    case_version = serializers.IntegerField()
    linked_case_id = serializers.UUIDField(allow_null=True)
