"""The BRP calls: a person by BSN and the residents of an adresseerbaar object (BRP API Personen, `POST /personen`),
and who lived at an adresseerbaar object in a period (BRP bewoning, `POST /bewoningen`, `BewoningMetPeriode`).

Every call, in this order:
1. BRP_SOURCE empty: `BrpDisabled` before anything else; the person is entered by hand ("niet geverifieerd in BRP").
2. `access.require_brp_access`: municipal staff only, only an activity with a recorded BRP authorisation; a
   refusal is audited and nothing is sent.
3. The request asks only the `fields` of its use (`PERSON_FIELDS`, `ADDRESSEE_FIELDS`) and carries the purpose
   (`x-doelbinding`: the authorisation's purpose code) and the processing activity (`x-verwerking`: its URI) in
   the header names of settings, the `traceparent` of a new span under the request's trace, and the credentials.
4. One audit event per call under the processing activity with that span, whatever the outcome: never the BSN
   (the subject's pseudonym when the caller knows the person), the number found, the cause of a failure.
Failures (timeout, 5xx, an unknown endpoint, 401/403 at the BRP, an answer that cannot be read) become `BrpError`
with a Dutch message; nothing is stored by the client, so a caller that stores only after the call saves nothing
half.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from audit import context as audit_context
from audit import record
from audit.actions import Action, Outcome
from audit.activities import activity_uri
from casework.brp import transport
from casework.brp.access import OBJECT_TYPE, require_brp_access
from casework.brp.transport import Source, TransportError

logger = logging.getLogger(__name__)

PERSON_FIELDS = ("burgerservicenummer", "naam.voornamen", "naam.voorvoegsel", "naam.geslachtsnaam",
                 "geboorte.datum")
ADDRESSEE_FIELDS = (*PERSON_FIELDS, "adressering.adresregel1", "adressering.adresregel2")
BSN = re.compile(r"^\d{9}$")
OBJECT_ID = re.compile(r"^(?!0{16})\d{16}$")


class BrpError(Exception):
    """A lookup that gave no answer; `message` is the Dutch text for the form, `cause` the audited reason."""

    def __init__(self, message: str, *, cause: str) -> None:
        super().__init__(cause)
        self.message = message
        self.cause = cause


class BrpDisabled(BrpError):
    pass


@dataclass(frozen=True)
class BrpPerson:
    bsn: str
    first_names: str
    surname: str  # with the voorvoegsel: "van Doodewaard"
    date_of_birth: date | None
    address_lines: tuple[str, ...] = ()
    confidential: bool = False  # geheimhoudingPersoonsgegevens: never to third parties (Wet BRP art. 2.59)


@dataclass(frozen=True)
class Residence:
    """One period of a Bewoning: the persons registered at the object, and those possibly registered."""

    date_from: date
    date_to: date
    residents: tuple[BrpPerson, ...]
    possible_residents: tuple[BrpPerson, ...]


def _unavailable(cause: str) -> BrpError:
    return BrpError(_("The BRP is not available at the moment. Try again later, or enter the details by hand; "
                      "they are marked as not verified in the BRP."), cause=cause)


def _unreadable(cause: str) -> BrpError:
    return BrpError(_("The BRP gave an answer that cannot be read. Enter the details by hand; they are marked as "
                      "not verified in the BRP."), cause=cause)


def _not_authorised(cause: str) -> BrpError:
    return BrpError(_("The BRP refused this request: the municipality is not authorised for it there. Ask the "
                      "BRP administrator, or enter the details by hand."), cause=cause)


def _post(source: Source, url: str, query: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
    try:
        auth = transport.auth_headers(source)
        response = transport.send(source, "POST", url, body=json.dumps(query).encode(),
                                  headers={**headers, **auth, "Content-Type": "application/json; charset=utf-8"})
    except TransportError as exc:
        if exc.cause == "token":
            raise _not_authorised("token refused") from None
        raise _unavailable(exc.cause) from None
    if response.status in (401, 403):
        transport.forget_token(source)
        raise _not_authorised(f"status {response.status}")
    if response.status >= 400:
        raise _unavailable(f"status {response.status}")
    try:
        body = json.loads(response.data)
    except ValueError:
        raise _unreadable("bad json") from None
    if not isinstance(body, dict):
        raise _unreadable("not an object")
    return body


def _headers(source: Source, activity: Any, traceparent: str) -> dict[str, str]:
    headers = {"traceparent": traceparent}
    if source.purpose_header:
        headers[source.purpose_header] = activity.brp_purpose or activity.code
    if source.activity_header:
        headers[source.activity_header] = activity_uri(activity.code)
    if source.oin:
        headers["x-origin-oin"] = source.oin
    return headers


def _call(*, user: Any, processing_activity: str, api: str, query: dict[str, Any], action: str,
          subject_id: Any = None, count: Any = None) -> dict[str, Any]:
    """One audited outgoing call under a new span of the request's trace; see the module docstring."""
    source = transport.configured_source()
    if source is None:
        raise BrpDisabled(_("Consulting the BRP is not switched on for this municipality. Enter the details by "
                            "hand; they are marked as not verified in the BRP."), cause="disabled")
    activity = require_brp_access(user, processing_activity)
    url = f"{source.personen_url}/personen" if api == "personen" else f"{source.bewoning_url}/bewoningen"
    span, traceparent = audit_context.outgoing_span()
    error: BrpError | None = None
    body: dict[str, Any] = {}
    found = ""
    try:
        if api == "bewoning" and not source.bewoning_url:
            raise BrpDisabled(_("BRP bewoning is not switched on for this municipality."), cause="no bewoning url")
        body = _post(source, url, query, _headers(source, activity, traceparent))
        found = f", {count(body)} found" if count else ""
    except BrpError as exc:
        error = exc
    with audit_context.bound(span):
        record(action=action, outcome=Outcome.ERROR if error else Outcome.OK, processing_activity=processing_activity,
               object_type=OBJECT_TYPE, subject_id=subject_id, actor=user,
               reason=f"brp {api} {query['type']} ({source.name}): {error.cause if error else 'ok'}{found}")
    if error is not None:
        logger.warning("BRP %s %s failed: %s", api, query["type"], error.cause)
        raise error
    return body


