"""The signal services: intake by every staff role and by a partner, triage by the table, routing
through the registry and sharing decisions, Bibob as an outcome only; refusals recorded; bad input
leaves nothing half-saved."""

from __future__ import annotations

import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import HANDHAVER, KETENPARTNER, PRIVACY_OFFICER, PROCESREGISSEUR, TEAMLEIDER
from audit.models import AuditEvent
from casework import access
from casework.models import Case, CaseLink, SharingDecision
from casework.signals.categories import FIELD_CATEGORIES, INTAKE, SOURCES, TRIAGE
from casework.signals.models import Signal, SignalPerson, SignalSource, Triage
from casework.signals.services import signal_triage
from casework.signals.services.triage import BIBOB_TEXT, routable_types
from casework.signals.workflow import AFGESLOTEN, BEOORDEELD, ONTVANGEN, OUTCOMES
from tests.casework.signals.factories import make_signal
from tests.factories.accounts import OrganisationFactory
from tests.factories.casework import person_data

pytestmark = pytest.mark.django_db(databases="__all__")
WEIGHING = "Alleen wat de partner voor de aanpak nodig heeft; minder delen volstaat niet (test)."


def _share(categories, **extra):
    return {"categories": categories, "weighing": WEIGHING, "ends_on": timezone.localdate() + timedelta(days=60),
            **extra}


@pytest.mark.parametrize("role", [HANDHAVER, PROCESREGISSEUR, TEAMLEIDER])
def test_every_staff_role_registers_and_an_officer_gets_it_for_triage(make_user, officer, role):
    actor = officer if role == HANDHAVER else make_user(role=role)
    case = make_signal(actor, persons=[{"person": person_data(bsn="111222333"), "involvement": "bewoner",
                                        "informing": "postponed", "postponement_ground": "avg23_1_d",
                                        "postponement_review_on": timezone.localdate() + timedelta(days=90)}])
    assert case.case_type == "signals" and case.status == ONTVANGEN and case.reference.startswith("SIG-")
    assert case.owner.role == HANDHAVER and case.person_id is None
    signal = Signal.objects.get(case=case)
    assert (signal.category, signal.legal_ground, signal.outcome) == ("drugs", "avg10_law", "")
    assert SignalSource.objects.get(case=case).person is not None
    named = SignalPerson.objects.get(case=case)
    assert named.informing == "postponed" and named.postponement_ground == "avg23_1_d"


def test_the_privacy_officer_registers_no_signal_and_is_recorded(make_user):
    privacy = make_user(role=PRIVACY_OFFICER)
    with pytest.raises(PermissionDenied):
        make_signal(privacy)
    assert AuditEvent.objects.using("audit").filter(reason="action:signals_register", outcome="denied").count() == 1
    assert not Case.objects.filter(case_type="signals").exists()


def test_a_partner_registers_for_a_municipality_and_sees_only_the_intake(organisation, officer, partner):
    case = make_signal(partner, controller=organisation, source_person=None, source_kind="police")
    share = SharingDecision.objects.get(case=case)
    assert share.partner == partner.organisation and set(share.categories) == {"metadata", INTAKE}
    seen = access.case_access(partner, case)
    assert seen.sees(INTAKE) and not seen.sees(TRIAGE) and not seen.sees(SOURCES)
    assert SignalSource.objects.get(case=case).organisation == partner.organisation
    assert case.owner == officer


def test_a_partner_cannot_register_for_its_own_organisation(partner):
    with pytest.raises(PermissionDenied):
        make_signal(partner, controller=partner.organisation)


def test_bad_input_is_refused_and_nothing_is_written(officer):
    with pytest.raises(ValidationError) as error:
        make_signal(officer, category="gossip", legal_ground="", description=" ",
                    received_on=timezone.localdate() + timedelta(days=1),
                    persons=[{"person": person_data(), "informing": "postponed", "postponement_ground": ""}])
    assert {"category", "legal_ground", "description", "received_on", "persons"} <= set(error.value.message_dict)
    assert not Case.objects.filter(case_type="signals").exists() and not Signal.objects.exists()


def test_postponed_informing_needs_a_review_date_within_a_year(officer):
    entry = {"person": person_data(), "informing": "postponed", "postponement_ground": "avg23_1_d",
             "postponement_review_on": timezone.localdate() + timedelta(days=400)}
    with pytest.raises(ValidationError) as error:
        make_signal(officer, persons=[entry])
    assert list(error.value.message_dict) == ["persons"] and not Signal.objects.exists()


def test_the_outcome_table_covers_every_triage_and_the_walk(officer, lead):
    assert OUTCOMES[(ONTVANGEN, "monitor")] == BEOORDEELD and OUTCOMES[(BEOORDEELD, "no_action")] == AFGESLOTEN
    case = make_signal(officer)
    review = timezone.localdate() + timedelta(days=30)
    signal_triage(actor=officer, case=case, outcome="monitor", reason="Eerst meer signalen afwachten.",
                  review_on=review)
    case.refresh_from_db()
    assert case.status == BEOORDEELD and Signal.objects.get(case=case).review_on == review
    signal_triage(actor=lead, case=case, outcome="no_action", reason="Geen nieuwe signalen na monitoren.")
    case.refresh_from_db()
    signal = Signal.objects.get(case=case)
    assert case.status == AFGESLOTEN and case.closed_on and signal.outcome == "no_action"
    assert signal.follow_up_ended_on == timezone.localdate()
    assert list(Triage.objects.filter(case=case).values_list("outcome", flat=True)) == ["monitor", "no_action"]


