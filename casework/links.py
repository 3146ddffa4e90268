"""Links between cases: one case led to another (a referral from an inspection to a care case, a
procedure opened from a finding). The kinds are named by the case types (registry `link_kinds`).

- `link_create`: record a link, with one audit event per side (each names its own case and subject);
- `links_for(user, case)`: only links whose both cases the user may see (one query for a case without links,
  three for one with), so a link never reveals the existence of a case to someone who cannot see it;
- `linked_case_create`: open a case of another registered type through its `create_linked`
  provider (the case types never import each other; casework/registry.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit import record
from audit.actions import Action
from casework import access, presence, registry
from casework.models import Case, CaseLink, link_kind_label, processing_activity_of
from casework.notifications.services import case_opened_announce


@dataclass(frozen=True)
class LinkView:
    """A link as one side of it sees it: the other case and whether it points away from this one."""

    link: CaseLink
    other: Case
    outgoing: bool

    @property
    def kind_label(self) -> str:
        return link_kind_label(self.link.kind)


def _link_events(link: CaseLink, actor: User) -> None:
    """One event per side of the link (each names its own case and data subject)."""
    for case, other in ((link.from_case, link.to_case), (link.to_case, link.from_case)):
        record(
            action=Action.CREATE, processing_activity=processing_activity_of(case), object_type="casework.CaseLink",
            object_id=link.pk, case_id=case.pk, subject_id=case.person_id,
            reason=f"link:{link.kind} other:{other.pk}", actor=actor,
        )


def link_create(*, actor: User, from_case: Case, to_case: Case, kind: str, source_id: Any = None,
                source_type: str = "") -> CaseLink:
    link = CaseLink.objects.create(from_case=from_case, to_case=to_case, kind=kind, source_type=source_type,
                                   source_id=source_id, created_by=actor, at=timezone.now())
    _link_events(link, actor)
    return link


def linked_case_create(case_type: str, **data: Any) -> Any:
    """Open a case of `case_type` through that type's `create_linked` provider (or check it first,
    with `check_only=True`, where the type supports it). The new case's owner and team are notified as of
    a new referral, whatever the type."""
    spec = registry.find(case_type)
    if spec is None or spec.create_linked is None:
        raise ValidationError(_("This kind of case cannot be opened from another case."))
    result = spec.provider("create_linked")(**data)
    if isinstance(result, Case):
        case_opened_announce(case=result, actor=data.get("actor"))
    return result


def links_for(user: User, case: Case) -> list[LinkView]:
    """The links of `case` whose both cases `user` may see now, oldest first. Most cases have none: one probe
    of fixed text, prepared once per connection, says so (casework/presence.py; the query below, with the
    linked cases and their creator joined in, took 3.5 ms of Python to build on every case page, for
    0.25 ms of SQL). Only when there are links, a query for them (index lookups) and one for which of their
    cases the user may see (by primary key). One query with the visibility filter inside read the user's
    whole visible caseload for every case page (7 ms at 2,000 visible cases)."""
    if not presence.exists_each([(CaseLink, {"from_case": case.pk}), (CaseLink, {"to_case": case.pk})]):
        return []
    links = list(
        CaseLink.objects.filter(Q(from_case=case) | Q(to_case=case))
        .select_related("from_case", "to_case", "created_by")
        .order_by("at")
    )
    if not links:
        return []
    ids = {link.from_case_id for link in links} | {link.to_case_id for link in links}
    visible = set(access.visible_cases(user).filter(pk__in=ids).values_list("pk", flat=True))
    return [LinkView(link=link, other=link.to_case if link.from_case_id == case.pk else link.from_case,
                     outgoing=link.from_case_id == case.pk)
            for link in links if link.from_case_id in visible and link.to_case_id in visible]


__all__ = ["LinkView", "link_create", "linked_case_create", "links_for"]
