"""One working day per role in headless Chromium (issue 18 item 7): the procesregisseur, the handhaver, the team
lead, the chain partner and the privacy officer each log in once and walk through at least twelve pages of a
normal day, doing the day's work on them. Every distinct page passes axe-core (WCAG 2.1 A/AA) once, and the
whole day logs no console error and makes no request that leaves the machine.

The procesregisseur's referral and plan editor are done with the keyboard only (`page.keyboard`: Tab,
Shift+Tab, Enter, Space, arrow keys; no click or fill): the skip link leads into the page, focus must land on
each field in order, and what was typed must be saved.

Each day builds its own data through the services (one test per role; the browser tests are transactional,
so nothing outlives a test) and keeps to one browser context.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Organisation
from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.actions import Action
from audit.activities import CHAIN_SHARING
from casework.approvals import approval_request
from casework.breakglass import break_glass_open
from casework.categories import PERSONALIA
from casework.damocles import workflow as damocles_wf
from casework.damocles.models import DamoclesCase
from casework.damocles.services import APPROVAL_SUBJECT
from casework.documents.models import Document
from casework.meetings.models import AgendaItem, Meeting, MeetingOccurrence
from casework.meetings.services import agenda_add, meeting_create
from casework.models import Case
from casework.pga import workflow as pga
from casework.pga.casetype import PGA_CONFERENCES, PGA_PLAN
from casework.pga.models import Agreement, PartnerContribution, PlanIntervention, PlanVersion
from casework.pga.services import agreement_record, conference_plan
from casework.privacy.models import DataSubjectRequest, Review
from casework.sharing import share_create
from casework.woonoverlast.models.files import Melding
from tests.auditlog import events
from tests.browser.conftest import axe_violations
from tests.browser.test_login_flow import log_in
from tests.factories.accounts import OrganisationFactory, TeamFactory
from tests.factories.casework import make_pga_case
from tests.factories.damocles import assess, make_damocles_case
from tests.factories.damocles import step as damocles_step
from tests.factories.park import make_object, make_park_case
from tests.factories.woonoverlast import make_apv, make_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

PAGES_PER_DAY = 12
KEYBOARD_BSN = "999990068"  # synthetic, passes the 11-test
CASE_PATH = re.compile(r"/cases/([0-9a-f-]{36})/$")


@dataclass
class Day:
    """One role's day in one browser context: the distinct pages seen, each checked once."""

    page: object
    base: str
    checked: list[str] = field(default_factory=list)

    def check(self, *, allow_status: int | None = None, state: str = "") -> None:
        """axe-core on the current page unless this page (path and query, and `state` for another page under
        the same address, e.g. the results of a POST search) was checked before; console and network every
        time. A page meant to answer `allow_status` (a form with errors: 400) logs that once."""
        page = self.page
        url = page.url.removeprefix(self.base).split("#")[0] + state  # the skip link leaves #main behind
        if url not in self.checked:
            self.checked.append(url)
            assert axe_violations(page) == [], url
        errors = page.watch.console_errors
        if allow_status is not None:
            expected = f"the server responded with a status of {allow_status}"
            assert any(expected in error for error in errors), errors
            errors[:] = [error for error in errors if expected not in error]
        assert errors == [], (url, errors)
        assert page.watch.foreign_requests == [], url

    def visit(self, path: str) -> None:
        self.page.goto(f"{self.base}{path}")
        self.check()

    def follow(self, selector: str, *, keyboard: bool = False) -> None:
        """Follow the first link matching `selector` in the main part of the page (clicked, or focused and
        Enter pressed)."""
        link = self.page.locator(f"main {selector}").first
        with self.page.expect_navigation():
            if keyboard:
                link.focus()
                self.page.keyboard.press("Enter")
            else:
                link.click()
        self.check()

    def submit(self, button: str = "main form button[type=submit]", *, state: str = "") -> None:
        with self.page.expect_navigation():
            self.page.locator(button).first.click()
        self.check(state=state)

    def done(self) -> None:
        assert len(self.checked) >= PAGES_PER_DAY, self.checked


