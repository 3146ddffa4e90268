"""Input shapes of the API: parse and type-check only. The rules live in the services, which
raise Django ValidationErrors that casework/api/errors.py turns into 400 responses."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Organisation
from casework.categories import shareable


def organisations() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))


class PersonInSerializer(serializers.Serializer):
    first_names = serializers.CharField(max_length=200, allow_blank=True, default="")
    surname = serializers.CharField(max_length=200)
    bsn = serializers.CharField(max_length=9, required=False, allow_blank=True, default="")
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    address = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class ShareInSerializer(serializers.Serializer):
    partner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))
    categories = serializers.ListField(child=serializers.ChoiceField(choices=shareable()), allow_empty=False)
    processing_activity = serializers.CharField(max_length=64)
    purpose = serializers.CharField()
    weighing = serializers.CharField(help_text="Written weighing of proportionality and subsidiarity.")
    shielded_weighing = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text="Required when a category of shielded parties (melders, sources) is shared: why this partner "
                  "must know the source.")
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    ends_on = serializers.DateField()


class ReasonInSerializer(serializers.Serializer):
    reason = serializers.CharField()
