"""Output shapes of the API, declared field by field (no ModelSerializer).

Encrypted model fields would become read-only binary fields under a ModelSerializer, and it
halves list throughput; these plain serializers read attributes or dict keys that the
presenters (casework/api/presenters.py) put together after the category check. A part the
user may not see (a category not shared with a partner) is `null`, never decrypted.
"""

from __future__ import annotations

from rest_framework import serializers


class RefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class PersonSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    first_names = serializers.CharField()
    surname = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)


class PersonCaseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()


class PersonSerializer(PersonSummarySerializer):
    bsn = serializers.CharField(allow_null=True)
    address = serializers.CharField(allow_null=True)
    phone = serializers.CharField(allow_null=True)
    contact_notes = serializers.CharField(allow_null=True, help_text="Only with the notes category.")
    cases = PersonCaseSerializer(many=True, help_text="Cases of this person in which you see personal details.")


class BrpPersonSerializer(serializers.Serializer):
    """A person as the BRP gave them, for prefilling a registration; nothing of it is stored by the lookup."""

    bsn = serializers.CharField()
    first_names = serializers.CharField()
    surname = serializers.CharField(help_text="With the voorvoegsel, e.g. `van Doodewaard`.")
    date_of_birth = serializers.DateField(allow_null=True, help_text="Null when the BRP has no full date.")
    address = serializers.CharField(help_text="The address lines of a letter, one per line; empty unless "
                                              "`with_address` was asked.")
    retrieved_on = serializers.DateField(help_text="The day of the lookup: the source to record with the person "
                                                   "(verified in the BRP on this day).")


# The columns every case type's own list shares (Damocles procedures, park files). A comment, not a
# docstring: drf-spectacular would copy a docstring into each subclass's schema description.
class CaseTypeListItemSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    opened_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    owner = RefSerializer()
    team = RefSerializer(allow_null=True)


class CaseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    case_type = serializers.CharField(help_text="The case type's code, e.g. `pga`: its own resources are under "
                                                "`/api/v1/<case_type>`.")
    status = serializers.CharField()
    status_label = serializers.CharField()
    opened_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    owner = RefSerializer()
    team = RefSerializer(allow_null=True)
    person = PersonSummarySerializer(
        allow_null=True, help_text="Only with the personalia category (and never a shielded party without its "
                                   "own category).")


class CaseDetailSerializer(CaseSerializer):
    categories = serializers.ListField(child=serializers.CharField(), help_text="Categories you see.")
    version = serializers.IntegerField(
        allow_null=True, help_text="Send back as `version` with every update of the case or its rows "
                                   "(409 when it changed since); null when you may not change the case.")


class TransitionOptionSerializer(serializers.Serializer):
    to = serializers.CharField()
    label = serializers.CharField()
    requires = serializers.ListField(child=serializers.CharField())


class StepSerializer(serializers.Serializer):
    sequence = serializers.IntegerField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    at = serializers.DateTimeField()
    by = RefSerializer()
    reason = serializers.CharField(allow_null=True, help_text="Only with the notes category.")
    data = serializers.JSONField(allow_null=True, help_text="Only with the notes category.")


class ShareSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    partner = RefSerializer()
    categories = serializers.ListField(child=serializers.CharField())
    processing_activity = serializers.CharField()
    legal_basis = serializers.CharField()
    purpose = serializers.CharField()
    weighing = serializers.CharField(allow_null=True, help_text="Only for those who may share the case.")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    decided_by = RefSerializer()
    decided_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    active = serializers.BooleanField()


class StepCreatedSerializer(StepSerializer):
    case_status = serializers.CharField()
    case_version = serializers.IntegerField()
