"""`{% case_links case as links %}`: the links of a case the current user may see (both sides).

A selector call, not a rule: casework/links.py `links_for` decides. Used by
templates/casework/cases/_links.html, which the case page includes with one line.
"""

from __future__ import annotations

from django import template

from casework.links import LinkView, links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def case_links(context, case) -> list[LinkView]:
    request = context.get("request")
    if request is None or case is None:
        return []
    return links_for(request.user, case)
