"""Forms for login and user administration. Validation rules live in accounts/services.py."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from accounts.roles import ROLE_CHOICES


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "username", "autofocus": True, "class": "utrecht-textbox utrecht-textbox--html-input"}
    ))
    password = forms.CharField(label=_("Password"), max_length=4_096, strip=False, widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password", "class": "utrecht-textbox utrecht-textbox--html-input"}
    ))
    otp_token = forms.CharField(
        label=_("Verification code"),
        help_text=_("The 6-digit code from your authenticator app."),
        max_length=8,
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "class": "utrecht-textbox utrecht-textbox--html-input",
        }),
    )
    # Filled by static/js/passkeys.js with the passkey's signature (accounts/passkeys.py); instead of the code.
    passkey_assertion = forms.CharField(required=False, max_length=8000, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.data.get("passkey_assertion"):  # a passkey's signature stands in for the code
            self.fields["otp_token"].required = False


class PasskeyForm(forms.Form):
    """A new passkey: its name; the browser's answer is filled in by static/js/passkeys.js."""

    name = forms.CharField(
        label=_("Name of the passkey"), max_length=64,
        help_text=_("So you can recognise it later, for example \"Laptop\" or \"Security key\"."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}))
    passkey_attestation = forms.CharField(required=False, max_length=16000, widget=forms.HiddenInput)


class _TextInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"class": "utrecht-textbox utrecht-textbox--html-input", **(attrs or {})})


class _Select(forms.Select):
    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "utrecht-select utrecht-select--html-select", **(attrs or {})}, choices)


class UserForm(forms.Form):
    """Create or edit a user of the team lead's own organisation."""

    username = forms.CharField(label=_("Username"), max_length=150, widget=_TextInput())
    first_name = forms.CharField(label=_("First name"), max_length=150, widget=_TextInput())
    last_name = forms.CharField(label=_("Last name"), max_length=150, widget=_TextInput())
    email = forms.EmailField(label=_("Email address"), widget=_TextInput({"type": "email"}))
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, widget=_Select())
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, widget=_Select(),
        empty_label=_("(no team)"),
    )

    def __init__(self, *args, organisation, editing: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = Team.objects.filter(organisation=organisation)
        if editing is not None:
            self.fields["username"].disabled = True


class DeactivateForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, deactivate this user and end their sessions now"), required=True,
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
    )


class SecondFactorResetForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("For example: phone lost or replaced. The reason is recorded in the audit trail."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea utrecht-textarea--html-textarea"}),
    )


class OrganisationAddressForm(forms.Form):
    postal_address = forms.CharField(
        label=_("Postal address"), max_length=300,
        help_text=_("As printed on letters and as the address for objections, e.g. \"Postbus 100\" and "
                    "\"9999 AA Demodorp\" on two lines."),
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea utrecht-textarea--html-textarea"}))
    municipality_name = forms.CharField(
        label=_("Name in letters"), max_length=100, required=False,
        help_text=_("As in \"de burgemeester van Demodorp\". Empty: the organisation's name without \"Gemeente\"."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}))
    digital_objection_url = forms.URLField(
        label=_("Web address for digital objections"), max_length=300, required=False, assume_scheme="https",
        help_text=_("Only if the organisation accepts objections digitally (Awb 2:15). Empty: letters do not "
                    "offer a digital route."),
        widget=forms.URLInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}))
    court_name = forms.CharField(
        label=_("Competent court"), max_length=100, required=False,
        help_text=_("Named in decisions for interim relief (Awb 8:81), e.g. \"Rechtbank Gelderland\"."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}))
    court_address = forms.CharField(
        label=_("Postal address of the court"), max_length=300, required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea utrecht-textarea--html-textarea"}))


class GroupMappingForm(forms.Form):
    """One value of the identity provider's group claim and the role (and team) it gives (accounts/sso/services.py)."""

    group = forms.CharField(
        label=_("Group"), max_length=200, widget=_TextInput(),
        help_text=_("The group exactly as your organisation's login service sends it, for example \"ZV-Handhavers\"."))
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, widget=_Select())
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, widget=_Select(), empty_label=_("(no team)"))

    def __init__(self, *args, organisation, roles: frozenset[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = Team.objects.filter(organisation=organisation)
        if roles is not None:  # a chain partner: only the roles its login service may give
            cast(forms.ChoiceField, self.fields["role"]).choices = [
                (code, label) for code, label in ROLE_CHOICES if code in roles]
