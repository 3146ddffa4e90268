"""Output shapes of the Damocles API, declared field by field (see casework/api/serializers_out.py for why).

Each part that belongs to a sharing category is nullable: `null` means "not shared with you",
never "empty". The presenters (presenters.py) fill them after the category check.
"""

from __future__ import annotations

from rest_framework import serializers

from casework.api.serializers_out import (
    CaseTypeListItemSerializer,
    PersonSummarySerializer,
    RefSerializer,
    StepSerializer,
    TransitionOptionSerializer,
)


class PremisesSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    address = serializers.CharField(allow_null=True, help_text="Only with the personalia category.")


class ProcedureListItemSerializer(CaseTypeListItemSerializer):
    urgent = serializers.BooleanField(allow_null=True, help_text="Only with the damocles_decision category.")
    premises = PremisesSummarySerializer()


class OwnerSerializer(serializers.Serializer):
    person = PersonSummarySerializer(allow_null=True)
    entity_name = serializers.CharField(allow_null=True)
    kvk = serializers.CharField(allow_null=True)


class PartySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    role = serializers.CharField()
    person = PersonSummarySerializer()
    since = serializers.DateField(allow_null=True)
    until = serializers.DateField(allow_null=True)


class PremisesSerializer(PremisesSummarySerializer):
    street = serializers.CharField(allow_null=True)
    house_number = serializers.CharField(allow_null=True)
    house_number_addition = serializers.CharField(allow_null=True)
    postcode = serializers.CharField(allow_null=True)
    city = serializers.CharField(allow_null=True)
    bag_id = serializers.CharField(allow_null=True, help_text="The BAG nummeraanduiding id.")
    bag_object_id = serializers.CharField(allow_null=True,
                                          help_text="The BAG adresseerbaar object id (only from a pick).")
    address_verified = serializers.BooleanField(
        allow_null=True, help_text="Whether the address was picked in the BAG; false: typed by hand, not verified.")
    owner = OwnerSerializer(allow_null=True)
    parties = PartySerializer(many=True, allow_null=True)
    notes = serializers.CharField(allow_null=True, help_text="Only with the notes category.")


class FindingSerializer(serializers.Serializer):
    substance = serializers.CharField()
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    unit = serializers.CharField()


class PoliceReportSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    received_on = serializers.DateField()
    found_on = serializers.DateField()
    ground = serializers.CharField()
    police_reference = serializers.CharField(allow_null=True)
    summary = serializers.CharField(allow_null=True)
    has_document = serializers.BooleanField()
    findings = FindingSerializer(many=True)


class PolicyVersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    effective_from = serializers.DateField()
    lookback_years = serializers.IntegerField()


class AssessmentSerializer(serializers.Serializer):
    policy_version = PolicyVersionSerializer(allow_null=True)
    offence_number = serializers.IntegerField(allow_null=True)
    proposed_sanction = serializers.CharField(allow_blank=True)
    proposed_days = serializers.IntegerField(allow_null=True)
    chosen_sanction = serializers.CharField(allow_blank=True)
    chosen_days = serializers.IntegerField(allow_null=True)
    deviation_reasons = serializers.CharField(allow_null=True)
    geschikt = serializers.CharField(allow_null=True)
    noodzakelijk = serializers.CharField(allow_null=True)
    evenwichtig = serializers.CharField(allow_null=True)


class ApprovalSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    subject = serializers.CharField()
    decision = serializers.CharField()
    requested_by = RefSerializer()
    requested_at = serializers.DateTimeField()
    decided_by = RefSerializer(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)


class DecisionSerializer(serializers.Serializer):
    view_term_weeks = serializers.IntegerField()
    intention_sent_on = serializers.DateField(allow_null=True)
    view_due_on = serializers.DateField(allow_null=True)
    intention_signatory = serializers.CharField(allow_null=True, help_text="Who signs the intention letter.")
    intention_under_mandate = serializers.BooleanField(help_text="The intention is signed in mandate.")
    decided_on = serializers.DateField(allow_null=True)
    deciding_authority = serializers.CharField()
    signatory = serializers.CharField(allow_null=True)
    under_mandate = serializers.BooleanField()
    compliance_term_days = serializers.IntegerField(allow_null=True)
    urgent = serializers.BooleanField()
    urgency_reason = serializers.CharField(allow_null=True)
    sealed_on = serializers.DateField(allow_null=True)
    order_posted = serializers.BooleanField()
    wkpb_due_on = serializers.DateField(allow_null=True)
    wkpb_registered_on = serializers.DateField(allow_null=True)
    closure_ends_on = serializers.DateField(allow_null=True)
    reopened_on = serializers.DateField(allow_null=True)
    costs_recovered = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    approval = ApprovalSerializer(allow_null=True, help_text="The four-eyes approval; not shown to partners.")


class AnnouncementSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    role = serializers.CharField()
    method = serializers.CharField()
    announced_on = serializers.DateField()
    objection_deadline = serializers.DateField(allow_null=True)
    compliance_ends_on = serializers.DateField(
        allow_null=True, help_text="Last day of this addressee's compliance term (begunstigingstermijn), counted from "
        "their announcement; enforcement is possible from the next day. Null: the decision sets no term.")
    addressee_person = PersonSummarySerializer(allow_null=True)
    addressee_name = serializers.CharField(allow_null=True)


class ObjectionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    announcement = serializers.UUIDField()
    received_on = serializers.DateField()
    posted_on = serializers.DateField(allow_null=True)
    late = serializers.BooleanField(help_text="Lodged after the objection term (Awb 6:9).")
    lateness_excused = serializers.BooleanField(allow_null=True, help_text="Awb 6:11; null: not decided yet.")
    excuse_reasons = serializers.CharField(allow_null=True)
    advisory_committee = serializers.BooleanField()
    suspended_from = serializers.DateField(allow_null=True)
    suspended_until = serializers.DateField(allow_null=True)
    suspension_days = serializers.IntegerField()
    extension_weeks = serializers.IntegerField()
    extension_ground = serializers.CharField(allow_null=True)
    extension_notice_sent_on = serializers.DateField(allow_null=True)
    postponement_weeks = serializers.IntegerField()
    postponement_basis = serializers.CharField(allow_blank=True)
    consent_on = serializers.DateField(allow_null=True)
    postponement_ground = serializers.CharField(allow_null=True)
    postponement_notice_sent_on = serializers.DateField(allow_null=True)
    decision_due_on = serializers.DateField(allow_null=True)
    state = serializers.CharField()
    outcome = serializers.CharField(allow_blank=True)
    decided_on = serializers.DateField(allow_null=True)


class InterimReliefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    requested_on = serializers.DateField()
    municipality_waits = serializers.BooleanField()
    state = serializers.CharField()
    ruled_on = serializers.DateField(allow_null=True)


class AppealSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    level = serializers.CharField()
    lodged_on = serializers.DateField()
    ruled_on = serializers.DateField(allow_null=True)
    annulled = serializers.BooleanField(help_text="After the ruling the decision stands annulled.")
    outcome = serializers.CharField(allow_null=True)


class RemediesSerializer(serializers.Serializer):
    announcements = AnnouncementSerializer(many=True)
    objections = ObjectionSerializer(many=True)
    interim_reliefs = InterimReliefSerializer(many=True)
    appeals = AppealSerializer(many=True)


class LetterSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    announcement = serializers.UUIDField(allow_null=True)
    created_by = RefSerializer()
    created_at = serializers.DateTimeField()


class ProcedureDetailSerializer(ProcedureListItemSerializer):
    controller = RefSerializer()
    categories = serializers.ListField(child=serializers.CharField(), help_text="Categories you see.")
    version = serializers.IntegerField(
        allow_null=True, help_text="Send back as `version` when changing the case (optimistic locking).",
    )
    available_transitions = TransitionOptionSerializer(many=True)
    person = PersonSummarySerializer(allow_null=True, help_text="Main subject; only with the personalia category.")
    premises = PremisesSerializer(help_text="Kind always; address, owner and parties only with personalia.")
    police_reports = PoliceReportSerializer(many=True, allow_null=True,
                                            help_text="Only with the damocles_report category.")
    assessment = AssessmentSerializer(allow_null=True, help_text="Only with the damocles_decision category.")
    decision = DecisionSerializer(allow_null=True, help_text="Only with the damocles_decision category.")
    letters = LetterSerializer(many=True, allow_null=True,
                               help_text="Metadata only; only with the damocles_decision category.")
    remedies = RemediesSerializer(allow_null=True, help_text="Only with the remedies category.")
    steps = StepSerializer(many=True)


class ProposalSerializer(serializers.Serializer):
    policy_version = PolicyVersionSerializer()
    offence_number = serializers.IntegerField()
    sanction = serializers.CharField(help_text="`none`: no automatic proposal, decide with written reasons.")
    days = serializers.IntegerField(allow_null=True)
    tier = serializers.CharField(allow_null=True)
    explanation = serializers.CharField()


class AssessmentAreaSerializer(serializers.Serializer):
    proposal = ProposalSerializer(allow_null=True, help_text="The policy's proposal now; null without a policy.")
    proposal_error = serializers.CharField(allow_null=True)
    assessment = AssessmentSerializer()


class ProcedureCreatedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()
    premises = serializers.UUIDField()
    earlier_procedures = serializers.IntegerField(help_text="Earlier procedures at the same premises.")
