"""Roles are Django groups; the names are stable identifiers used in code and data migrations.

A role grants capabilities (which pages and actions a user may reach); it never grants access to
a case by itself — that is decided per case in `casework/access.py`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PROCESREGISSEUR = "procesregisseur"
HANDHAVER = "handhaver"
PRIVACY_OFFICER = "privacy_officer"
KETENPARTNER = "ketenpartner"
TEAMLEIDER = "teamleider"

ROLE_LABELS = {
    PROCESREGISSEUR: _("Process director"),
    HANDHAVER: _("Enforcement officer"),
    PRIVACY_OFFICER: _("Privacy officer"),
    KETENPARTNER: _("Chain partner"),
    TEAMLEIDER: _("Team lead"),
}
ROLES = tuple(ROLE_LABELS)
ROLE_CHOICES = [(code, label) for code, label in ROLE_LABELS.items()]
