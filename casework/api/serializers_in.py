"""Input shapes of the API: parse and type-check only. The rules live in the services, which
raise Django ValidationErrors that casework/api/errors.py turns into 400 responses."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from accounts.models import Organisation
from casework.bounds import LINE, LONG_TEXT


def code(choices: Any, message: Any, **kwargs: Any) -> serializers.ChoiceField:
    """A code of a fixed list a client sends: enumerated in the published contract, and a wrong one refused with
    `message`, the service's own Dutch message for it (the service checks it too)."""
    return serializers.ChoiceField(choices=choices, error_messages={"invalid_choice": message}, **kwargs)


def organisations() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))


class PersonInSerializer(serializers.Serializer):
    first_names = serializers.CharField(max_length=200, allow_blank=True, default="")
    surname = serializers.CharField(max_length=200)
    bsn = serializers.CharField(max_length=9, required=False, allow_blank=True, default="")
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    address = serializers.CharField(max_length=LINE, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class BrpLookupInSerializer(serializers.Serializer):
    bsn = serializers.RegexField(r"^\d{9}$", max_length=9, help_text="The BSN to look up (9 digits).")
    processing_activity = serializers.CharField(
        max_length=64, help_text="Code of the processing activity the lookup serves; it must have a recorded BRP "
                                 "authorisation in the register.")
    with_address = serializers.BooleanField(
        default=False, help_text="Also the address lines of a letter (only for an addressee of letters).")


class ShareInSerializer(serializers.Serializer):
    partner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))
    # Codes, not an enum: which categories exist depends on the case type (the service checks them),
    # and the published document lists no values that depend on the installed case types.
    categories = serializers.ListField(
        child=serializers.CharField(max_length=64), allow_empty=False,
        help_text="Codes of the case type's sharing categories, e.g. `personalia` (`metadata` is always shared).")
    processing_activity = serializers.CharField(max_length=64)
    purpose = serializers.CharField(max_length=LONG_TEXT)
    weighing = serializers.CharField(max_length=LONG_TEXT,
                                     help_text="Written weighing of proportionality and subsidiarity.")
    shielded_weighing = serializers.CharField(max_length=LONG_TEXT,
        required=False, allow_blank=True, default="",
        help_text="Required when a category of shielded parties (melders, sources) is shared: why this partner "
                  "must know the source.")
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    ends_on = serializers.DateField()


class VersionedInSerializer(serializers.Serializer):
    """The input of every update of a case or its rows (casework/versions.py)."""

    version = serializers.IntegerField(
        min_value=1, help_text="The case's `version` as you read it; 409 when the case changed since.")


class RevocationInSerializer(VersionedInSerializer):
    reason = serializers.CharField(max_length=LONG_TEXT)
