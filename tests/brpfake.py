"""A fake BRP API for the tests: a real HTTP server on 127.0.0.1 (a free port below 32768) in a thread,
answering `POST /personen` (BRP API Personen 2.x) and `POST /bewoningen` (BRP bewoning 2.x) from the RvIG's
published test persons, with an OAuth2 token endpoint (client credentials), and failing on request (timeout,
5xx, 404, 403, an answer that is no JSON).

The persons and address records are vendored in tests/contracts/brp/ (README there: repositories and commits);
they are the mock's GBA-shaped records, converted here to the API's shapes. `fields` is applied as the API does
(only the requested paths come back); tests/casework/brp/test_contract.py validates the answers against the
vendored OpenAPI documents.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.fakeserver import serve

CONTRACT = Path(__file__).resolve().parent / "contracts" / "brp"
PERSONEN_PREFIX = "/haalcentraal/api/brp"
BEWONING_PREFIX = "/haalcentraal/api/bewoning"
TOKEN_PATH = "/oauth2/token"
CLIENT_ID, CLIENT_SECRET = "zorgveilig-test", "test-secret-not-real"
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
PERSONS: list[dict[str, Any]] = json.loads((CONTRACT / "personen-testdata.json").read_text(encoding="utf-8"))
ADDRESS_RECORDS: list[dict[str, Any]] = json.loads((CONTRACT / "bewoning-testdata.json").read_text(encoding="utf-8"))
HOUSEHOLD_OBJECT = "0518010000583553"  # the three persons of personen-testdata.json live here
HISTORY_OBJECT = "0595010000000714"  # bewoning-testdata.json: one left on 2015-03-02, one still lives there


def _gba_date(value: str) -> date | None:
    if not value or value.startswith("0000") or value.endswith("00"):
        return None
    return date(int(value[:4]), int(value[4:6]), int(value[6:8]))


def api_date(day: date) -> dict[str, str]:
    return {"type": "Datum", "datum": day.isoformat(), "langFormaat": f"{day.day} {MONTHS[day.month - 1]} {day.year}"}


def _full_person(record: dict[str, Any]) -> dict[str, Any]:
    """The mock record in the API's shape (the parts this fake can answer)."""
    naam = {key: record["naam"][key] for key in ("voornamen", "voorvoegsel", "geslachtsnaam") if key in record["naam"]}
    person: dict[str, Any] = {"burgerservicenummer": record["burgerservicenummer"], "naam": naam}
    born = _gba_date(record.get("geboorte", {}).get("datum", ""))
    if born:
        person["geboorte"] = {"datum": api_date(born)}
    place = record.get("verblijfplaats") or {}
    if place.get("straat"):
        postcode = place.get("postcode", "")
        person["adressering"] = {
            "adresregel1": f"{place['straat']} {place.get('huisnummer', '')}".strip(),
            "adresregel2": f"{postcode[:4]} {postcode[4:]}  {place.get('woonplaats', '').upper()}".strip(),
        }
    return person


def _select(value: Any, paths: list[list[str]]) -> Any:
    """`value` cut to the dotted `fields` paths (a path naming an object keeps all of it)."""
    if not isinstance(value, dict) or any(not path for path in paths):
        return value
    kept: dict[str, Any] = {}
    for key, inner in value.items():
        below = [path[1:] for path in paths if path[0] == key]
        if below:
            kept[key] = _select(inner, below)
    return kept


