"""Input shapes of the PGA API: parse and type-check only. The rules live in the services, which
raise Django ValidationErrors that casework/api/errors.py turns into 400 responses."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from accounts.models import Organisation, User
from casework.api.serializers_in import PersonInSerializer, VersionedInSerializer
from casework.api.serializers_in import organisations as _organisations
from casework.bounds import LONG_TEXT
from casework.pga.models import Agreement, ClosureReason, InformedStatus, Leefgebied, PartnerContribution


class ReferralInSerializer(serializers.Serializer):
    person = PersonInSerializer()
    aanleiding = serializers.CharField(max_length=LONG_TEXT)
    conference_goal = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")
    partners_to_invite = serializers.ListField(child=_organisations(), required=False, default=list)
    informed_status = serializers.ChoiceField(choices=InformedStatus.choices, default=InformedStatus.NOT_YET)
    informed_on = serializers.DateField(required=False, allow_null=True, default=None)
    postponement_ground = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")
    controller = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False, allow_null=True, default=None,
        help_text="Controller organisation; defaults to your own.",
    )
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None,
        help_text="Process director who owns the case; defaults to you when you are one.",
    )


class TransitionInSerializer(serializers.Serializer):
    to = serializers.CharField(max_length=40)
    reason = serializers.CharField(max_length=LONG_TEXT)
    version = serializers.IntegerField(help_text="The case version you read (409 when it changed).")
    triage_advice = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True)
    closure_reason = serializers.ChoiceField(choices=ClosureReason.choices, required=False)
    aftercare_check_on = serializers.DateField(required=False, allow_null=True)


class ConferenceInSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    invited = serializers.ListField(child=_organisations(), default=list)
    attending = serializers.ListField(child=_organisations(), required=False, default=list)
    minutes = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


class ConferenceRecordInSerializer(VersionedInSerializer):
    attending = serializers.ListField(child=_organisations())
    minutes = serializers.CharField(max_length=LONG_TEXT, allow_blank=True)


class AgreementInSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=LONG_TEXT)
    owner_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))
    due_on = serializers.DateField()
    conference = serializers.UUIDField(required=False, allow_null=True, default=None)


class AgreementUpdateInSerializer(VersionedInSerializer):
    status = serializers.ChoiceField(choices=Agreement.Status.choices)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


class InterventionInSerializer(serializers.Serializer):
    id = serializers.UUIDField(required=False, allow_null=True,
                               help_text="The intervention's id from the plan read; omit for a new intervention.")
    description = serializers.CharField(max_length=LONG_TEXT)
    partner_id = serializers.UUIDField(help_text="The organisation responsible for the intervention.")
    due_on = serializers.DateField(help_text="Due date: an open intervention is a deadline of the case.")
    done = serializers.BooleanField(required=False, default=False)


class GoalInSerializer(serializers.Serializer):
    id = serializers.UUIDField(required=False, allow_null=True)
    leefgebied = serializers.ChoiceField(choices=Leefgebied.choices)
    goal = serializers.CharField(max_length=LONG_TEXT)
    interventions = InterventionInSerializer(many=True, required=False, default=list)


class PlanInSerializer(VersionedInSerializer):
    """A new version of the plan builds on the one the client read: a version saved since is a 409."""

    goals = GoalInSerializer(many=True, allow_empty=False)


class PartnerContributionInSerializer(serializers.Serializer):
    """A chain partner's report on an agreement of its organisation (docs/adr/0031)."""

    agreement = serializers.UUIDField(help_text="The agreement of your organisation this report is about.")
    kind = serializers.ChoiceField(choices=PartnerContribution.Kind.choices,
                                   help_text="agreement_done: the agreement is done (needs `version`); "
                                             "agreement_note: a monitoring note.")
    text = serializers.CharField(max_length=5000, help_text="The note for the process director (required).")
    processing_activity = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default="",
        help_text="The processing activity of a sharing decision in force under which you supply this; "
                  "needed only when the decisions in force name more than one.")
    version = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None,
        help_text="For agreement_done: the case's `version` as you read it; 409 when the case changed since.")

    def validate(self, attrs: dict) -> dict:
        if attrs["kind"] == PartnerContribution.Kind.DONE and attrs.get("version") is None:
            raise serializers.ValidationError({"version": _("Send the case version you read.")})
        return attrs


class PartnerContributionReviewInSerializer(VersionedInSerializer):
    """The process director marks a partner's report seen."""

    seen = serializers.BooleanField(help_text="true: mark the report as seen (it leaves the work queue).")

    def validate_seen(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(_("A report can only be marked as seen."))
        return value


class MeasurementInSerializer(serializers.Serializer):
    """One measurement of zelfredzaamheid: a score from 1 (acute problems) to 5 (fully self-reliant) per life domain."""

    measured_on = serializers.DateField(help_text="The day of the measurement (not in the future).")
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5), allow_empty=False,
        # Django REST framework's Dutch has no words for an empty dictionary
        error_messages={"empty": gettext_lazy("Score at least one life domain.")},
        help_text="Life domain code -> score 1-5, at least one domain (codes: see the plan's `leefgebied`).")


class AgreementNoteInSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000, help_text="How the agreement goes (stored encrypted).")

