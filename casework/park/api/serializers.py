"""Shapes of the park enforcement API, declared field by field (see casework/api/serializers_out.py for why).

Output: each part that belongs to a sharing category is nullable — `null` means "not shared with
you", never "empty"; casework/park/api/presenters.py fills them after the category check.
Input: parse and type-check only; the rules (one named object, the compliance term, four eyes,
tolerance decisions, forfeiture dates, limitation) live in casework/park/services/, whose
Django ValidationErrors casework/api/errors.py turns into 400 responses. The codes of another case
type (the PGA informed status, the Damocles ground, substances and units) arrive as plain strings:
that type's own rules check them, reached through the registry (casework/park/services/links.py),
so this package imports no other case type.
"""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Organisation, User
from casework.api.serializers_in import PersonInSerializer, VersionedInSerializer
from casework.api.serializers_out import (
    CaseTypeListItemSerializer,
    PersonSummarySerializer,
    RefSerializer,
    TransitionOptionSerializer,
)
from casework.bounds import LONG_TEXT
from casework.models import Person
from casework.park.models import InspectionSource, ObjectKind, PenaltyForm, TimeUnit

WARNING_HELP = "passed, one_month or three_months before the limitation date; null when none applies."


# --- output -------------------------------------------------------------------------------------

class ObjectSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    number = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    park = RefSerializer()
    address = serializers.CharField(allow_null=True, help_text="Only with the personalia category.")


class ObjectListItemSerializer(ObjectSummarySerializer):
    open_file = serializers.DictField(allow_null=True, help_text="The open enforcement file (id, reference, "
                                                                 "status), if any.")


class ParkOwnerSerializer(serializers.Serializer):
    person = PersonSummarySerializer(allow_null=True)
    entity_name = serializers.CharField(allow_null=True)


class OccupantSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    person = PersonSummarySerializer()
    brp_status = serializers.CharField()
    brp_checked_on = serializers.DateField(allow_null=True)
    since = serializers.DateField(allow_null=True)
    left_on = serializers.DateField(allow_null=True)


class ObjectSerializer(ObjectSummarySerializer):
    bag_id = serializers.CharField(allow_null=True, help_text="The BAG nummeraanduiding id.")
    bag_object_id = serializers.CharField(allow_null=True,
                                          help_text="The BAG adresseerbaar object id (only from a pick).")
    address_verified = serializers.BooleanField(
        allow_null=True, help_text="Whether the address was picked in the BAG; false: typed by hand, not verified.")
    owner = ParkOwnerSerializer(allow_null=True)
    occupants = OccupantSerializer(many=True, allow_null=True)
    notes = serializers.CharField(allow_null=True, help_text="Only with the notes category.")


class FileListItemSerializer(CaseTypeListItemSerializer):
    object = ObjectSummarySerializer()


class ReportSerializer(serializers.Serializer):
    reported_on = serializers.DateField(allow_null=True)
    summary = serializers.CharField(allow_null=True)


class IntentionSerializer(serializers.Serializer):
    sent_on = serializers.DateField(allow_null=True)
    view_term_weeks = serializers.IntegerField()
    view_due_on = serializers.DateField(allow_null=True)
    complied_on = serializers.DateField(allow_null=True)


class InspectionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    inspected_on = serializers.DateField()
    officers = RefSerializer(many=True)
    sources = serializers.ListField(child=serializers.CharField())
    findings = serializers.CharField()
    drugs_found = serializers.BooleanField()
    order = serializers.UUIDField(allow_null=True, help_text="The order a re-inspection checks.")
    compliant = serializers.BooleanField(allow_null=True)
    photos = serializers.IntegerField(help_text="Number of photos (served, audited, by the web UI).")
    created_by = RefSerializer()


class ForfeitureSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    order = serializers.UUIDField()
    basis = serializers.UUIDField(help_text="The re-inspection that established the forfeiture.")
    forfeited_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    payment_due_on = serializers.DateField(help_text="6 weeks after forfeiture (Awb 5:33).")
    limitation_date = serializers.DateField(allow_null=True, help_text="Last day of the limitation term (Awb 5:35, "
                                                                       "5:37a); null while paused.")
    limitation_paused_since = serializers.DateField(allow_null=True)
    state = serializers.CharField()
    state_label = serializers.CharField()
    closed_on = serializers.DateField(allow_null=True)
    warning = serializers.CharField(allow_null=True, help_text=WARNING_HELP)


class ParkObjectionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    announcement = serializers.UUIDField(help_text="The announcement (addressee) the objection is against.")
    received_on = serializers.DateField()
    posted_on = serializers.DateField(allow_null=True)
    late = serializers.BooleanField(help_text="Lodged after the objection term (Awb 6:9): the official decides on "
                                              "its admissibility (6:11).")
    lateness_excused = serializers.BooleanField(allow_null=True, help_text="Awb 6:11; null: not decided yet.")
    advisory_committee = serializers.BooleanField()
    suspension_days = serializers.IntegerField(help_text="Awb 7:10 lid 2.")
    suspended_from = serializers.DateField(allow_null=True, help_text="Awb 7:10 lid 2: asked to repair an omission.")
    suspended_until = serializers.DateField(allow_null=True, help_text="Awb 7:10 lid 2: the omission repaired.")
    extension_weeks = serializers.IntegerField(help_text="Awb 7:10 lid 3.")
    extension_notice_sent_on = serializers.DateField(allow_null=True, help_text="Awb 7:10 lid 5.")
    postponement_weeks = serializers.IntegerField(help_text="Awb 7:10 lid 4.")
    postponement_basis = serializers.CharField(allow_blank=True, help_text=(
        "Awb 7:10 lid 4: consent, statutory_procedure, or unrecorded (extended before the limits were checked; "
        "docs/adr/0015)."))
    consent_on = serializers.DateField(allow_null=True)
    postponement_notice_sent_on = serializers.DateField(allow_null=True, help_text="Awb 7:10 lid 5.")
    decision_due_on = serializers.DateField()
    state = serializers.CharField()
    outcome = serializers.CharField(allow_blank=True)
    decided_on = serializers.DateField(allow_null=True)


class ParkAnnouncementSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    addressee = PersonSummarySerializer()
    method = serializers.CharField()
    announced_on = serializers.DateField()
    objection_deadline = serializers.DateField()
    compliance_ends_on = serializers.DateField(
        allow_null=True, help_text="Last day of this addressee's compliance term, counted from their announcement "
        "(not extended by the Atw); a penalty is forfeited only after it.")
    objections = ParkObjectionSerializer(many=True)


class ParkAppealSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    level = serializers.CharField()
    lodged_on = serializers.DateField()
    ruled_on = serializers.DateField(allow_null=True)
    annulled = serializers.BooleanField(help_text="After the ruling the order stands annulled.")
    outcome = serializers.CharField(allow_blank=True)


class OrderSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    object = serializers.UUIDField(help_text="The recreation object the order names.")
    state = serializers.CharField()
    state_label = serializers.CharField()
    remedy = serializers.CharField()
    compliance_term_days = serializers.IntegerField()
    penalty_form = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    time_unit = serializers.CharField(allow_blank=True)
    maximum = serializers.DecimalField(max_digits=12, decimal_places=2)
    decided_on = serializers.DateField(allow_null=True)
    compliance_due_on = serializers.DateField(
        allow_null=True, help_text="The latest end of the compliance term over the addressees announced so far; "
        "null until the order is announced.")
    addressees = PersonSummarySerializer(many=True)
    addressee_entity = serializers.CharField(
        allow_null=True, help_text="The owner company the order is addressed to (a legal entity is no person); "
        "null when the order names persons only.")
    announcements = ParkAnnouncementSerializer(many=True)
    appeals = ParkAppealSerializer(many=True)
    forfeitures = ForfeitureSerializer(many=True)


class ToleranceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    person = PersonSummarySerializer()
    reference_date = serializers.DateField()
    resident_since = serializers.DateField()
    granted_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    end_reason = serializers.CharField(allow_blank=True)
    in_force = serializers.BooleanField()


class FileDetailSerializer(FileListItemSerializer):
    controller = RefSerializer()
    version = serializers.IntegerField()
    via = serializers.CharField(help_text="How you reach this file: owner, team, grant, supervision, share, "
                                          "break_glass.")
    categories = serializers.ListField(child=serializers.CharField())
    person = PersonSummarySerializer(allow_null=True, help_text="Only with the personalia category.")
    object = ObjectSerializer()
    report = ReportSerializer(allow_null=True, help_text="Only with the park_inspections category.")
    intention = IntentionSerializer(allow_null=True, help_text="Only with the park_orders category.")
    inspections = InspectionSerializer(many=True, allow_null=True, help_text="Only with park_inspections.")
    orders = OrderSerializer(many=True, allow_null=True, help_text="Only with park_orders.")
    tolerance_decisions = ToleranceSerializer(many=True, allow_null=True, help_text="Only with park_tolerance.")
    transitions = TransitionOptionSerializer(many=True)


class FileCreatedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()
    object = serializers.UUIDField()


class ParkCreatedSerializer(serializers.Serializer):
    id = serializers.UUIDField()


class LinkCreatedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    to_case = serializers.UUIDField()
    to_reference = serializers.CharField()


# --- input --------------------------------------------------------------------------------------

def _persons(**kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), **kwargs)


def _users(**kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), **kwargs)


class ObjectInSerializer(serializers.Serializer):
    park = serializers.UUIDField()
    number = serializers.CharField(max_length=20, help_text="Chalet or pitch number, e.g. B-017.")
    kind = serializers.ChoiceField(choices=ObjectKind.choices)
    street = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    house_number = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    house_number_addition = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True, default="")
    city = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    bag_id = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    owner_person = _persons(required=False, allow_null=True, default=None, help_text="The owner, when a person.")
    owner_entity = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                         help_text="The owner, when a legal entity.")
    notes = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