def person_answer(record: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    return _select(_full_person(record), [path.split(".") for path in fields])


def personen_answer(query: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    kind, fields = query.get("type"), query.get("fields")
    if not isinstance(fields, list) or not fields:
        return 400, problem(400, "fields is verplicht")
    if kind == "RaadpleegMetBurgerservicenummer":
        wanted = query.get("burgerservicenummer") or []
        found = [r for r in PERSONS if r["burgerservicenummer"] in wanted]
    elif kind == "ZoekMetAdresseerbaarObjectIdentificatie":
        object_id = query.get("adresseerbaarObjectIdentificatie")
        found = [r for r in PERSONS if (r.get("verblijfplaats") or {}).get("adresseerbaarObjectIdentificatie")
                 == object_id]
    else:
        return 400, problem(400, "type wordt niet ondersteund")
    return 200, {"type": kind, "personen": [person_answer(r, fields) for r in found]}


def _registrations() -> list[tuple[str, str, date, date | None]]:
    """(bsn, adresseerbaar object, from, up to) of every address registration the fake knows."""
    rows = []
    for record in [*PERSONS, *ADDRESS_RECORDS]:
        place = record.get("verblijfplaats") or {}
        start = _gba_date(place.get("datumAanvangAdreshouding", ""))
        if place.get("adresseerbaarObjectIdentificatie") and start:
            rows.append((record["burgerservicenummer"], place["adresseerbaarObjectIdentificatie"], start,
                         _gba_date(place.get("datumEindeAdreshouding", ""))))
    return rows


def _bewoner(bsn: str) -> dict[str, Any]:
    record = next((r for r in PERSONS if r["burgerservicenummer"] == bsn), None)
    if record is None:
        return {"burgerservicenummer": bsn}
    full = _full_person(record)
    bewoner = {"burgerservicenummer": bsn, "naam": full["naam"]}
    if "geboorte" in full:
        bewoner["geboorte"] = full["geboorte"]
    return bewoner


def bewoningen_answer(query: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """The residence periods in [datumVan, datumTot): a new period wherever someone came or left."""
    object_id = query.get("adresseerbaarObjectIdentificatie")
    try:
        if query.get("type") == "BewoningMetPeildatum":
            start = date.fromisoformat(query["peildatum"])
            end = start + timedelta(days=1)
        elif query.get("type") == "BewoningMetPeriode":
            start, end = date.fromisoformat(query["datumVan"]), date.fromisoformat(query["datumTot"])
        else:
            return 400, problem(400, "type wordt niet ondersteund")
    except (KeyError, TypeError, ValueError):
        return 400, problem(400, "ongeldige datum")
    here = [row for row in _registrations() if row[1] == object_id]
    cuts = sorted({start, end} | {d for row in here for d in (row[2], row[3]) if d and start < d < end})
    bewoningen = []
    for low, high in zip(cuts, cuts[1:], strict=False):
        present = sorted({row[0] for row in here if row[2] < high and (row[3] is None or row[3] > low)})
        bewoningen.append({"adresseerbaarObjectIdentificatie": object_id,
                           "periode": {"datumVan": low.isoformat(), "datumTot": high.isoformat()},
                           "bewoners": [_bewoner(bsn) for bsn in present], "mogelijkeBewoners": []})
    return 200, {"bewoningen": bewoningen}


def problem(status: int, title: str) -> dict[str, Any]:
    return {"type": "https://datatracker.ietf.org/doc/html/rfc7231", "title": title, "status": status,
            "instance": "http://127.0.0.1/haalcentraal/api/brp"}


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class FakeBrp:
    """The running fake; set `mode` to make the API fail ("ok", "slow", "error", "flaky", "missing", "forbidden",
    "garbage"); `token_mode` "refuse" makes the token endpoint answer 401."""

    url: str = ""
    mode: str = "ok"
    token_mode: str = "ok"
    failures_left: int = 0
    delay: float = 1.0
    received: list[Received] = field(default_factory=list)
    tokens_issued: list[str] = field(default_factory=list)
    server: Any = None

    @property
    def personen_url(self) -> str:
        return self.url + PERSONEN_PREFIX

    @property
    def bewoning_url(self) -> str:
        return self.url + BEWONING_PREFIX

    @property
    def token_url(self) -> str:
        return self.url + TOKEN_PATH

    @property
    def api_calls(self) -> list[Received]:
        return [call for call in self.received if call.path != TOKEN_PATH]

    def reset(self) -> None:
        self.mode, self.token_mode, self.failures_left, self.delay = "ok", "ok", 0, 1.0
        self.received.clear()
        self.tokens_issued.clear()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


class _Server(ThreadingHTTPServer):
    fake: FakeBrp


def _failure(fake: FakeBrp) -> tuple[int, bytes, str] | None:
    if fake.mode == "slow":
        time.sleep(fake.delay)
    if fake.mode == "flaky" and fake.failures_left > 0:
        fake.failures_left -= 1
        return 503, json.dumps(problem(503, "Service Unavailable")).encode(), "application/problem+json"
    return {
        "error": (500, json.dumps(problem(500, "Internal Server Error")).encode(), "application/problem+json"),
        "missing": (404, b'{"message": "not found"}', "application/json"),
        "forbidden": (403, json.dumps(problem(403, "U bent niet geautoriseerd voor deze operatie.")).encode(),
                      "application/problem+json"),
        "garbage": (200, b"<html>onderhoud</html>", "text/html"),
    }.get(fake.mode)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        return

    def _send(self, status: int, body: bytes, content_type: str = "application/json; charset=utf-8") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up (a timeout test)

    def _token(self, fake: FakeBrp, raw: bytes) -> None:
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if fake.token_mode == "refuse" or self.headers.get("Authorization") != expected \
                or b"grant_type=client_credentials" not in raw:
            self._send(401, b'{"error": "invalid_client"}')
            return
        token = f"token-{len(fake.tokens_issued) + 1}"
        fake.tokens_issued.append(token)
        self._send(200, json.dumps({"access_token": token, "token_type": "Bearer", "expires_in": 3600}).encode())

    def do_POST(self) -> None:  # noqa: N802 - the base class's name
        fake = self.server.fake
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body: Any = json.loads(raw) if self.path != TOKEN_PATH else raw.decode()
        except ValueError:
            body = None
        fake.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
        if self.path == TOKEN_PATH:
            self._token(fake, raw)
            return
        failure = _failure(fake)
        if failure is not None:
            self._send(*failure)
            return
        if self.headers.get("Authorization") not in {f"Bearer {t}" for t in fake.tokens_issued}:
            self._send(401, json.dumps(problem(401, "Niet correct geauthenticeerd.")).encode(),
                       "application/problem+json")
            return
        if not isinstance(body, dict):
            status, answer = 400, problem(400, "Ongeldige JSON")
        elif self.path == PERSONEN_PREFIX + "/personen":
            status, answer = personen_answer(body)
        elif self.path == BEWONING_PREFIX + "/bewoningen":
            status, answer = bewoningen_answer(body)
        else:
            status, answer = 404, problem(404, "Opgevraagde resource bestaat niet.")
        self._send(status, json.dumps(answer).encode())


def start() -> FakeBrp:
    fake = FakeBrp()
    server = serve(_Server, _Handler, name="fake-brp")
    server.fake = fake
    fake.server = server
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    return fake
