"""The Dutch-UI crawl (tests/casework/web/test_dutch_crawl.py): walk every page a user can reach by links and
GET forms with the Django test client, and find English, raw codes and internal ids in what a page shows.

Kept apart from the test so the rules (what counts as visible text, what is a raw code) read in one place."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.apps import apps
from django.urls import Resolver404, resolve

CATALOGUE = Path(__file__).resolve().parents[3] / "locale" / "nl" / "LC_MESSAGES" / "django.po"

# Attributes whose text a user sees or hears (screen readers read aria-label, title and alt).
TEXT_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
BUTTON_TYPES = {"submit", "button", "reset"}
SKIPPED_TAGS = {"script", "style", "template"}
VISITED: list[str] | None = None  # set to a list to see which URLs a crawl fetched

# Never followed: leaving the session, files rather than pages, the JSON API.
SKIP_PATH = re.compile(r"(^/accounts/logout)|(^/api/)|(^/static/)|(\.(pdf|csv|json|zip)$)"
                       r"|(/(pdf|csv|download|export)/?$)")
SKIP_ROUTE_NAMES = {"logout"}

# snake_case tokens that may be shown, each with why. Keep tiny.
SNAKE_CASE_ALLOWED: dict[str, str] = {}


PROJECT_PACKAGES = {"accounts", "audit", "casework", "encryption", "ops", "config"}


def allowed_snake_case() -> dict[str, str]:
    """The explicit entries, and the names of this project's management commands: a privacy officer's page
    tells which command an administrator runs (`manage.py apply_retention`), and the audit trail names the
    command that acted (`manage.py seed_demo`); a command's name is what is typed, it has no translation."""
    from django.core.management import get_commands

    commands = {name: "a management command's name" for name, app in get_commands().items()
                if app.split(".")[0] in PROJECT_PACKAGES}
    return {**commands, **SNAKE_CASE_ALLOWED}

UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)
SNAKE_CASE = re.compile(r"(?<![\w@/-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@-])")
KEY_VALUE = re.compile(r"(?<![\w/?&])[A-Za-z_][A-Za-z0-9_]*=\S+")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
ENGLISH_DATE = re.compile(
    rf"\b(?:{MONTHS}|{WEEKDAYS})\b"
    rf"|\b\d{{1,2}}\s+(?:{MONTH_ABBR})\b\.?"
    rf"|\b(?:{MONTH_ABBR})\.?\s+\d{{1,2}}\b"
    r"|\b\d{1,2}(?::\d{2})?\s?[ap]\.m\."
    r"|\b(?:midnight|noon)\b"
)


# English prose the catalogue does not know (data such as the register's texts, hand-written strings, Django's own
# untranslated "No Inspection matches the given query."): two different words that are English and never Dutch.
ENGLISH_WORDS = re.compile(r"\b(the|and|with|which|this|that|are|has|have|been|will|for|to|from|not|you|your|must|"
                           r"cannot|please|should|could|would|there|their|its|matches|given|query|invalid|required)\b",
                           re.IGNORECASE)


def is_english_prose(text: str) -> bool:
    return len({word.lower() for word in ENGLISH_WORDS.findall(text)}) >= 2


def model_label_pattern() -> re.Pattern[str]:
    labels = set()
    for model in apps.get_models():
        labels.add(model._meta.label)
        labels.add(model._meta.label_lower)
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


def _unquote(line: str) -> str:
    body = line[line.index('"') + 1:line.rindex('"')]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda match: escapes.get(match.group(1), match.group(1)), body)


@dataclass
class CatalogueEntry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstrs: list[str] = field(default_factory=list)
    fuzzy: bool = False
    obsolete: bool = False


def catalogue_entries(path: Path = CATALOGUE) -> list[CatalogueEntry]:
    """A minimal .po reader (the standard library has none, and polib is not a dependency)."""
    entries = (_entry(block.splitlines()) for block in path.read_text(encoding="utf-8").split("\n\n"))
    return [entry for entry in entries if entry.msgid and not entry.obsolete]