def _start(page, base: str, user) -> Day:
    """Log in: the role's dashboard, with the user's name in the header (as test_login_flow asserts per role)."""
    log_in(page, base, user)
    assert page.url.rstrip("/") == base, "login failed"
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    assert user.display_name in page.locator("header").inner_text()
    day = Day(page, base)
    day.check()
    return day


# --- the keyboard ------------------------------------------------------------------------------------------------


def _focused(page) -> str:
    """The focused element: its id, else a button's or link's text, else its name."""
    return page.evaluate("""() => {
        const e = document.activeElement;
        if (!e) return "";
        if (e.id) return e.id;
        if (e.tagName === "BUTTON" || e.tagName === "A") return e.textContent.trim().slice(0, 60);
        return e.name || e.tagName;
    }""")


def _into_main(page) -> None:
    """From the top of a freshly loaded page: Tab to the skip link, Enter, and the main region has focus."""
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('utrecht-skip-link')")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def _tab_to(page, target: str, *, passing: tuple[str, ...] = (), limit: int = 12) -> list[str]:
    """Press Tab until the element with id `target` has focus; the ids in `passing` must come on the way, in
    that order (the focus order). Returns what had focus on the way."""
    seen: list[str] = []
    for _press in range(limit):
        page.keyboard.press("Tab")
        now = _focused(page)
        seen.append(now)
        if now == target:
            on_the_way = [name for n, name in enumerate(seen)  # a date field takes a Tab per part
                          if name in passing and (n == 0 or seen[n - 1] != name)]
            assert on_the_way == list(passing), seen
            return seen
    raise AssertionError(f"Tab never reached {target}: {seen}")


def _type_date(page, day: date) -> None:
    """A date typed into a focused date field (the context's locale is en-US: month, day, year)."""
    page.keyboard.type(day.strftime("%m%d%Y"))


# --- the procesregisseur -------------------------------------------------------------------------------------------


