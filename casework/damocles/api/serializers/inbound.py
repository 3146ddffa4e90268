"""Input shapes of the Damocles API: parse and type-check only.

The rules (which address is the same premises, which units fit a substance, when a step may be
taken, the four-eyes check, the Awb terms) live in casework/damocles/services/, whose Django
ValidationErrors casework/api/errors.py turns into 400 responses.
"""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import User
from casework.api.serializers_in import PersonInSerializer, VersionedInSerializer
from casework.bounds import LONG_TEXT
from casework.damocles.models import Ground, PremisesKind, PremisesParty, Sanction, Substance, Unit
from casework.damocles.services.tracks import METHOD_CHOICES
from casework.remedies.models import AddresseeRole, InterimRelief


class PremisesInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PremisesKind.choices)
    street = serializers.CharField(max_length=200)
    house_number = serializers.CharField(max_length=10)
    house_number_addition = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    postcode = serializers.CharField(max_length=7)
    city = serializers.CharField(max_length=100)
    bag_id = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    owner_person = PersonInSerializer(required=False, allow_null=True, default=None,
                                      help_text="The owner, when a natural person.")
    owner_entity_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                              help_text="The owner, when a legal entity.")
    owner_kvk = serializers.CharField(max_length=8, required=False, allow_blank=True, default="")
    notes = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


class PoliceReportInSerializer(serializers.Serializer):
    received_on = serializers.DateField()
    found_on = serializers.DateField()
    ground = serializers.ChoiceField(choices=Ground.choices)
    police_reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    summary = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


class FindingInSerializer(serializers.Serializer):
    substance = serializers.ChoiceField(choices=Substance.choices)
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    unit = serializers.ChoiceField(choices=Unit.choices)


class PartyInSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=PremisesParty.Role.choices)
    person = PersonInSerializer()
    since = serializers.DateField(required=False, allow_null=True, default=None)
    until = serializers.DateField(required=False, allow_null=True, default=None)


class ProcedureInSerializer(serializers.Serializer):
    premises = PremisesInSerializer(help_text="Found again by BAG id or address, or registered.")
    police_report = PoliceReportInSerializer()
    findings = FindingInSerializer(many=True, allow_empty=False)
    main_person = PersonInSerializer(required=False, allow_null=True, default=None,
                                     help_text="The main subject of the procedure (usually the occupant).")
    parties = PartyInSerializer(many=True, required=False, default=list)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None,
        help_text="Enforcement officer who owns the procedure; defaults to you.",
    )


class DamoclesTransitionInSerializer(serializers.Serializer):
    """The step and the data it needs (casework/damocles/services/decisions.py says which step needs what)."""

    to = serializers.CharField(max_length=40)
    reason = serializers.CharField(max_length=LONG_TEXT)
    version = serializers.IntegerField(help_text="The case version you read (409 when it changed).")
    urgency_reason = serializers.CharField(max_length=LONG_TEXT, required=False,
                                           help_text="spoedeisende_sluiting (Awb 4:11 sub a).")
    intention_sent_on = serializers.DateField(required=False, help_text="voornemen_verzonden.")
    view_term_weeks = serializers.IntegerField(required=False, min_value=1, help_text="voornemen_verzonden.")
    signatory = serializers.CharField(required=False, max_length=200,
                                      help_text="voornemen_verzonden and besluit (required): who signs the letter.")
    under_mandate = serializers.BooleanField(
        required=False, help_text="voornemen_verzonden and besluit: the signatory signs in mandate (the letter says "
        "“namens deze”).")
    deciding_authority = serializers.CharField(required=False, max_length=100, help_text="besluit.")
    compliance_term_days = serializers.IntegerField(required=False, min_value=0, help_text="besluit.")
    decided_on = serializers.DateField(required=False, help_text="besluit.")
    sealed_on = serializers.DateField(required=False, help_text="sluiting_uitgevoerd.")
    order_posted = serializers.BooleanField(required=False, help_text="sluiting_uitgevoerd.")
    closure_ends_on = serializers.DateField(required=False, help_text="opheffing_wijziging.")
    reopened_on = serializers.DateField(required=False, help_text="pand_heropend.")
    costs_recovered = serializers.DecimalField(max_digits=10, decimal_places=2, required=False,
                                               help_text="kostenverhaal (EUR).")


class AssessmentInSerializer(VersionedInSerializer):
    chosen_sanction = serializers.ChoiceField(choices=[Sanction.WARNING, Sanction.CLOSURE])
    chosen_days = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    geschikt = serializers.CharField(max_length=LONG_TEXT,
                                     help_text="Suitable: why closure (or warning) serves the aim.")
    noodzakelijk = serializers.CharField(max_length=LONG_TEXT, help_text="Necessary: why no lighter measure suffices.")
    evenwichtig = serializers.CharField(max_length=LONG_TEXT, help_text="Balanced: the interests weighed.")
    deviation_reasons = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="",
                                              help_text="Required when deviating from the policy's proposal.")


class ApprovalDecisionInSerializer(VersionedInSerializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


class AnnouncementInSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=AddresseeRole.choices)
    method = serializers.ChoiceField(choices=METHOD_CHOICES)
    announced_on = serializers.DateField()
    addressee_person = serializers.UUIDField(required=False, allow_null=True, default=None,
                                             help_text="A registered person (a party of the premises).")
    addressee_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class InterimReliefInSerializer(serializers.Serializer):
    requested_on = serializers.DateField()
    municipality_waits = serializers.BooleanField(required=False, default=False)


class InterimReliefUpdateInSerializer(VersionedInSerializer):
    state = serializers.ChoiceField(choices=InterimRelief.State.choices, required=False)
    ruled_on = serializers.DateField(required=False)
    municipality_waits = serializers.BooleanField(required=False)


class ClosureRegistrationInSerializer(VersionedInSerializer):
    order_posted = serializers.BooleanField()
    wkpb_registered_on = serializers.DateField(allow_null=True)