def test_monitor_needs_a_review_date(officer):
    case = make_signal(officer)
    with pytest.raises(ValidationError) as error:
        signal_triage(actor=officer, case=case, outcome="monitor", reason="Afwachten.")
    assert "review_on" in error.value.message_dict and not Triage.objects.exists()


@pytest.mark.parametrize("role", [PROCESREGISSEUR, KETENPARTNER])
def test_only_an_officer_or_lead_triages_and_a_refusal_is_recorded(make_user, officer, other_organisation, role):
    case = make_signal(officer)
    actor = make_user(role=role, organisation=other_organisation if role == KETENPARTNER else None)
    with pytest.raises(PermissionDenied):
        signal_triage(actor=actor, case=case, outcome="no_action", reason="Geen actie.")
    assert AuditEvent.objects.using("audit").filter(action="access_denied", case_id=str(case.pk)).exists()
    assert not Triage.objects.exists()


def test_the_core_step_page_cannot_skip_the_triage(officer):
    from casework.workflow import transition

    case = make_signal(officer)
    with pytest.raises(ValidationError):
        transition(case=case, to=AFGESLOTEN, by=officer, reason="dicht", outcome="")
    with pytest.raises(ValidationError):
        transition(case=case, to=AFGESLOTEN, by=officer, reason="dicht", outcome="monitor")


def test_bibob_is_an_outcome_only(officer):
    """Wet Bibob art. 28: no Bibob information or advice is stored with a signal, in any category."""
    case = make_signal(officer, category="real_estate")
    with pytest.raises(ValidationError, match="Bibob"):  # the Dutch message names the Wet Bibob too
        signal_triage(actor=officer, case=case, outcome="bibob", reason="Advies LBB: ernstig gevaar.")
    row = signal_triage(actor=officer, case=case, outcome="bibob")
    assert row.reason is None and row.purpose is None and row.share is None
    assert case.steps.order_by("-sequence").first().reason == BIBOB_TEXT
    fields = {name for model in FIELD_CATEGORIES.values() for name in model}
    assert not any("bibob" in name for name in fields)


def test_routing_to_the_police_is_a_sharing_decision_without_the_source(officer, other_organisation):
    case = make_signal(officer, category="trafficking")
    row = signal_triage(actor=officer, case=case, outcome="police", reason="Mogelijke uitbuiting.",
                        purpose="Opsporing door de politie.", partner=other_organisation,
                        share=_share([INTAKE]))
    assert row.share.partner == other_organisation and row.share.purpose == "Opsporing door de politie."
    assert SOURCES not in row.share.categories
    case.refresh_from_db()
    assert case.status == AFGESLOTEN


def test_sharing_the_source_needs_its_own_weighing_and_nothing_is_half_saved(officer, other_organisation):
    case = make_signal(officer)
    with pytest.raises(ValidationError) as error:
        signal_triage(actor=officer, case=case, outcome="police", reason="Doorzetten.", purpose="Opsporing.",
                      partner=other_organisation, share=_share([INTAKE, SOURCES]))
    assert "shielded_weighing" in error.value.message_dict
    assert not SharingDecision.objects.filter(case=case).exists() and not Triage.objects.exists()
    case.refresh_from_db()
    assert case.status == ONTVANGEN


def test_the_police_outcome_needs_a_police_organisation(officer):
    riec = OrganisationFactory(name="Test-RIEC", kind=Organisation.Kind.OTHER)
    case = make_signal(officer)
    with pytest.raises(ValidationError) as error:
        signal_triage(actor=officer, case=case, outcome="police", reason="x", purpose="y", partner=riec,
                      share=_share([INTAKE]))
    assert list(error.value.message_dict) == ["partner"]
    row = signal_triage(actor=officer, case=case, outcome="riec", reason="Casusoverleg RIEC.",
                        purpose="Integrale aanpak in het RIEC.", partner=riec, share=_share([INTAKE]))
    assert row.share.partner == riec


def test_routing_to_pga_opens_a_linked_case_through_the_registry_with_a_share(make_user, officer, organisation):
    care = OrganisationFactory(name="Testzorg West", kind=Organisation.Kind.GGZ)
    director = make_user(role=PROCESREGISSEUR)
    assert "pga" in dict(routable_types()) and "signals" not in dict(routable_types())
    case = make_signal(officer, category="trafficking", persons=[{"person": person_data(bsn="111222333")}])
    row = signal_triage(actor=officer, case=case, outcome="case", routed_to="pga", owner=director,
                        linked_reason="Zorgen over uitbuiting; hulp bij wonen en werk nodig.",
                        reason="Mogelijk slachtoffer van uitbuiting; zorg nodig.", purpose="Zorg en veiligheid.",
                        partner=care, share=_share(["metadata", "personalia"]))
    linked = row.linked_case
    assert linked.case_type == "pga" and linked.owner == director and linked.person.bsn == "111222333"
    assert row.share.case == linked and row.share.partner == care and row.share.purpose == "Zorg en veiligheid."
    assert CaseLink.objects.get(from_case=case, to_case=linked).kind == "signal_routed"
    assert Signal.objects.get(case=case).routed_to == "pga"
    # the new case opens with the text written for it, not with the triage's own reasons
    assert linked.pga.aanleiding == "Zorgen over uitbuiting; hulp bij wonen en werk nodig."