def _entry(lines: list[str]) -> CatalogueEntry:
    entry = CatalogueEntry()
    parts: dict[str, list[str]] = {}
    key = ""
    for line in (raw.strip() for raw in lines):
        if line.startswith("#"):
            entry.obsolete |= line.startswith("#~")
            entry.fuzzy |= line.startswith("#,") and "fuzzy" in line
        elif line.startswith('"') and key:
            parts[key].append(_unquote(line))
        elif line:
            key = line.split(" ", 1)[0]  # msgid, msgid_plural, msgstr or msgstr[n]
            parts[key] = [_unquote(line)]
    entry.msgid = "".join(parts.get("msgid", []))
    entry.msgid_plural = "".join(parts.get("msgid_plural", []))
    entry.msgstrs = ["".join(value) for name, value in parts.items() if name.startswith("msgstr")]
    return entry


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def english_msgids() -> set[str]:
    """English msgids whose Dutch text differs: seeing one on a page means a string escaped translation. Only
    msgids without placeholders (a text with a filled-in value never equals its msgid)."""
    english = set()
    for entry in catalogue_entries():
        dutch = {_normalise(msgstr) for msgstr in entry.msgstrs}
        for source in filter(None, (entry.msgid, entry.msgid_plural)):
            text = _normalise(source)
            if PLACEHOLDER.search(text) or text in dutch or not re.search(r"[A-Za-z]{2}", text):
                continue
            english.add(text)
    return english


def _normalise(text: str) -> str:
    return " ".join(text.split())


class _PageParser(HTMLParser):
    """Visible texts, links and GET forms of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._skip = 0
        self._title = False
        self._form: dict | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag in SKIPPED_TAGS:
            self._skip += 1
        self.texts += [attributes[name] for name in TEXT_ATTRIBUTES if attributes.get(name)]
        if tag == "a" and attributes.get("href") and "download" not in attributes:
            self.links.append(attributes["href"])
        elif tag == "form":
            self._form = {"method": attributes.get("method", "get").lower(), "action": attributes.get("action", ""),
                          "fields": []}
            self.forms.append(self._form)
        elif tag == "input":
            self._input(attributes)
        elif tag == "button" and attributes.get("value") and attributes.get("type", "submit") in BUTTON_TYPES:
            self.texts.append(attributes["value"])
        elif tag == "select" and self._form is not None:
            self._select = {"name": attributes.get("name", ""), "value": None}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None and (self._select["value"] is None
                                                                or "selected" in attributes):
            self._select["value"] = attributes.get("value", "")

    def _input(self, attributes: dict[str, str]) -> None:
        kind = attributes.get("type", "text").lower()
        if kind in BUTTON_TYPES and attributes.get("value"):
            self.texts.append(attributes["value"])
        if self._form is None or not attributes.get("name") or kind in BUTTON_TYPES | {"file"}:
            return
        if kind in {"checkbox", "radio"} and "checked" not in attributes:
            return
        self._form["fields"].append({"name": attributes["name"], "value": attributes.get("value", "")})

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(data)


@dataclass
class Page:
    url: str
    texts: list[str]
    links: list[str]
    post_actions: list[str] = field(default_factory=list)  # where the page's POST forms send to (the axe sweep)


def parse(url: str, html: str) -> Page:
    parser = _PageParser()
    parser.feed(html)
    links = [urljoin(url, href) for href in parser.links]
    post_actions = []
    for form in parser.forms:
        if form["method"] != "get":
            post_actions.append(urljoin(url, form["action"] or url))
            continue
        query = urlencode([(f["name"], f["value"] or "") for f in form["fields"] if f["name"]])
        links.append(urljoin(url, form["action"] or url).split("?")[0] + (f"?{query}" if query else ""))
    return Page(url=url, texts=[_normalise(text) for text in parser.texts if text.strip()], links=links,
                post_actions=post_actions)


@dataclass
class Finding:
    url: str
    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.url}: {self.kind}: {self.text!r}"


class Checker:
    def __init__(self) -> None:
        self.english = english_msgids()
        self.model_label = model_label_pattern()
        self.snake_case_allowed = allowed_snake_case()

    def findings(self, page: Page) -> Iterator[Finding]:
        for text in page.texts:
            if text in self.english:
                yield Finding(page.url, "English", text)
            elif is_english_prose(text):
                yield Finding(page.url, "English prose", text[:160])
            for kind, pattern in (("uuid", UUID), ("model label", self.model_label), ("key=value", KEY_VALUE),
                                  ("English date", ENGLISH_DATE)):
                for match in pattern.finditer(text):
                    yield Finding(page.url, kind, f"{match.group(0)} in {text[:120]}")
            for match in SNAKE_CASE.finditer(text):
                if match.group(0) not in self.snake_case_allowed and not UUID.search(text):
                    yield Finding(page.url, "snake_case", f"{match.group(0)} in {text[:120]}")


def _pattern_key(path: str, query: str, by_status: bool) -> tuple[str, frozenset[str], str] | None:
    """What makes two URLs the same page for the crawl: the route and the query's keys, and for a page of one
    case its type, and for the case page also its status (`by_status`) or else whether it is closed: each
    type and state shows other things under the same route."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name in SKIP_ROUTE_NAMES:
        return None
    return match.route, frozenset(key for key, _value in parse_qsl(query, keep_blank_values=True)), _case_kind(
        match.kwargs.get("case_id"), detail=match.url_name == "case_detail", by_status=by_status)


