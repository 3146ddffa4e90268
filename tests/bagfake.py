"""A fake PDOK Locatieserver v3_1 for the tests: a real HTTP server on 127.0.0.1 (a free port below
32768) in a thread, answering `/suggest` and `/lookup` for a few synthetic addresses with recorded
Solr-shaped answers, and failing on request (timeout, 5xx, 404, an answer that is no JSON).

Like v3_1 it refuses a query parameter its OpenAPI document does not declare for the path (400); the
declared parameters are read from the vendored document (tests/contracts/pdok-locatieserver/).
The addresses are synthetic: the street and place names are clearly fake and the BAG ids use the
non-existent municipality code 9999.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml

from tests.fakeserver import serve

CONTRACT = Path(__file__).resolve().parent / "contracts" / "pdok-locatieserver"
PREFIX = "/bzk/locatieserver/search/v3_1"


def _address(n: int, street: str, number: int, postcode: str, city: str, letter: str = "",
             suffix: str = "") -> dict[str, Any]:
    house = f"{number}{letter}{'-' + suffix if suffix else ''}"
    doc: dict[str, Any] = {
        "bron": "BAG", "type": "adres", "id": f"adr-{n:032x}", "identificatie": f"9999010000{n:06d}-9999200000{n:06d}",
        "weergavenaam": f"{street} {house}, {postcode} {city}", "nummeraanduiding_id": f"9999200000{n:06d}",
        "adresseerbaarobject_id": f"9999010000{n:06d}", "openbareruimte_id": "9999300000000001",
        "straatnaam": street, "straatnaam_verkort": street, "huisnummer": number, "huis_nlt": house,
        "postcode": postcode, "woonplaatscode": "9999", "woonplaatsnaam": city, "gemeentecode": "9999",
        "gemeentenaam": "Testgemeente", "provinciecode": "PV99", "provincienaam": "Testprovincie",
        "provincieafkorting": "TP", "centroide_ll": "POINT(5.1 52.1)", "centroide_rd": "POINT(136000 455000)",
    }
    if letter:
        doc["huisletter"] = letter
    if suffix:
        doc["huisnummertoevoeging"] = suffix
    return doc


ADDRESSES = [
    _address(1, "Proefstraat", 12, "9999XA", "Testdorp"),
    _address(2, "Proefstraat", 12, "9999XA", "Testdorp", letter="A"),
    _address(3, "Proefstraat", 14, "9999XA", "Testdorp", letter="B", suffix="2"),
    _address(4, "Oefenlaan", 3, "9999XB", "Proefdorp"),
]


def declared_parameters() -> dict[str, set[str]]:
    """Query parameters per path as the vendored OpenAPI document declares them."""
    spec = yaml.safe_load((CONTRACT / "oas.yaml").read_text(encoding="utf-8"))
    names: dict[str, set[str]] = {}
    for path, item in spec["paths"].items():
        refs = item["get"].get("parameters", [])
        names[path] = {spec["components"]["parameters"][ref["$ref"].rsplit("/", 1)[1]]["name"] for ref in refs}
    return names


def _words(text: str) -> list[str]:
    return text.lower().replace(",", " ").split()


def _matches(doc: dict[str, Any], query: str) -> bool:
    haystack = " ".join([doc["weergavenaam"].lower().replace(",", ""), doc["postcode"].lower()])
    compact = haystack.replace(" ", "")
    return all(word in haystack or word in compact for word in _words(query))


def suggest_answer(query: str, rows: int = 10) -> dict[str, Any]:
    found = [doc for doc in ADDRESSES if _matches(doc, query)][:rows]
    docs = [{"type": doc["type"], "weergavenaam": doc["weergavenaam"], "id": doc["id"], "score": 9.5 - i}
            for i, doc in enumerate(found)]
    return {
        "response": {"numFound": len(found), "start": 0, "maxScore": 9.5 if found else 0.0, "numFoundExact": True,
                     "docs": docs},
        "highlighting": {doc["id"]: {"suggest": [f"<b>{doc['weergavenaam']}</b>"]} for doc in found},
    }


def lookup_answer(lookup_id: str) -> dict[str, Any]:
    found = [dict(doc, score=10.0) for doc in ADDRESSES if doc["id"] == lookup_id]
    return {"response": {"numFound": len(found), "start": 0, "maxScore": 10.0 if found else 0.0,
                         "numFoundExact": True, "docs": found}}


@dataclass
class Received:
    path: str
    params: dict[str, list[str]]
    headers: dict[str, str]


@dataclass
class FakeLocatieserver:
    """The running fake; set `mode` to make it fail ("ok", "slow", "error", "flaky", "missing", "garbage")."""

    url: str = ""
    mode: str = "ok"
    failures_left: int = 0
    delay: float = 1.0
    received: list[Received] = field(default_factory=list)
    server: Any = None

    @property
    def base_url(self) -> str:
        return self.url + PREFIX

    def reset(self) -> None:
        self.mode, self.failures_left, self.delay = "ok", 0, 1.0
        self.received.clear()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


class _Server(ThreadingHTTPServer):
    fake: FakeLocatieserver
    declared: dict[str, set[str]]


def _failure(fake: FakeLocatieserver) -> tuple[int, bytes, str] | None:
    """The failure the fake is set to give for this request, if any."""
    if fake.mode == "slow":
        time.sleep(fake.delay)
    if fake.mode == "flaky" and fake.failures_left > 0:
        fake.failures_left -= 1
        return 503, b'{"message": "service unavailable"}', "application/json"
    return {
        "error": (500, b'{"message": "internal error"}', "application/json"),
        "missing": (404, b'{"message": "not found"}', "application/json"),
        "garbage": (200, b"<html>maintenance</html>", "text/html"),
    }.get(fake.mode)


def _answer(declared: dict[str, set[str]], endpoint: str, params: dict[str, list[str]]) -> tuple[int, Any]:
    allowed = declared.get(endpoint)
    if allowed is None or endpoint not in ("/suggest", "/lookup"):
        return 404, {"message": "not found"}
    if set(params) - allowed:
        return 400, {"message": "unknown query parameter"}
    if endpoint == "/suggest":
        return 200, suggest_answer(params.get("q", [""])[0], int(params.get("rows", ["10"])[0]))
    return 200, lookup_answer(params.get("id", [""])[0])


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        return

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        parts = urlsplit(self.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        fake = self.server.fake
        fake.received.append(Received(parts.path, params, {k.lower(): v for k, v in self.headers.items()}))
        failure = _failure(fake)
        if failure is not None:
            self._send(*failure)
            return
        status, body = _answer(self.server.declared, parts.path.removeprefix(PREFIX), params)
        self._send(status, json.dumps(body).encode())


def start() -> FakeLocatieserver:
    fake = FakeLocatieserver()
    server = serve(_Server, _Handler, name="fake-locatieserver")
    server.fake, server.declared = fake, declared_parameters()
    fake.server = server
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    return fake