def test_a_refused_linked_case_leaves_nothing(make_user, officer):
    care = OrganisationFactory(name="Testzorg Oost", kind=Organisation.Kind.GGZ)
    case = make_signal(officer, persons=[{"person": person_data()}])
    with pytest.raises(ValidationError):
        signal_triage(actor=officer, case=case, outcome="case", routed_to="pga", owner=officer,  # not a director
                      linked_reason="Zorg nodig.",
                      reason="Zorg nodig.", purpose="Zorg.", partner=care, share=_share(["metadata"]))
    assert not Case.objects.filter(case_type="pga").exists() and not CaseLink.objects.exists()
    assert not Triage.objects.exists() and not SharingDecision.objects.exists()


def test_a_type_without_a_linked_case_provider_is_no_approach(officer, other_organisation):
    case = make_signal(officer)
    with pytest.raises(ValidationError) as error:
        signal_triage(actor=officer, case=case, outcome="case", routed_to="signals", reason="x", purpose="y",
                      partner=other_organisation, share=_share(["metadata"]))
    assert "routed_to" in error.value.message_dict


def test_a_closed_signal_takes_no_triage(officer):
    case = make_signal(officer)
    signal_triage(actor=officer, case=case, outcome="no_action", reason="Geen aanwijzingen.")
    case.refresh_from_db()
    with pytest.raises(ValidationError):
        signal_triage(actor=officer, case=case, outcome="monitor", reason="x",
                      review_on=datetime.date.today() + timedelta(days=5))


def test_routing_to_damocles_passes_what_the_procedure_needs(officer, other_organisation):
    """A drugs signal opens a Damocles procedure through the registry with the police report and findings
    the Damocles rules require (`linked`), shared with the police for its purpose."""
    case = make_signal(officer, persons=[{"person": person_data()}])
    today = timezone.localdate()
    linked = {"premises": {"kind": "woning", "street": "Proeflaan", "house_number": "12", "postcode": "9999 XX",
                           "city": "Demodorp"},
              "police_report": {"received_on": today, "found_on": today - timedelta(days=2), "ground": "sub_a"},
              "findings": [{"substance": "hemp_plants", "amount": 120, "unit": "plants"}]}
    row = signal_triage(actor=officer, case=case, outcome="case", routed_to="damocles", reason="Hennepkwekerij.",
                        linked_reason="Hennepkwekerij gemeld.",
                        purpose="Bestuurlijke aanpak art. 13b Opiumwet.", partner=other_organisation,
                        share=_share(["metadata"]), linked=linked)
    assert row.linked_case.case_type == "damocles" and row.share.partner == other_organisation
    without = make_signal(officer)
    with pytest.raises(ValidationError) as error:
        signal_triage(actor=officer, case=without, outcome="case", routed_to="damocles", reason="x", purpose="y",
                      linked_reason="z",
                      partner=other_organisation, share=_share(["metadata"]))
    assert error.value.messages and not Triage.objects.filter(case=without).exists()


def test_routing_to_woonoverlast_opens_a_file_at_the_signals_address(officer, other_organisation):
    case = make_signal(officer, category="other", persons=[{"person": person_data(surname="Testveroorzaker")}])
    row = signal_triage(actor=officer, case=case, outcome="case", routed_to="woonoverlast", owner=officer,
                        linked_reason="Overlast vanuit de woning gemeld.",
                        reason="Ernstige overlast en bedreiging vanuit de woning (bron: buurman).",
                        purpose="Aanpak woonoverlast.",
                        partner=other_organisation, share=_share(["metadata"]))
    linked = row.linked_case
    assert linked.case_type == "woonoverlast" and linked.person.surname == "Testveroorzaker"
    assert linked.woonoverlast.dwelling_address == "Proeflaan 12, 9999 XX Demodorp"
    assert linked.woonoverlast.summary == "Overlast vanuit de woning gemeld."  # never the triage reasons


def test_routing_needs_a_text_for_the_new_case(make_user, officer, other_organisation):
    case = make_signal(officer, persons=[{"person": person_data()}])
    with pytest.raises(ValidationError) as error:
        signal_triage(actor=officer, case=case, outcome="case", routed_to="woonoverlast", owner=officer,
                      reason="Overlast.", purpose="Aanpak.", partner=other_organisation, share=_share(["metadata"]))
    assert list(error.value.message_dict) == ["linked_reason"]
    assert not Triage.objects.exists() and not Case.objects.filter(case_type="woonoverlast").exists()