def _case_kind(case_id, *, detail: bool, by_status: bool) -> str:
    if case_id is None:
        return ""
    from casework.models import Case

    row = Case.objects.filter(pk=case_id).values("case_type", "status", "closed_on").first()
    if row is None:
        return ""
    if not detail:
        return row["case_type"]
    return f"{row['case_type']}/{row['status'] if by_status else row['closed_on'] is None}"


def crawl(client, *, per_pattern: int, checker: Checker, server_errors: list[Finding],
          by_status: bool = True, max_pages: int | None = None,
          on_page: Callable[[Page], None] | None = None) -> tuple[list[Finding], int]:
    """Breadth-first from the dashboard; returns the findings and the number of pages fetched. `max_pages` stops
    the walk early; `on_page` sees every HTML page fetched (the axe sweep, tests/browser/axe_sweep.py, takes its
    pages from here)."""
    queue: deque[str] = deque(["/"])
    seen: set[str] = {"/"}
    per_key: dict[tuple[str, frozenset[str], str], int] = {}
    findings: list[Finding] = []
    fetched = 0
    while queue and (max_pages is None or fetched < max_pages):
        url = queue.popleft()
        response = client.get(url)
        fetched += 1
        if VISITED is not None:
            VISITED.append(f"{response.status_code} {url}")
        if response.status_code >= 500:
            server_errors.append(Finding(url, "server error", str(response.status_code)))
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            targets = [urljoin(url, response["Location"])]
        elif response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            page = parse(url, response.content.decode())
            if on_page is not None:
                on_page(page)
            findings += checker.findings(page)
            targets = page.links
        else:
            continue
        _enqueue(targets, queue=queue, seen=seen, per_key=per_key, per_pattern=per_pattern, by_status=by_status)
    return findings, fetched


def _enqueue(targets: list[str], *, queue: deque[str], seen: set[str], per_key: dict, per_pattern: int,
             by_status: bool) -> None:
    """Queue the local pages among `targets` not seen yet, at most `per_pattern` per pattern key."""
    for target in targets:
        parts = urlsplit(target)
        if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http", "https"):
            continue
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        if local in seen or SKIP_PATH.search(parts.path):
            continue
        key = _pattern_key(parts.path, parts.query, by_status)
        if key is None or per_key.get(key, 0) >= per_pattern:
            continue
        per_key[key] = per_key.get(key, 0) + 1
        seen.add(local)
        queue.append(local)
