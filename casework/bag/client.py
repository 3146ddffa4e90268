"""The address lookup client: the PDOK Locatieserver v3_1 (`/suggest`, `/lookup`, type `adres`) or the
municipality's own BAG source with the same contract at BAG_BASE_URL (settings; docs/integrations.md).

- BAG_SOURCE empty (the default): `LookupDisabled` before anything is sent; addresses are typed by hand.
- Every call sends a W3C `traceparent`: the request's trace id and a new span id, whose parent is the
  request's span; the audit event of the call carries that span (Logboek Dataverwerkingen: the
  operation at the BAG source links to ours through it).
- Every call writes an audit event under the caller's processing activity: the fact, the source and
  the outcome, never the search text (a typed address may point at a person). After a pick the
  lookup event names the nummeraanduiding id only.
- Timeouts (connect/read), retries with backoff on connection errors and 502/503/504 (urllib3's
  Retry), and every failure (timeout, 5xx, 404, no result, an answer that cannot be read) becomes an
  `AddressLookupError` with a Dutch message: the form stays usable for entry by hand.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

import urllib3
from django.conf import settings
from django.utils.translation import gettext as _
from urllib3.util import Retry, Timeout

from audit import context as audit_context
from audit import record
from audit.actions import Action, Outcome

logger = logging.getLogger(__name__)

PDOK_BASE_URL = "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
ADDRESS_FILTER = "type:adres"
SUGGEST_ROWS = 10
SUGGEST_FIELDS = "id,type,weergavenaam"
QUERY_MIN, QUERY_MAX = 2, 200
LOOKUP_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
BAG_ID = re.compile(r"^\d{16}$")
RETRY_STATUSES = (502, 503, 504)
OBJECT_TYPE = "bag.Address"


class AddressLookupError(Exception):
    """A lookup that did not give an address; `message` is the Dutch text for the form."""

    def __init__(self, message: str, *, cause: str) -> None:
        super().__init__(cause)
        self.message = message
        self.cause = cause


class LookupDisabled(AddressLookupError):
    pass


@dataclass(frozen=True)
class Source:
    name: str
    base_url: str
    connect_timeout: float
    read_timeout: float
    retries: int
    backoff: float


@dataclass(frozen=True)
class Suggestion:
    id: str
    label: str


@dataclass(frozen=True)
class Address:
    lookup_id: str
    nummeraanduiding_id: str
    adresseerbaarobject_id: str
    street: str
    house_number: str
    house_letter: str
    house_number_suffix: str
    postcode: str
    city: str
    label: str

    @property
    def addition(self) -> str:
        """Huisletter and huisnummertoevoeging as one addition: 'A', '2', or 'A-2'."""
        return "-".join(part for part in (self.house_letter, self.house_number_suffix) if part)


def configured_source() -> Source | None:
    """The configured BAG source, or None when no address may leave the system."""
    name = getattr(settings, "BAG_SOURCE", "")
    if not name:
        return None
    base_url = settings.BAG_BASE_URL or (PDOK_BASE_URL if name == "pdok" else "")
    return Source(name=name, base_url=base_url.rstrip("/"), connect_timeout=settings.BAG_CONNECT_TIMEOUT,
                  read_timeout=settings.BAG_READ_TIMEOUT, retries=settings.BAG_RETRIES,
                  backoff=settings.BAG_RETRY_BACKOFF)


def enabled() -> bool:
    return configured_source() is not None


def source_uri() -> str:
    """The configured source's base URL (the external party in the Logboek export); PDOK's when none is set now."""
    source = configured_source()
    return source.base_url if source is not None else PDOK_BASE_URL


@lru_cache(maxsize=4)
def _pool(retries: int, backoff: float) -> urllib3.PoolManager:
    retry = Retry(total=retries, connect=retries, read=retries, status=retries, backoff_factor=backoff,
                  status_forcelist=RETRY_STATUSES, allowed_methods=frozenset({"GET"}), raise_on_status=False,
                  redirect=0)
    return urllib3.PoolManager(retries=retry, headers={"Accept": "application/json"})


def _unavailable(cause: str) -> AddressLookupError:
    return AddressLookupError(_("The address register (BAG) is not available at the moment. Enter the address "
                                "by hand; it is marked as not verified in the BAG."), cause=cause)


def _unreadable(cause: str) -> AddressLookupError:
    return AddressLookupError(_("The address register (BAG) gave an answer that cannot be read. Enter the address "
                                "by hand; it is marked as not verified in the BAG."), cause=cause)


def _get(source: Source, path: str, params: dict[str, Any], traceparent: str) -> dict[str, Any]:
    url = f"{source.base_url}/{path}?{urlencode(params)}"
    try:
        response = _pool(source.retries, source.backoff).request(
            "GET", url, headers={"traceparent": traceparent},
            timeout=Timeout(connect=source.connect_timeout, read=source.read_timeout))
    except (urllib3.exceptions.TimeoutError, urllib3.exceptions.MaxRetryError) as exc:
        reason = getattr(exc, "reason", exc)
        timed_out = isinstance(exc, urllib3.exceptions.TimeoutError) or isinstance(
            reason, urllib3.exceptions.TimeoutError)
        raise _unavailable("timeout" if timed_out else "connection") from None
    except urllib3.exceptions.HTTPError:
        raise _unavailable("connection") from None
    if response.status == 404:
        return {"response": {"numFound": 0, "start": 0, "docs": []}}
    if response.status >= 400:
        raise _unavailable(f"status {response.status}")
    try:
        body = json.loads(response.data)
    except ValueError:
        raise _unreadable("bad json") from None
    docs = body.get("response", {}).get("docs") if isinstance(body, dict) else None
    if not isinstance(docs, list) or not all(isinstance(doc, dict) for doc in docs):
        raise _unreadable("no response.docs")
    return body


def _call(*, path: str, params: dict[str, Any], processing_activity: str, action: str,
          audited_id: Any = None) -> dict[str, Any]:
    """One outgoing call under a new span of the request's trace, audited whatever its outcome.

    `audited_id(body)` gives the object id for the audit event from a successful answer.
    """
    source = configured_source()
    if source is None:
        raise LookupDisabled(_("Searching the BAG is not switched on for this municipality. Enter the address by "
                               "hand; it is marked as not verified in the BAG."), cause="disabled")
    span, traceparent = audit_context.outgoing_span()
    error: AddressLookupError | None = None
    object_id, body = "", {}
    try:
        body = _get(source, path, params, traceparent)
        object_id = audited_id(body) if audited_id else ""
    except AddressLookupError as exc:
        error = exc
    with audit_context.bound(span):
        record(action=action, outcome=Outcome.ERROR if error else Outcome.OK, processing_activity=processing_activity,
               object_type=OBJECT_TYPE, object_id=object_id,
               reason=f"bag {path} ({source.name}): {error.cause if error else 'ok'}")
    if error is not None:
        logger.warning("BAG %s at %s failed: %s", path, source.name, error.cause)
        raise error
    return body


def suggest(query: str, *, processing_activity: str) -> list[Suggestion]:
    """Addresses matching the typed text (at most SUGGEST_ROWS); an empty list when none match."""
    text = " ".join(str(query or "").split())
    if not QUERY_MIN <= len(text) <= QUERY_MAX:
        raise AddressLookupError(_("Type at least a postcode and house number, or a street, number and place."),
                                 cause="query length")
    body = _call(path="suggest", params={"q": text, "fq": ADDRESS_FILTER, "rows": SUGGEST_ROWS,
                                         "fl": SUGGEST_FIELDS},
                 processing_activity=processing_activity, action=Action.SEARCH)
    found = []
    for doc in body["response"]["docs"]:
        if doc.get("type", "adres") != "adres":
            continue
        if not isinstance(doc.get("id"), str) or not isinstance(doc.get("weergavenaam"), str):
            raise _unreadable("suggestion without id or weergavenaam")
        if LOOKUP_ID.match(doc["id"]):
            found.append(Suggestion(id=doc["id"], label=doc["weergavenaam"]))
    return found


def _address(doc: dict[str, Any]) -> Address:
    def text(name: str) -> str:
        value = doc.get(name)
        return "" if value is None else str(value).strip()

    address = Address(
        lookup_id=text("id"), nummeraanduiding_id=text("nummeraanduiding_id"),
        adresseerbaarobject_id=text("adresseerbaarobject_id"), street=text("straatnaam"),
        house_number=text("huisnummer"), house_letter=text("huisletter"),
        house_number_suffix=text("huisnummertoevoeging"), postcode=text("postcode"), city=text("woonplaatsnaam"),
        label=text("weergavenaam"),
    )
    if not (BAG_ID.match(address.nummeraanduiding_id) and BAG_ID.match(address.adresseerbaarobject_id)):
        raise _unreadable("ids are not 16 digits")
    if not (address.street and address.house_number.isdigit() and address.postcode and address.city):
        raise _unreadable("incomplete address")
    return address


def _first_address(body: dict[str, Any]) -> str:
    docs = [doc for doc in body["response"]["docs"] if doc.get("type", "adres") == "adres"]
    return _address(docs[0]).nummeraanduiding_id if docs else ""


def lookup(lookup_id: str, *, processing_activity: str) -> Address:
    """The address a suggestion's id stands for; `AddressLookupError` when there is none."""
    if not LOOKUP_ID.match(str(lookup_id or "")):
        raise AddressLookupError(_("Choose one of the addresses found."), cause="bad id")
    body = _call(path="lookup", params={"id": lookup_id},
                 processing_activity=processing_activity, action=Action.VIEW, audited_id=_first_address)
    docs = [doc for doc in body["response"]["docs"] if doc.get("type", "adres") == "adres"]
    if not docs:
        raise AddressLookupError(_("This address was not found in the BAG (any more). Search again or enter the "
                                   "address by hand."), cause="not found")
    return _address(docs[0])