class FileOpenInSerializer(serializers.Serializer):
    object = serializers.UUIDField(help_text="The recreation object the file concerns.")
    owner = _users(required=False, allow_null=True, default=None,
                   help_text="Enforcement officer who owns the file; defaults to you.")
    person = PersonInSerializer(required=False, allow_null=True, default=None,
                                help_text="The main person of the file (an occupant or the owner).")


class ParkTransitionInSerializer(serializers.Serializer):
    to = serializers.CharField(max_length=40)
    reason = serializers.CharField(max_length=LONG_TEXT)
    version = serializers.IntegerField(help_text="The case version you read (409 when it changed).")
    reported_on = serializers.DateField(required=False, allow_null=True, help_text="constatering")
    report_summary = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True,
                                           help_text="constatering")
    intention_sent_on = serializers.DateField(required=False, allow_null=True, help_text="voornemen")
    view_term_weeks = serializers.IntegerField(required=False, min_value=1, help_text="voornemen")
    order = serializers.UUIDField(required=False, help_text="last_onder_dwangsom: the approved order.")
    decided_on = serializers.DateField(required=False, allow_null=True, help_text="last_onder_dwangsom")


class InspectionInSerializer(serializers.Serializer):
    inspected_on = serializers.DateField()
    officers = serializers.ListField(child=_users(), required=False, default=list,
                                     help_text="Officers who inspected; defaults to you.")
    sources = serializers.ListField(child=serializers.ChoiceField(choices=InspectionSource.choices),
                                    allow_empty=False)
    findings = serializers.CharField(max_length=LONG_TEXT)
    drugs_found = serializers.BooleanField(default=False)
    order = serializers.UUIDField(required=False, allow_null=True, default=None,
                                  help_text="A re-inspection: the order it checks.")
    compliant = serializers.BooleanField(required=False, allow_null=True, default=None)


class OrderInSerializer(serializers.Serializer):
    addressees = serializers.ListField(child=_persons(), required=False, default=list,
                                       help_text="The persons the order names; at least one, or `owner_entity`.")
    owner_entity = serializers.BooleanField(
        required=False, default=False, help_text="Also address the object's owner when that is a legal entity.")
    remedy = serializers.CharField(max_length=LONG_TEXT, help_text="What must be done to comply.")
    compliance_term_days = serializers.IntegerField(help_text="Mandatory, at least 1 (Awb 5:32a lid 2).")
    penalty_form = serializers.ChoiceField(choices=PenaltyForm.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    maximum = serializers.DecimalField(max_digits=12, decimal_places=2)
    time_unit = serializers.ChoiceField(choices=TimeUnit.choices, required=False, allow_blank=True, default="")


class ParkApprovalDecisionInSerializer(VersionedInSerializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


class ForfeitureInSerializer(serializers.Serializer):
    order = serializers.UUIDField()
    basis = serializers.UUIDField(help_text="The re-inspection that found the order not complied with.")
    forfeited_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True,
                                      default=None, help_text="Defaults to the order's amount.")


class ParkReferralInSerializer(serializers.Serializer):
    occupant = serializers.UUIDField(help_text="The occupant of the inspected object who is referred.")
    reason = serializers.CharField(max_length=LONG_TEXT, help_text="The care signal (aanleiding of the PGA case).")
    owner = _users(help_text="The process director who gets the PGA case.")
    partner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))
    # Codes, not an enum: the published document lists no values that depend on the installed case types.
    categories = serializers.ListField(child=serializers.CharField(max_length=64), allow_empty=False)
    processing_activity = serializers.CharField(max_length=64, default="chain-sharing")
    purpose = serializers.CharField(max_length=LONG_TEXT)
    weighing = serializers.CharField(max_length=LONG_TEXT,
                                     help_text="Written weighing of proportionality and subsidiarity.")
    ends_on = serializers.DateField()
    conference_goal = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")
    informed_status = serializers.CharField(
        max_length=16, required=False,
        help_text="Whether the person was informed of the referral, a code of the PGA case type (not_yet when "
                  "left out); checked by the PGA referral rules.")
    postponement_ground = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


class ParkFindingInSerializer(serializers.Serializer):
    substance = serializers.CharField(max_length=32, help_text="A substance code of the Damocles case type.")
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    unit = serializers.CharField(max_length=16, help_text="A unit code of the Damocles case type that fits the "
                                                          "substance.")


class DamoclesFromFindingInSerializer(serializers.Serializer):
    findings = ParkFindingInSerializer(many=True, allow_empty=False,
                                       help_text="Checked by the Damocles registration rules (400 with the "
                                                 "number of the finding that does not fit).")
    ground = serializers.CharField(max_length=16, required=False,
                                   help_text="The ground of the procedure, a code of the Damocles case type "
                                             "(sub_a when left out); checked by the Damocles registration rules.")
    summary = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")
    police_reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
