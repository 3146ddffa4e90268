"""Input shapes of the core's legal remedies that every case type's API shares: registering an
objection against the decision as announced to one addressee, and updating it (Awb 6:9 posting,
6:11 excusable lateness, 7:10 lid 2 suspension, lid 3 extension, lid 4 postponement, lid 5 notice,
state and outcome). Parse and type-check only: the rules are casework/remedies/objections.py, which
the web forms call as well. One class per shape, so the published document has one schema for
every case type.
"""

from __future__ import annotations

from rest_framework import serializers

from casework.api.serializers_in import VersionedInSerializer
from casework.bounds import LONG_TEXT
from casework.remedies.models import Objection


class ObjectionInSerializer(serializers.Serializer):
    announcement = serializers.UUIDField(help_text="The announcement (addressee) the objection is against.")
    received_on = serializers.DateField()
    posted_on = serializers.DateField(required=False, allow_null=True, default=None,
                                      help_text="Date of posting (Awb 6:9 lid 2): on time when posted before the end "
                                                "of the term and received within a week after it.")
    advisory_committee = serializers.BooleanField(required=False, default=False)


class ObjectionUpdateInSerializer(VersionedInSerializer):
    posted_on = serializers.DateField(required=False)
    lateness_excused = serializers.BooleanField(required=False, help_text=(
        "Only for a late objection (Awb 6:11): true = excusable (with excuse_reasons), false = not excusable."))
    excuse_reasons = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True)
    suspension_days = serializers.IntegerField(required=False, min_value=0)
    suspended_from = serializers.DateField(required=False, help_text="Awb 7:10 lid 2: asked to repair an omission on.")
    suspended_until = serializers.DateField(required=False, help_text="Awb 7:10 lid 2: the omission repaired on.")
    extension_weeks = serializers.IntegerField(required=False, min_value=0, max_value=6,
                                               help_text="Awb 7:10 lid 3: at most 6 weeks.")
    extension_ground = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True)
    extension_notice_sent_on = serializers.DateField(required=False, help_text="Awb 7:10 lid 5: required.")
    postponement_weeks = serializers.IntegerField(required=False, min_value=0,
                                                  help_text="Awb 7:10 lid 4: further postponement.")
    postponement_basis = serializers.ChoiceField(choices=[
        Objection.PostponementBasis.CONSENT, Objection.PostponementBasis.STATUTORY_PROCEDURE], required=False)
    consent_on = serializers.DateField(required=False)
    postponement_ground = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True)
    postponement_notice_sent_on = serializers.DateField(required=False)
    state = serializers.ChoiceField(choices=Objection.State.choices, required=False)
    outcome = serializers.ChoiceField(choices=Objection.Outcome.choices, required=False, allow_blank=True)
    decided_on = serializers.DateField(required=False)
    advisory_committee = serializers.BooleanField(required=False)
