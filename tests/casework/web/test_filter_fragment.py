"""A list page's filter form kept per process for the same inputs (casework/web/filter_fragment.py): the same
markup as rendering it, rendered once for the same inputs, rendered anew for any other input (a new colleague,
another filter value, another language), never stored for a form whose choices come from a query."""

from __future__ import annotations

import pytest
from django import forms
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.roles import PROCESREGISSEUR
from casework.web import filter_fragment
from casework.web.forms import CaseFilterForm
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db(databases="__all__")
CLEAR = "/casussen/"


@pytest.fixture(autouse=True)
def _empty_store():
    filter_fragment.clear()
    yield
    filter_fragment.clear()


def _form(user, query: str = "") -> CaseFilterForm:
    return CaseFilterForm(QueryDict(query), user=user)


def _render(form) -> str:
    return render_to_string(filter_fragment.TEMPLATE, {"form": form, "clear_url": CLEAR, "heading": "Filter",
                                                       "action": ""})


def test_the_same_markup_as_rendering_it_and_rendered_once(make_user, monkeypatch):
    user = make_user(role=PROCESREGISSEUR)
    make_user(role=PROCESREGISSEUR, organisation=user.organisation, username="collega.test")
    form = _form(user, "case_type=pga&owner=me&sort=-opened")
    expected = _render(form)
    assert 'value="pga" selected' in expected and 'value="me" selected' in expected
    rendered = []
    original = filter_fragment.render_to_string
    monkeypatch.setattr(filter_fragment, "render_to_string",
                        lambda *args, **kwargs: rendered.append(1) or original(*args, **kwargs))
    first = filter_fragment.filter_form(form, clear_url=CLEAR, heading="Filter")
    again = filter_fragment.filter_form(_form(user, "case_type=pga&owner=me&sort=-opened"), clear_url=CLEAR,
                                        heading="Filter")
    assert str(first) == str(again) == expected and len(rendered) == 1


def test_any_other_input_renders_anew(make_user):
    user = make_user(role=PROCESREGISSEUR)
    before = str(filter_fragment.filter_form(_form(user, "status=aanmelding"), clear_url=CLEAR, heading="Filter"))
    colleague = make_user(role=PROCESREGISSEUR, organisation=user.organisation, username="nieuwe.collega")
    user = type(user).objects.get(pk=user.pk)  # a new request: the directory is read again
    with_colleague = str(filter_fragment.filter_form(_form(user, "status=aanmelding"), clear_url=CLEAR,
                                                     heading="Filter"))
    assert f'value="{colleague.pk}"' not in before and f'value="{colleague.pk}"' in with_colleague
    assert with_colleague == _render(_form(user, "status=aanmelding"))
    other_value = str(filter_fragment.filter_form(_form(user, "status=afgesloten"), clear_url=CLEAR,
                                                  heading="Filter"))
    assert other_value == _render(_form(user, "status=afgesloten")) != with_colleague
    with translation.override("en"):
        english = str(filter_fragment.filter_form(_form(user, "status=afgesloten"), clear_url=CLEAR,
                                                  heading="Filter"))
        assert english == _render(_form(user, "status=afgesloten"))
    assert english != other_value and "All teams" in english and "Alle teams" in other_value


def test_a_form_whose_choices_come_from_a_query_is_not_stored(make_user):
    user = make_user(role=PROCESREGISSEUR)

    class QueriedForm(forms.Form):
        owner = forms.ModelChoiceField(queryset=type(user).objects.all(), required=False)

    form = QueriedForm(QueryDict(""))
    assert filter_fragment.fragment_key(form, clear_url=CLEAR, heading="", action="") is None
    with count_queries() as queries:
        filter_fragment.filter_form(form, clear_url=CLEAR)
    assert queries and not filter_fragment._store


def test_the_store_keeps_the_most_recently_used(make_user, monkeypatch):
    monkeypatch.setattr(filter_fragment, "MAX_ENTRIES", 2)
    user = make_user(role=PROCESREGISSEUR)
    for query in ("sort=reference", "sort=opened", "sort=reference", "sort=status"):
        filter_fragment.filter_form(_form(user, query), clear_url=CLEAR)
    kept = set(filter_fragment._store)
    assert len(kept) == 2
    assert filter_fragment.fragment_key(_form(user, "sort=opened"), clear_url=CLEAR, heading="", action="") \
        not in kept


def test_the_case_list_shows_the_stored_form(client, login, make_user):
    user = make_user(role=PROCESREGISSEUR)
    login(client, user)
    url = f"{reverse('casework:case_list')}?sort=reference"
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    assert 'value="reference" selected' in second
    assert first.split('<form method="get"')[1].split("</form>")[0] == \
        second.split('<form method="get"')[1].split("</form>")[0]


def _audit_form(data=None):
    from audit.forms import EventSearchForm

    return EventSearchForm(data)


def _fields_as_the_template_loop_renders_them(form) -> str:
    from django.template import Context, Template

    return Template("{% load partials %}{% for field in form %}{% form_field field %}{% endfor %}").render(
        Context({"form": form}))


def test_a_search_forms_fields_are_the_template_loops_and_rendered_once_for_the_same_inputs(monkeypatch,
                                                                                          make_user):
    user = make_user(role=PROCESREGISSEUR)
    rendered = []
    original = filter_fragment.get_template
    monkeypatch.setattr(filter_fragment, "get_template",
                        lambda name: rendered.append(name) or original(name))
    cases = [None, {"action": "view", "date_from": "2026-01-01"}, {"subject": "a" * 64, "username": user.username}]
    for data in cases:
        for _ in range(2):
            form = _audit_form(data)
            if data is not None:
                assert form.is_valid(), form.errors
            assert str(filter_fragment.form_fields(form)) == _fields_as_the_template_loop_renders_them(form)
    assert len(filter_fragment._store) == 3  # one entry for each set of inputs, the second render from it
    with translation.override("en"):
        english = str(filter_fragment.form_fields(_audit_form()))
        assert english == _fields_as_the_template_loop_renders_them(_audit_form()) and "Action" in english
    assert len(filter_fragment._store) == 4 and len(rendered) == 4


def test_a_search_form_with_an_error_is_rendered_each_time_and_not_stored():
    form = _audit_form({"subject": "not a pseudonym", "date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert not form.is_valid()
    html = str(filter_fragment.form_fields(form))
    assert html == _fields_as_the_template_loop_renders_them(form) and "utrecht-form-field-error-message" in html
    assert not filter_fragment._store
