"""Collecting the forfeited penalties of a gedragsaanwijzing in the form of a dwangsom: the core's
penalty services (casework/penalties/services.py, ADR 0011), called with woonoverlast's `RULES`
(an enforcement officer with access to the open file, on an imposed gedragsaanwijzing):

- `collection_intention_record`: the intention to collect, with its term for a view (Awb 4:8);
- `collection_request_record`: a request for a collection decision (Awb 5:37 lid 2), to be decided
  within four weeks (lid 3);
- `collection_decision_record`: the collection decision (Awb 5:37 lid 1), after the intention and
  before the forfeiture is time-barred; its announcement interrupts the limitation (5:37a);
- `payment_record` (services/enforcement.py): a payment of a forfeiture.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from accounts.models import User
from casework.models import Person
from casework.penalties import services as penalties
from casework.penalties.models import CollectionDecision, CollectionIntention, CollectionRequest, Forfeiture
from casework.woonoverlast.models import BehaviouralOrder
from casework.woonoverlast.services.enforcement import RULES


def collection_intention_record(*, actor: User, order: BehaviouralOrder, forfeitures: Sequence[Forfeiture],
                                sent_on: Any, view_term_weeks: Any = 2) -> CollectionIntention:
    return penalties.collection_intention_record(rules=RULES, actor=actor, order=order, forfeitures=forfeitures,
                                                 sent_on=sent_on, view_term_weeks=view_term_weeks)


def collection_request_record(*, actor: User, order: BehaviouralOrder, requested_on: Any,
                              requester_person: Person | None = None, requester_name: str = "") -> CollectionRequest:
    return penalties.collection_request_record(rules=RULES, actor=actor, order=order, requested_on=requested_on,
                                               requester_person=requester_person, requester_name=requester_name)


def collection_decision_record(*, actor: User, order: BehaviouralOrder, forfeitures: Sequence[Forfeiture],
                               decided_on: date, announced_on: date, request: CollectionRequest | None = None,
                               notes: str = "") -> CollectionDecision:
    return penalties.collection_decision_record(rules=RULES, actor=actor, order=order, forfeitures=forfeitures,
                                                decided_on=decided_on, announced_on=announced_on, request=request,
                                                notes=notes)


__all__ = ["collection_decision_record", "collection_intention_record", "collection_request_record"]
