"""Jinja2 partials in Django pages (config/partials.py, ADR 0041): what a partial writes must be byte for
byte what the Django template it replaced wrote — the same escaping, translations, dates and whitespace."""

from __future__ import annotations

import uuid
from datetime import UTC, date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from casework.templatetags.partials import partial
from config import partials

AWKWARD = ["O'Brien & \"zoon\" <script>", mark_safe("<b>veilig</b>"), None, 3, ""]


def jinja(source: str, **context) -> str:
    return partials.engine().from_string(source).render(context)


def django(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize("value", AWKWARD)
def test_values_are_escaped_as_django_escapes_them(value):
    assert jinja("[{{ v }}]", v=value) == django("[{{ v }}]", v=value)


def test_translations_dates_and_the_trailing_newline_are_djangos():
    with translation.override("nl"):
        assert jinja('{{ _("Next deadline") }}') == django('{% load i18n %}{% translate "Next deadline" %}') \
            == "Volgende termijn"
        day = date(2026, 3, 5)
        assert jinja('{{ d|date("j F Y") }}', d=day) == django('{{ d|date:"j F Y" }}', d=day) == "5 maart 2026"
    assert jinja("regel\n") == "regel\n"


def test_the_case_table_escapes_names_and_links_each_case():
    case = SimpleNamespace(pk=uuid.uuid4(), reference="PGA-2026-0001", opened_on=date(2026, 1, 2),
                           owner=SimpleNamespace(display_name="Test Medewerker"))
    rows = [SimpleNamespace(case=case, person_name="O'Brien <x>", status_label="Open", next_deadline=None,
                            overdue=False),
            SimpleNamespace(case=case, person_name=None, status_label="Open", next_deadline=date(2026, 2, 1),
                            overdue=True)]
    with translation.override("nl"):
        html = partial("casework/cases/_table.html", rows=rows, caption="Casussen")
    assert "O&#x27;Brien &lt;x&gt;" in html and "<x>" not in html
    assert html.count(f'href="{reverse("casework:case_detail", kwargs={"case_id": case.pk})}"') == 2
    assert "niet gedeeld" in html and "1 februari 2026 <strong class=\"app-overdue\">(verlopen)</strong>" in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_long_dates_are_djangos_j_f_y(language):
    days = [date(2026, month, day) for month in range(1, 13) for day in (1, 9, 28)] + [date(999, 2, 3)]
    with translation.override(language):
        for day in days:
            assert partials.long_date(day) == django('{{ d|date:"j F Y" }}', d=day)
        assert partials.long_date(None) == "" and partials.long_date("geen datum") == ""


def test_one_reverse_serves_every_row_and_refuses_what_is_not_a_uuid():
    case_url = partials.url_for_each("casework:case_detail", "case_id")
    for pk in (uuid.uuid4(), uuid.uuid4(), str(uuid.uuid4())):
        assert case_url(pk) == reverse("casework:case_detail", kwargs={"case_id": pk})
    with pytest.raises(ValueError):
        case_url("../admin/")


def test_a_moment_is_dated_in_local_time_as_in_a_django_template():
    from datetime import datetime

    moment = datetime(2026, 3, 4, 23, 30, tzinfo=UTC)  # 5 March, 00:30 in Amsterdam
    with translation.override("nl"):
        assert jinja('{{ m|date("j F Y") }}', m=moment) == django('{{ m|date:"j F Y" }}', m=moment) \
            == partials.long_date(moment) == "5 maart 2026"


def test_a_render_writes_the_month_names_of_its_own_language():
    """The month names are translated once per language (partials.month_names) and handed to each render:
    switching the language between renders switches them."""
    template = '{{ d|long_date }}'
    day = date(2026, 3, 5)
    for language, expected in (("nl", "5 maart 2026"), ("en", "5 March 2026"), ("nl", "5 maart 2026")):
        with translation.override(language):
            assert jinja(template, d=day) == expected
            assert partials.month_names()[3] == expected.split()[1]
    assert partials.long_date(day, ("",) + tuple(f"m{month}" for month in range(1, 13))) == "5 m3 2026"


def test_the_timeline_escapes_breaks_lines_dates_locally_and_includes_the_entries_own_templates():
    """The case page's timeline (a partial since it measured 1.95 ms of a Damocles case page as a Django template):
    checked byte for byte against the Django template it replaced when it was written, for every kind of entry
    and in both languages; these are the rules that comparison rested on."""
    from datetime import datetime

    from casework.contributions import TimelineEntry

    awkward = "O'Brien & \"zoon\" <script>"
    partner = SimpleNamespace(name=awkward)
    entries = [
        TimelineEntry(at=datetime(2026, 3, 4, 23, 30, tzinfo=UTC), kind="step", by=awkward,
                      detail={"from": "Open", "to": "<Besluit>", "reason": "regel 1\nregel <2>"}),
        TimelineEntry(at=datetime(2026, 3, 6, 8, 0, tzinfo=UTC), kind="share", by="X", obj=SimpleNamespace(
            share=SimpleNamespace(partner=partner), category_labels=["Persoonsgegevens", awkward], state="revoked")),
        TimelineEntry(at=datetime(2026, 3, 8, 11, 0, tzinfo=UTC), kind="change", by="",
                      detail={"model": "casus", "action": "gewijzigd", "fields": ["naam", "adres"]}),
        TimelineEntry(at=date(2026, 3, 10), kind="conference", by="", template="pga/_timeline_entry.html",
                      obj=SimpleNamespace(attending=SimpleNamespace(all=lambda: [partner]))),
    ]
    with translation.override("nl"):
        html = partial("casework/cases/_timeline.html", timeline=entries)
        empty = partial("casework/cases/_timeline.html", timeline=[])
    escaped = "O&#x27;Brien &amp; &quot;zoon&quot; &lt;script&gt;"
    assert "<script>" not in html and html.count(escaped) == 4
    assert "5 maart 2026 00:30 · " + escaped in html  # 23:30 UTC is the next day in Amsterdam
    assert "Open → &lt;Besluit&gt;" in html and "regel 1<br>regel &lt;2&gt;" in html
    assert f"{escaped} (Persoonsgegevens, {escaped}) — ingetrokken" in html
    assert "<strong>Casus gewijzigd</strong>: naam, adres" in html
    assert "10 maart 2026</p>" in html and f"<strong>Casusoverleg</strong>: {escaped}" in html
    assert "Er is nog niets gebeurd." in empty and "<ol" not in empty


# The audit search's event table as the Django template wrote it before it became a partial (ADR 0041)
FORMER_EVENT_ROWS = Path(__file__).parent / "data" / "former_event_rows.html"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_audit_event_table_writes_what_its_django_template_wrote(language):
    from datetime import datetime, timedelta

    start = datetime(2026, 3, 29, 0, 30, 5, tzinfo=UTC)  # across the change to summer time in Amsterdam
    events = [SimpleNamespace(
        sequence=index + 1, occurred_at=start + timedelta(minutes=37 * index), actor_name=name,
        actor_role="procesregisseur" if index % 2 else "", role_label="Procesregisseur <x>",
        action_label="Bekeken", outcome_label="Toegestaan & gelogd",
        subject_pseudonym=("a1b2c3d4e5f6a7b8c9d0" if index % 3 else ""), case_label=("PGA-2026-0001" if index % 4
                                                                                   else ""),
        activity_label="PGA: regie", ) for index, name in enumerate([*AWKWARD[:2], "", "Test Medewerker"] * 2)]
    with translation.override(language):
        html = partial("audit/_event_rows.html", events=events, caption="Gebeurtenissen & <x>")
        assert html == django(FORMER_EVENT_ROWS.read_text(encoding="utf-8"), page=SimpleNamespace(object_list=events),
                              caption="Gebeurtenissen & <x>")
    assert html.count('href="/privacy/audit/events/') == len(events) and "<script>" not in html


def test_moments_are_djangos_in_local_time():
    from datetime import datetime, timedelta

    moments = [datetime(2026, 10, 25, 0, 0, tzinfo=UTC) + timedelta(minutes=29 * step) for step in range(12)]
    moments += [datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC), datetime(2026, 3, 4, 5, 6, 7)]  # a naive one: Django's
    for language in ("nl", "en"):
        with translation.override(language):
            for moment in moments:
                assert jinja("{{ m|long_moment }}|{{ m|iso_moment }}", m=moment) == django(
                    '{{ m|date:"j F Y H:i:s" }}|{{ m|date:"c" }}', m=moment)
            assert jinja("[{{ m|long_moment }}{{ m|iso_moment }}]", m=None) == "[]"


def test_one_reverse_serves_every_numbered_row_and_refuses_what_is_no_whole_number():
    event_url = partials.url_for_each("audit:event_detail", "sequence", "int")
    for sequence in (1, 42, 918273645, 10**12):
        assert event_url(sequence) == reverse("audit:event_detail", kwargs={"sequence": sequence})
    for wrong in ("7", -1, True, 1.5, "../admin/"):
        with pytest.raises(ValueError):
            event_url(wrong)