def _next_weekday(weekday: int, *, after_days: int) -> date:
    day = timezone.localdate() + timedelta(days=after_days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def municipality_team(organisation):
    return TeamFactory(organisation=organisation)


@pytest.fixture
def partner_org(db) -> Organisation:
    return OrganisationFactory(name="Testreclassering Werkdag", kind=Organisation.Kind.RECLASSERING)


def _regisseur_world(regisseur, partner_org):
    """The weekly triage sitting in progress now (a new referral on its agenda, put there last week), a
    casusoverleg next week, a case to put on it and a case whose plan is due."""
    triage = meeting_create(actor=regisseur, title="Wekelijkse triage (werkdag)", kind=Meeting.Kind.TRIAGE,
                            recurrence=Meeting.Recurrence.WEEKLY, weekday=1, first_on=_next_weekday(1, after_days=7),
                            starts_at=time(10), chair=regisseur, organisation=regisseur.organisation,
                            place="Stadhuis, zaal 2", referral_weekday=0, referral_time=time(12))
    sitting = triage.occurrences.order_by("starts").first()
    referral = make_pga_case(owner=regisseur)
    agenda_add(actor=regisseur, occurrence=sitting, case=referral, goal="Eerste bespreking na aanmelding (test).",
               now=sitting.starts - timedelta(days=3), notify=False)
    now = timezone.now()
    MeetingOccurrence.objects.filter(pk=sitting.pk).update(starts=now - timedelta(minutes=30),
                                                          ends=now + timedelta(minutes=30))
    overleg = meeting_create(actor=regisseur, title="Casusoverleg Top-X (werkdag)", kind=Meeting.Kind.CASUSOVERLEG,
                             recurrence=Meeting.Recurrence.SINGLE, first_on=timezone.localdate() + timedelta(days=7),
                             starts_at=time(14), chair=regisseur, organisation=regisseur.organisation,
                             video_link="https://video.example.invalid/casusoverleg")
    running = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    planned = make_pga_case(owner=regisseur, status=pga.PLAN)
    return sitting, overleg.occurrences.get(), referral, running, planned


def _referral_with_the_keyboard(day: Day, partner_org) -> Case:
    """The referral form, from the skip link to the submit button, with the keyboard only."""
    page = day.page
    day.visit("/cases/pga/new/")
    _into_main(page)
    _tab_to(page, "id_bsn")
    page.keyboard.type(KEYBOARD_BSN)
    _tab_to(page, "id_first_names")
    page.keyboard.type("Testine")
    _tab_to(page, "id_surname")
    page.keyboard.type("Testpersoon Toetsenbord")
    page.keyboard.press("Shift+Tab")
    assert _focused(page) == "id_first_names"  # and back again
    _tab_to(page, "id_aanleiding", passing=("id_surname", "id_date_of_birth", "id_address", "id_phone"))
    page.keyboard.type("Zorgen over schulden en overlast (toetsenbordtest).")
    _tab_to(page, "id_conference_goal")
    page.keyboard.type("Afspraken tussen zorg en veiligheid.")
    # the partners to invite: checkboxes, ticked with Space
    for _press in range(40):
        page.keyboard.press("Tab")
        label = page.evaluate("() => document.activeElement.labels && document.activeElement.labels[0]"
                              " ? document.activeElement.labels[0].textContent.trim() : ''")
        if label == partner_org.name:
            break
    else:
        raise AssertionError("the partner's checkbox was never reached")
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked")
    _tab_to(page, "id_informed_status")
    _tab_to(page, "Aanmelding versturen", passing=("id_informed_on", "id_postponement_ground"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    match = CASE_PATH.search(page.url.split("#")[0])
    assert match, page.url
    day.check()
    case = Case.objects.get(pk=match.group(1))
    assert case.person.surname == "Testpersoon Toetsenbord" and case.person.bsn == KEYBOARD_BSN
    assert case.status == pga.AANGEMELD
    return case


def _plan_with_the_keyboard(day: Day, case: Case, partner_org) -> None:
    """The plan editor with the keyboard only: a goal, an intervention added (htmx puts focus on it), filled
    in with a partner and a due date, saved as a new version."""
    page = day.page
    day.visit(f"/cases/{case.pk}/plan/")
    _into_main(page)
    _tab_to(page, "id_g0-leefgebied", limit=25)
    page.keyboard.press("ArrowDown")  # the first life domain
    chosen = page.locator("#id_g0-leefgebied").input_value()
    assert chosen
    _tab_to(page, "id_g0-goal")
    page.keyboard.type("Woning behouden (toetsenbord)")
    _tab_to(page, "plan-add-intervention-0")
    page.keyboard.press("Enter")
    expect(page.locator("#id_g0-i0-description")).to_be_focused()  # htmx swapped the editor, focus moved on
    assert page.url.split("#")[0].endswith(f"/cases/{case.pk}/plan/")  # no page load
    page.keyboard.type("Betalingsregeling huur")
    _tab_to(page, "id_g0-i0-organisation")
    page.keyboard.type(partner_org.name[:8])  # a closed select picks the option typed
    assert page.locator("#id_g0-i0-organisation").input_value() == str(partner_org.pk)
    _tab_to(page, "id_g0-i0-due_on")
    due = timezone.localdate() + timedelta(days=14)
    _type_date(page, due)
    day.check()  # the swapped editor
    _tab_to(page, "Opslaan als nieuwe versie", passing=("id_g0-i0-done", "plan-add-intervention-0", "plan-add-goal"),
            limit=20)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    day.check()
    version = PlanVersion.objects.get(case=case)
    assert [(goal["leefgebied"], goal["goal"]) for goal in version.goals] == [(chosen, "Woning behouden (toetsenbord)")]
    (row,) = PlanIntervention.objects.filter(case=case)
    assert (row.description, row.organisation_id, row.due_on) == ("Betalingsregeling huur", partner_org.pk, due)


def test_a_day_of_the_procesregisseur(live_server, watched_page, make_user, municipality_team, partner_org):
    regisseur = make_user(role=PROCESREGISSEUR, team=municipality_team)
    sitting, table, referral, running, planned = _regisseur_world(regisseur, partner_org)
    day = _start(watched_page, live_server.url, regisseur)
    page = day.page

    day.visit("/mijn-werk/")
    assert referral.reference in page.locator("main").inner_text()
    # the weekly triage: the sitting in progress, the referral discussed, minutes recorded, the referral triaged
    day.visit("/overleggen/")
    day.visit(f"/overleggen/{sitting.pk}/")
    assert referral.reference in page.locator("main").inner_text()
    day.follow('a[href$="/agendapunt/1/verslag/"]')
    page.locator(f'#id_attending input[value="{partner_org.pk}"]').check()
    page.locator("#id_minutes").fill("Aanmelding besproken: past bij het ZVH (werkdagtest).")
    day.submit()
    item = AgendaItem.objects.get(occurrence=sitting)
    assert item.recorded_at is not None
    day.visit(f"/cases/{referral.pk}/")
    day.follow(f'a[href$="/transition/{pga.TRIAGE}/"]')
    page.locator("#id_reason").fill("Besproken in de triage (werkdagtest).")
    day.submit()
    referral.refresh_from_db()
    assert referral.status == pga.TRIAGE

    # the casusoverleg: a running case put on next week's agenda from its page, the agenda and its print
    day.visit(f"/cases/{running.pk}/")
    day.follow('a[href$="/agenderen/"]')
    page.locator("#id_occurrence").select_option(str(table.pk))
    page.locator("#id_goal").fill("Voortgang van de afspraken (werkdagtest).")
    page.locator(f'#id_invited input[value="{partner_org.pk}"]').check()
    day.submit()
    assert AgendaItem.objects.get(occurrence=table).case_id == running.pk
    day.visit(f"/overleggen/{table.pk}/")
    assert running.reference in page.locator("main").inner_text()
    day.visit(f"/overleggen/{table.pk}/afdrukken/")
    # the sitting is held: its minutes per item go to the case's conference record
    now = timezone.now()
    MeetingOccurrence.objects.filter(pk=table.pk).update(starts=now - timedelta(minutes=5),
                                                        ends=now + timedelta(minutes=55))
    day.visit(f"/overleggen/{table.pk}/agendapunt/1/verslag/")
    page.locator("#id_minutes").fill("Afspraken doorgenomen; de reclassering rapporteert terug (werkdagtest).")
    day.submit()
    assert AgendaItem.objects.get(occurrence=table).recorded_at is not None

    # a new referral, and the plan of approach, with the keyboard only
    _referral_with_the_keyboard(day, partner_org)
    _plan_with_the_keyboard(day, planned, partner_org)

    day.visit("/meldingen/")
    day.done()


# --- the chain partner ---------------------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n% synthetic working-day report\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
WEIGHING = "Alleen wat het overleg en het plan nodig hebben; minder delen is niet mogelijk (test)."


def _partner_world(regisseur, partner_org):
    """A running PGA case shared with the partner's organisation (personalia, conferences, plan), an open
    agreement of that organisation from the last conference, and the case on next week's casusoverleg with the
    partner invited."""
    case = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    conference = conference_plan(actor=regisseur, case=case, held_on=timezone.localdate() - timedelta(days=7),
                                 invited=[partner_org])
    agreement = agreement_record(actor=regisseur, case=case, conference=conference, owner_organisation=partner_org,
                                 description="Meldplicht en toezicht (werkdagtest).",
                                 due_on=timezone.localdate() + timedelta(days=3))
    share_create(actor=regisseur, case=case, partner=partner_org, categories=[PERSONALIA, PGA_CONFERENCES, PGA_PLAN],
                 processing_activity=CHAIN_SHARING, purpose="Afstemming in het casusoverleg (test).",
                 weighing=WEIGHING, ends_on=timezone.localdate() + timedelta(days=30))
    overleg = meeting_create(actor=regisseur, title="Casusoverleg (werkdag partner)", kind=Meeting.Kind.CASUSOVERLEG,
                             recurrence=Meeting.Recurrence.SINGLE, first_on=timezone.localdate() + timedelta(days=7),
                             starts_at=time(14), chair=regisseur, organisation=regisseur.organisation,
                             place="Stadhuis, zaal 3")
    sitting = overleg.occurrences.get()
    agenda_add(actor=regisseur, occurrence=sitting, case=case, goal="Voortgang van de afspraken (test).",
               invited=[partner_org], notify=False)
    return case, agreement, sitting


def test_a_day_of_the_ketenpartner(live_server, watched_page, make_user, municipality_team, partner_org):
    regisseur = make_user(role=PROCESREGISSEUR, team=municipality_team)
    partner = make_user(role=KETENPARTNER, organisation=partner_org)
    case, agreement, sitting = _partner_world(regisseur, partner_org)
    day = _start(watched_page, live_server.url, partner)
    page = day.page

    day.visit("/mijn-werk/")
    day.visit("/cases/")
    assert case.reference in page.locator("main").inner_text()
    day.follow(f'a[href$="/cases/{case.pk}/"]')
    # reporting back on the organisation's own agreement: done, with a note
    day.follow(f'a[href$="/agreements/{agreement.pk}/report-done/"]')
    page.locator("#id_text").fill("Meldplicht nagekomen; toezicht loopt (werkdagtest).")
    day.submit()
    assert CASE_PATH.search(page.url.split("#")[0])
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DONE
    day.follow(f'a[href$="/agreements/{agreement.pk}/partner-notes/new/"]')
    page.locator("#id_text").fill("Tweede gesprek gepland (werkdagtest).")
    day.submit()
    kinds = sorted(PartnerContribution.objects.filter(case=case, organisation=partner_org)
                   .values_list("kind", flat=True))
    assert kinds == sorted([PartnerContribution.Kind.DONE, PartnerContribution.Kind.NOTE])
    assert events(object_type="pga.PartnerContribution", action=Action.CREATE, actor_id=str(partner.pk)).count() == 2
    # a document under the live share
    day.visit(f"/cases/{case.pk}/documenten/")
    page.locator("#id_title").fill("Voortgangsrapportage reclassering (werkdagtest)")
    page.locator("#id_category").select_option(PGA_PLAN)
    page.locator("#id_file").set_input_files(files=[{"name": "rapportage.pdf", "mimeType": "application/pdf",
                                                      "buffer": PDF}])
    day.submit()
    document = Document.objects.get(case=case)
    assert (document.organisation_id, document.processing_activity) == (partner_org.pk, CHAIN_SHARING)
    assert f"/documenten/{document.pk}/" in page.url
    # next week's casusoverleg: the partner is invited to the item of the shared case
    day.visit("/overleggen/")
    day.visit(f"/overleggen/{sitting.pk}/")
    assert case.reference in page.locator("main").inner_text()
    day.visit(f"/overleggen/{sitting.pk}/afdrukken/")
    day.visit("/meldingen/")
    day.visit("/meldingen/instellingen/")
    day.visit("/cases/pga/new/")  # a partner refers a person to the municipality
    day.done()


# --- the handhaver -------------------------------------------------------------------------------------------------


@pytest.fixture
def seeded_policy(db):
    """The Damocles policy table comes from a data migration, which a transactional test's flush removes for
    the tests after the first: seed it again (idempotent)."""
    from django.apps import apps

    importlib.import_module("casework.damocles.migrations.0002_seed_policy").seed(apps, None)


def _handhaver_world(handhaver):
    make_apv(handhaver.organisation)
    damocles = make_damocles_case(owner=handhaver, found_on=timezone.localdate() - timedelta(days=6))
    obj = make_object(actor=handhaver)
    park = make_park_case(owner=handhaver, obj=obj)
    nuisance = make_file(owner=handhaver, reports=1)
    return damocles, obj, park, nuisance


def test_a_day_of_the_handhaver(live_server, watched_page, make_user, municipality_team, seeded_policy):
    handhaver = make_user(role=HANDHAVER, team=municipality_team)
    damocles, obj, park, nuisance = _handhaver_world(handhaver)
    day = _start(watched_page, live_server.url, handhaver)
    page = day.page
    today = timezone.localdate()

    day.visit("/mijn-werk/")
    assert damocles.reference in page.locator("main").inner_text()
    # Damocles: the police report is in; assess it
    day.visit("/damocles/deadlines/")
    day.visit(f"/cases/{damocles.pk}/")
    day.follow(f'a[href$="/transition/{damocles_wf.BEOORDELING}/"]')
    page.locator("#id_reason").fill("Rapportage gelezen, beoordeling gestart (werkdagtest).")
    day.submit()
    day.follow('a[href$="/damocles/assessment/"]')
    page.locator("#id_chosen_sanction_1").check()  # closure
    for name, value in (("chosen_days", "91"), ("geschikt", "Sluiting beëindigt de handel (werkdagtest)."),
                        ("noodzakelijk", "Een lichter middel volstaat niet (werkdagtest)."),
                        ("evenwichtig", "Belangen van de bewoner gewogen (werkdagtest).")):
        page.locator(f"#id_{name}").fill(value)
    day.submit()
    assert DamoclesCase.objects.get(case=damocles).chosen_days == 91
    # the holiday park: the overview, the object and its file
    day.visit("/park/")
    day.visit("/park/deadlines/")
    day.visit(f"/park/objects/{obj.pk}/")
    day.visit(f"/cases/{park.pk}/")
    # woonoverlast: a second neighbour reports nuisance
    day.visit("/woonoverlast/")
    day.visit(f"/cases/{nuisance.pk}/")
    day.follow('a[href$="/woonoverlast/reports/new/"]')
    for name, value in (("melder_first_names", "Testine"), ("melder_surname", "Testbuur Werkdag"),
                        ("melder_date_of_birth", "1970-02-03"), ("reported_on", today.isoformat()),
                        ("description", "Geluidsoverlast na middernacht (werkdagtest).")):
        page.locator(f"#id_{name}").fill(value)
    page.locator("#id_source").select_option(index=1)
    page.locator("#id_kind").select_option(index=1)
    day.submit()
    assert Melding.objects.filter(case=nuisance).count() == 2
    day.visit("/meldingen/")
    day.done()


# --- the team lead -------------------------------------------------------------------------------------------------


def _team_world(team, make_user):
    """A Damocles intention waiting for the lead's four-eyes approval, and a PGA case to hand over to a colleague
    (its owner is away)."""
    handhaver, regisseur, colleague = (make_user(role=role, team=team)
                                       for role in (HANDHAVER, PROCESREGISSEUR, PROCESREGISSEUR))
    damocles = make_damocles_case(owner=handhaver, found_on=timezone.localdate() - timedelta(days=10))
    damocles_step(damocles, damocles_wf.BEOORDELING, by=handhaver)
    assess(damocles, by=handhaver)
    damocles_step(damocles, damocles_wf.VOORNEMEN_VERZONDEN, by=handhaver, signatory="A. Testambtenaar (test)",
                  intention_sent_on=timezone.localdate())
    approval = approval_request(case=damocles, subject=APPROVAL_SUBJECT, requested_by=handhaver,
                                payload={"chosen_days": damocles.damocles.chosen_days})
    away = make_pga_case(owner=regisseur, status=pga.IN_BEHANDELING)
    return handhaver, colleague, damocles, approval, away


def test_a_day_of_the_teamleider(live_server, watched_page, make_user, municipality_team, seeded_policy):
    lead = make_user(role=TEAMLEIDER, team=municipality_team)
    handhaver, colleague, damocles, approval, away = _team_world(municipality_team, make_user)
    day = _start(watched_page, live_server.url, lead)
    page = day.page

    day.visit("/mijn-werk/")
    assert damocles.reference in page.locator("main").inner_text()  # the approval waiting for the lead
    day.visit("/cases/")  # the team's work
    assert away.reference in page.locator("main").inner_text()
    # the four-eyes approval of the intention
    day.visit(f"/cases/{damocles.pk}/")
    day.follow(f'a[href$="/damocles/approval/{approval.pk}/"]')
    page.locator("#id_decision_0").check()  # approve
    day.submit()
    approval.refresh_from_db()
    assert approval.decision == "approved" and approval.decided_by_id == lead.pk
    # a hand-over: the regisseur is away, a colleague takes the case
    day.visit(f"/cases/{away.pk}/")
    day.follow('a[href$="/handover/"]')
    page.locator("#id_new_owner").select_option(str(colleague.pk))
    page.locator("#id_reason").fill("Langdurig afwezig; collega neemt over (werkdagtest).")
    day.submit()
    away.refresh_from_db()
    assert away.owner_id == colleague.pk
    assert events(action=Action.HANDOVER, case_id=str(away.pk), actor_id=str(lead.pk)).count() == 1
    # the team and the figures (the annual figures page, 2 s of axe-core, is left to its own tests)
    day.visit("/accounts/users/")
    day.visit(f"/accounts/users/{handhaver.pk}/")
    day.visit("/overleggen/")
    day.visit("/damocles/figures/")
    day.visit("/damocles/policy/")
    day.visit("/meldingen/")
    day.done()


# --- the privacy officer -------------------------------------------------------------------------------------------

PRIVACY_BSN = "999990020"  # synthetic, passes the 11-test


def _privacy_world(make_user, team, partner_org):
    """A case shared with a partner and opened by a handhaver with break-the-glass (a finding to review)."""
    owner = make_user(role=PROCESREGISSEUR, team=team)
    handhaver = make_user(role=HANDHAVER)  # outside the owner's team: no access but break-the-glass
    case = make_pga_case(owner=owner, status=pga.IN_BEHANDELING, bsn=PRIVACY_BSN)
    share = share_create(actor=owner, case=case, partner=partner_org, categories=[PERSONALIA],
                         processing_activity=CHAIN_SHARING, purpose="Afstemming in het casusoverleg (test).",
                         weighing=WEIGHING, ends_on=timezone.localdate() + timedelta(days=30))
    break_glass_open(user=handhaver, case=case, reason="Acute dreiging bij de woning (werkdagtest).")
    return handhaver, case, share


def test_a_day_of_the_privacy_officer(live_server, watched_page, make_user, municipality_team, partner_org):
    handhaver, case, share = _privacy_world(make_user, municipality_team, partner_org)
    officer = make_user(role=PRIVACY_OFFICER)
    day = _start(watched_page, live_server.url, officer)
    page = day.page

    # the reviews: the break-the-glass access of this morning
    day.visit("/privacy/reviews/")
    day.follow('a[href*="/privacy/reviews/break_glass/"]')
    page.locator("main select[name=decision]").select_option("justified")
    page.locator("main textarea[name=comment]").fill("Terecht: acute situatie, met de handhaver besproken (test).")
    day.submit()
    assert Review.objects.get().decision == "justified"
    day.visit("/privacy/sharing-register/")
    day.visit(f"/privacy/sharing-register/{share.pk}/")
    # an inzage request: registered, and the report of what is held and who saw it
    day.visit("/privacy/requests/new/")
    page.locator("select[name=kind]").select_option(DataSubjectRequest.Kind.INZAGE)
    page.locator("input[name=received_on]").fill(timezone.localdate().isoformat())
    page.locator("input[name=bsn]").fill(PRIVACY_BSN)
    day.submit()
    request = DataSubjectRequest.objects.get(kind=DataSubjectRequest.Kind.INZAGE)
    assert f"/privacy/requests/{request.pk}/" in page.url
    day.visit("/privacy/inzage/")
    page.locator("input[name=bsn]").fill(PRIVACY_BSN)
    day.submit(state=" (report)")  # a POST: the BSN stays out of the address
    assert PRIVACY_BSN not in page.url and partner_org.name in page.content()
    day.visit("/privacy/requests/")
    # the audit search: what did the handhaver do with break-the-glass?
    day.visit("/privacy/audit/")
    page.locator("#id_username").fill(handhaver.username)
    page.locator("#id_action").select_option(Action.BREAK_GLASS)
    day.submit(state=" (results)")  # a POST: the filters stay out of the address
    assert page.locator('main a[href*="/privacy/audit/events/"]').count() == 1
    # the event number's link starts with words for screen readers only (a 1-pixel box, where Playwright would
    # aim its click): followed with the keyboard, as many of this page's users do
    day.follow('a[href*="/privacy/audit/events/"]', keyboard=True)
    assert str(case.pk) in page.content() or case.reference in page.content()
    day.visit("/privacy/audit/status/")
    day.visit("/privacy/audit-per-persoon/")
    day.visit("/privacy/retention/")
    day.done()