def _date(value: Any) -> date | None:
    """A full date of the API's `AbstractDatum` (`{"type": "Datum", "datum": "1973-03-01"}`), else None."""
    if isinstance(value, dict) and value.get("type") == "Datum" and isinstance(value.get("datum"), str):
        try:
            return date.fromisoformat(value["datum"])
        except ValueError:
            raise _unreadable("bad date") from None
    return None


def _person(item: Any) -> BrpPerson:
    if not isinstance(item, dict) or not BSN.match(str(item.get("burgerservicenummer", ""))):
        raise _unreadable("person without burgerservicenummer")
    name = item.get("naam") or {}
    birth = item.get("geboorte") or {}
    addressing = item.get("adressering") or {}
    if not isinstance(name, dict) or not isinstance(birth, dict) or not isinstance(addressing, dict):
        raise _unreadable("naam, geboorte or adressering not an object")
    surname = " ".join(str(part).strip() for part in (name.get("voorvoegsel"), name.get("geslachtsnaam")) if part)
    lines = tuple(str(addressing[key]).strip() for key in ("adresregel1", "adresregel2", "adresregel3")
                  if addressing.get(key))
    secret = item.get("geheimhoudingPersoonsgegevens")
    return BrpPerson(bsn=item["burgerservicenummer"], first_names=str(name.get("voornamen") or "").strip(),
                     surname=surname, date_of_birth=_date(birth.get("datum")), address_lines=lines,
                     confidential=bool(secret) and secret != 0)


def _persons(body: dict[str, Any]) -> list[BrpPerson]:
    items = body.get("personen")
    if not isinstance(items, list):
        raise _unreadable("no personen")
    return [_person(item) for item in items]


def _residences(body: dict[str, Any]) -> list[Residence]:
    items = body.get("bewoningen")
    if not isinstance(items, list):
        raise _unreadable("no bewoningen")
    found = []
    for item in items:
        period = item.get("periode") if isinstance(item, dict) else None
        if not isinstance(period, dict):
            raise _unreadable("bewoning without periode")
        try:
            start, end = date.fromisoformat(period["datumVan"]), date.fromisoformat(period["datumTot"])
        except (KeyError, TypeError, ValueError):
            raise _unreadable("bad periode") from None
        found.append(Residence(date_from=start, date_to=end,
                               residents=tuple(_person(p) for p in item.get("bewoners") or []),
                               possible_residents=tuple(_person(p) for p in item.get("mogelijkeBewoners") or [])))
    return found


def person_by_bsn(bsn: str, *, user: Any, processing_activity: str, fields: tuple[str, ...] = PERSON_FIELDS,
                  subject_id: Any = None) -> BrpPerson | None:
    """The person with this BSN (`RaadpleegMetBurgerservicenummer`), or None when the BRP knows none.

    `subject_id` (the person's id, when the caller has the person) puts the subject's pseudonym on the event.
    """
    bsn = str(bsn or "").strip()
    if not BSN.match(bsn):
        raise BrpError(_("A BSN has 9 digits."), cause="bad bsn")
    query = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [bsn], "fields": list(fields)}
    body = _call(user=user, processing_activity=processing_activity, api="personen", query=query,
                 action=Action.VIEW, subject_id=subject_id, count=lambda b: len(_persons(b)))
    persons = [person for person in _persons(body) if person.bsn == bsn]
    return persons[0] if persons else None


def residents(adresseerbaar_object_id: str, *, user: Any, processing_activity: str) -> list[BrpPerson]:
    """The persons registered now at the adresseerbaar object (`ZoekMetAdresseerbaarObjectIdentificatie`)."""
    object_id = str(adresseerbaar_object_id or "").strip()
    if not OBJECT_ID.match(object_id):
        raise BrpError(_("Pick the address in the BAG first: the BRP is searched by its addressable object."),
                       cause="bad object id")
    query = {"type": "ZoekMetAdresseerbaarObjectIdentificatie", "adresseerbaarObjectIdentificatie": object_id,
             "fields": list(PERSON_FIELDS)}
    body = _call(user=user, processing_activity=processing_activity, api="personen", query=query,
                 action=Action.SEARCH, count=lambda b: len(_persons(b)))
    return _persons(body)


def residence_history(adresseerbaar_object_id: str, *, date_from: date, date_to: date, user: Any,
                      processing_activity: str) -> list[Residence]:
    """Who lived at the adresseerbaar object from `date_from` up to `date_to` (`BewoningMetPeriode`)."""
    object_id = str(adresseerbaar_object_id or "").strip()
    if not OBJECT_ID.match(object_id):
        raise BrpError(_("Pick the address in the BAG first: the BRP is searched by its addressable object."),
                       cause="bad object id")
    if date_to <= date_from:
        raise BrpError(_("The end of the period must be after its start."), cause="bad period")
    query = {"type": "BewoningMetPeriode", "adresseerbaarObjectIdentificatie": object_id,
             "datumVan": date_from.isoformat(), "datumTot": date_to.isoformat()}
    body = _call(user=user, processing_activity=processing_activity, api="bewoning", query=query,
                 action=Action.SEARCH, count=lambda b: len(_residences(b)))
    return _residences(body)
