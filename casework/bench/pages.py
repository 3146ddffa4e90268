"""The pages `manage.py bench` drives, in a registry later work adds to.

A page is a name, the seeded user who requests it, and how to build the request from a
`Sample` (ids of cases, persons and events that user may see, read once before the run). A new
page (a work queue, a meeting list, a person overview, a new case type's list) registers itself
where it is built:

    from casework.bench.pages import BenchPage, register
    register(BenchPage("work queue", "regisseur", lambda sample: sample.get("/werkvoorraad/")))

Case types need not register their list and detail pages: `core_pages()` makes one per
registered type.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    data: dict[str, str] = field(default_factory=dict)


@dataclass
class Sample:
    """What the pages need to know about the seeded database (filled by casework.bench.sample)."""

    case_of_type: dict[str, Any] = field(default_factory=dict)  # code -> a case id the regisseur sees
    bsn: str = ""
    surname: str = ""
    date_of_birth: str = ""
    pseudonym: str = ""
    person_id: Any = None
    quiet_bsn: str = ""  # a person no other page reads (the inzage report's), else `bsn`

    @staticmethod
    def get(path: str) -> Request:
        return Request("GET", path)


@dataclass(frozen=True)
class BenchPage:
    name: str
    user: str  # username of a seeded account (seed_scale: regisseur, handhaver, partner, privacy, teamleider)
    request: Callable[[Sample], Request | None]  # None: not applicable to this database


_PAGES: dict[str, BenchPage] = {}
BASELINE = "bare baseline"
BASELINE_PATH = "/bench/baseline/"


def register(page: BenchPage) -> BenchPage:
    _PAGES[page.name] = page
    return page


def registered() -> list[BenchPage]:
    return [*core_pages(), *_PAGES.values()]


def core_pages() -> list[BenchPage]:
    from casework import registry

    # A fixed path: it is mounted in the server (BENCH_BASELINE=1), not in the process that builds requests.
    pages = [BenchPage(BASELINE, "regisseur", lambda s: s.get(BASELINE_PATH))]
    for spec in registry.types():
        if spec.example:
            continue
        code = spec.code
        pages.append(BenchPage(f"web case list {code}", "regisseur",
                               functools.partial(_type_list, code)))
    pages += [
        BenchPage("web case list", "regisseur", lambda s: s.get(reverse("casework:case_list"))),
        BenchPage("API case list", "regisseur", lambda s: s.get(reverse("api:cases"))),
        # the chain partner's caseload: the cases shared with its organisation (seed_scale: about 100)
        BenchPage("web case list partner", "partner", lambda s: s.get(reverse("casework:case_list"))),
        BenchPage("API case list partner", "partner", lambda s: s.get(reverse("api:cases"))),
        # a team lead sees every case of the organisation (seed_scale: all N); the list counts up to 10,000
        BenchPage("web case list team lead", "teamleider", lambda s: s.get(reverse("casework:case_list"))),
        BenchPage("web case list filtered", "regisseur", lambda s: s.get(
            f"{reverse('casework:case_list')}?deadline=30&owner=me&sort=reference&size=100")),
        BenchPage("case list CSV export", "regisseur", lambda s: s.get(
            f"{reverse('casework:case_list_export')}?deadline=7&owner=me")),
    ]
    for spec in registry.types():
        if spec.example:
            continue
        pages.append(BenchPage(
            f"case detail {spec.code}", "regisseur",
            functools.partial(_type_detail, spec.code)))
    pages.append(BenchPage("case print view", "regisseur", functools.partial(_type_detail, "pga", print_view=True)))
    pages += [
        BenchPage("BSN search", "regisseur", lambda s: Request(
            "POST", reverse("casework:case_search"), {"by": "bsn", "bsn": s.bsn}) if s.bsn else None),
        BenchPage("name + date of birth search", "regisseur", lambda s: Request(
            "POST", reverse("casework:case_search"),
            {"by": "name", "surname": s.surname, "date_of_birth": s.date_of_birth}) if s.surname else None),
        BenchPage("dashboard", "regisseur", lambda s: s.get(reverse("dashboard"))),
        BenchPage("dashboard team lead", "teamleider", lambda s: s.get(reverse("dashboard"))),
        BenchPage("dashboard handhaver", "handhaver", lambda s: s.get(reverse("dashboard"))),
        BenchPage("my work", "regisseur", lambda s: s.get(reverse("casework:my_work"))),
        BenchPage("my work handhaver", "handhaver", lambda s: s.get(reverse("casework:my_work"))),
        BenchPage("inzage report", "privacy", lambda s: Request(
            "POST", reverse("casework:privacy_inzage"),
            {"bsn": s.quiet_bsn, "reason": "authority"}) if s.quiet_bsn else None),
        BenchPage("person overview", "regisseur", lambda s: s.get(
            reverse("casework:person_overview", args=[s.person_id])) if s.person_id else None),
        BenchPage("privacy audit search by person", "privacy", lambda s: Request(
            "POST", reverse("casework:privacy_person_audit"), {"bsn": s.bsn}) if s.bsn else None),
        BenchPage("privacy audit search unfiltered", "privacy", lambda s: s.get(reverse("audit:search"))),
        BenchPage("privacy audit search by pseudonym", "privacy",
                  lambda s: s.get(f"{reverse('audit:search')}?subject={s.pseudonym}") if s.pseudonym else None),
        BenchPage("privacy review list", "privacy", _reviews_until_yesterday),
        BenchPage("sharing register", "privacy", lambda s: s.get(reverse("casework:privacy_sharing_register"))),
        BenchPage("retention overview", "privacy", lambda s: s.get(reverse("casework:privacy_retention"))),
    ]
    for spec in registry.types():  # a type's deadline overview, when it has one
        try:
            path = reverse(f"casework:{spec.code}_deadlines")
        except NoReverseMatch:
            continue
        pages.append(BenchPage(f"deadline overview {spec.code}", "handhaver", functools.partial(_path, path)))
    return pages


def _reviews_until_yesterday(sample: Sample) -> Request:
    """The review list over the 30 days before today: counted days only (ADR 0053). Today is read from the
    events and holds whatever the bench itself appended in this run, so it is left out of the figure."""
    yesterday = timezone.localdate() - timedelta(days=1)
    first = yesterday - timedelta(days=29)
    return sample.get(f"{reverse('casework:privacy_reviews')}?date_from={first}&date_to={yesterday}")


def _type_list(code: str, sample: Sample) -> Request:
    return sample.get(f"{reverse('casework:case_list')}?case_type={code}")


def _type_detail(code: str, sample: Sample, *, print_view: bool = False) -> Request | None:
    case_id = sample.case_of_type.get(code)
    name = "casework:case_print" if print_view else "casework:case_detail"
    return sample.get(reverse(name, args=[case_id])) if case_id else None


def _path(path: str, sample: Sample) -> Request:
    return sample.get(path)


def by_name(names: list[str] | None) -> list[BenchPage]:
    pages = registered()
    if not names:
        return pages
    known = {page.name: page for page in pages}
    missing = [name for name in names if name not in known]
    if missing:
        raise KeyError(f"unknown page(s): {', '.join(missing)}; known: {', '.join(known)}")
    chosen = [known[name] for name in names]
    return chosen if BASELINE in names else [known[BASELINE], *chosen]
