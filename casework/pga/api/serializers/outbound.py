"""Output shapes of the PGA API, declared field by field (see casework/api/serializers_out.py for why).

A part the user may not see (a category not shared with a partner) is `null`, never decrypted.
"""

from __future__ import annotations

from rest_framework import serializers

from casework.api.serializers_out import (
    PersonSerializer,
    PersonSummarySerializer,
    RefSerializer,
    StepSerializer,
    TransitionOptionSerializer,
)


class PgaCaseListItemSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    case_type = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    opened_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    owner = RefSerializer()
    team = RefSerializer(allow_null=True)
    escalated = serializers.BooleanField()
    person = PersonSummarySerializer(allow_null=True, help_text="Only with the personalia category.")


class ReferralSerializer(serializers.Serializer):
    aanleiding = serializers.CharField()
    conference_goal = serializers.CharField(allow_null=True)
    partners_to_invite = RefSerializer(many=True)
    informed_status = serializers.CharField()
    informed_on = serializers.DateField(allow_null=True)
    postponement_ground = serializers.CharField(allow_null=True)
    triage_advice = serializers.CharField(allow_null=True)


class PlanSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    created_by = RefSerializer()
    goals = serializers.JSONField()


class PgaCaseDetailSerializer(PgaCaseListItemSerializer):
    controller = RefSerializer()
    referring_organisation = RefSerializer(allow_null=True)
    closure_reason = serializers.CharField(allow_blank=True)
    aftercare_check_on = serializers.DateField(allow_null=True)
    categories = serializers.ListField(child=serializers.CharField(), help_text="Categories you see.")
    version = serializers.IntegerField(
        allow_null=True, help_text="Send back as `version` when changing the case (optimistic locking).",
    )
    available_transitions = TransitionOptionSerializer(many=True)
    person = PersonSerializer(allow_null=True, help_text="Only with the personalia category.")
    referral = ReferralSerializer(allow_null=True, help_text="Only with the pga_referral category.")
    plan = PlanSerializer(allow_null=True, help_text="Latest plan version; only with the pga_plan category.")
    escalation_reason = serializers.CharField(allow_null=True, help_text="Only with the notes category.")
    steps = StepSerializer(many=True)


class PgaCaseCreatedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()


class ConferenceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    held_on = serializers.DateField()
    invited = RefSerializer(many=True)
    attending = RefSerializer(many=True)
    minutes = serializers.CharField(allow_null=True)
    created_by = RefSerializer()


class AgreementSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    conference = serializers.UUIDField(allow_null=True)
    description = serializers.CharField()
    owner_organisation = RefSerializer()
    due_on = serializers.DateField()
    status = serializers.CharField()


class PartnerContributionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    agreement = serializers.UUIDField()
    kind = serializers.CharField()
    text = serializers.CharField()
    organisation = RefSerializer()
    processing_activity = serializers.CharField(help_text="The processing activity under which it was supplied.")
    written_by = RefSerializer()
    written_at = serializers.DateTimeField()
    reviewed_at = serializers.DateTimeField(allow_null=True, help_text="When the process director marked it seen.")


class MeasurementSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    measured_on = serializers.DateField()
    scores = serializers.DictField(child=serializers.IntegerField(), help_text="Life domain code -> score 1-5.")
    created_by = RefSerializer()


class AgreementNoteSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    agreement = serializers.UUIDField()
    text = serializers.CharField()
    written_by = RefSerializer()
    written_at = serializers.DateTimeField()

