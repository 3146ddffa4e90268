"""`{% submission_token %}`: the one-time token of a web form (casework/web/submission.py).

Registered as a template builtin (settings TEMPLATES), so every form can use it without a load.
"""

from __future__ import annotations

import secrets

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def submission_token() -> SafeString:
    return format_html('<input type="hidden" name="submission_token" value="{}">', secrets.token_urlsafe(24))
