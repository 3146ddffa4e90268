"""Jinja2 partials in Django pages (config/partials.py, ADR 0041): what a partial writes must be byte for
byte what the Django template it replaced wrote — the same escaping, translations, dates and whitespace."""

from __future__ import annotations

import uuid
from datetime import date
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
