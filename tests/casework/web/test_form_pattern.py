"""The NL Design System form pattern (templates/includes/field.html, error_summary.html; casework/templatetags/
form_pattern.py; docs/adr/0021-form-pattern.md): help texts and errors linked to their inputs, an error summary
linking to every invalid field, nothing marked invalid before the server refused it — in the shared rendering,
and on a representative form of every case type, the privacy pages and account management."""

from __future__ import annotations

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from accounts.roles import HANDHAVER, PRIVACY_OFFICER, TEAMLEIDER
from casework.templatetags.form_pattern import summary_items
from casework.web.widgets import Checkboxes, Radios
from tests.casework.web.form_pattern_support import FormPage, check_linked
from tests.factories.casework import make_pga_case
from tests.factories.park import make_object, make_park_case

PAGE = Template('{% load form_pattern %}{% error_summary form %}'
                '{% for field in form %}{% form_field field %}{% endfor %}')


class ExampleForm(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals in de BRP.")
    kind = forms.ChoiceField(label="Soort", choices=[("a", "A"), ("b", "B")], widget=Radios(),
                             help_text="Kies er één.")
    parts = forms.MultipleChoiceField(label="Delen", choices=[("x", "X")], widget=Checkboxes())
    agree = forms.BooleanField(label="Akkoord")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Het geheel klopt niet.")


def render(form) -> FormPage:
    with translation.override("nl"):
        return FormPage(PAGE.render(Context({"form": form})))


def test_an_unbound_form_links_its_help_and_marks_nothing_invalid():
    page = render(ExampleForm())
    assert page.described_by(page.control("name")) == ["Zoals in de BRP."]
    assert page.summary() is None and page.invalid_controls() == []
    fieldsets = [e for e in page.elements if e.tag == "fieldset"]
    assert [f.attrs.get("aria-describedby") for f in fieldsets] == ["id_kind_helptext", None]


def test_a_refused_form_links_errors_and_summarises_them_in_page_order():
    page = render(ExampleForm({"version": "x"}))
    check_linked(page)
    name = page.control("name")
    assert name.attrs["aria-invalid"] == "true"
    assert page.described_by(name) == ["Zoals in de BRP.", "Fout: Dit veld is verplicht."]
    fieldsets = [e for e in page.elements if e.tag == "fieldset"]
    assert [f.attrs["aria-describedby"] for f in fieldsets] == ["id_kind_helptext id_kind_error", "id_parts_error"]
    summary = page.summary()
    assert summary.attrs["tabindex"] == "-1" and "autofocus" in summary.attrs
    assert page.by_id[summary.attrs["aria-labelledby"]].text == "Er is een probleem"
    assert [href for href, _text in summary.links] == ["#id_name", "#id_kind_0", "#id_parts_0", "#id_agree"]
    assert summary.text.split()[:3] == ["Er", "is", "een"] and "Het geheel klopt niet." in summary.text
    assert "Vul een heel getal in." in summary.text  # the hidden field's error: text, no link


def test_summary_items_cover_formsets_and_skip_unbound_forms():
    formset_class = forms.formset_factory(ExampleForm, extra=1)
    assert summary_items(formset_class(), ExampleForm()) == []
    bound = formset_class({"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-name": "Testine"})
    anchors = [item.anchor for item in summary_items(bound)]
    assert "id_form-0-kind_0" in anchors and "id_form-0-name" not in anchors


# --- one form of each case type, the privacy pages and account management -------------------------

NOTHING = {"unused": ""}  # a form sent without input (an empty POST counts as no POST: `request.POST or None`)

def _pga(make_user, team):
    from accounts.roles import PROCESREGISSEUR
    return make_user(role=PROCESREGISSEUR, team=team), reverse("casework:referral_create"), NOTHING


def _share(make_user, team):
    from accounts.roles import PROCESREGISSEUR
    user = make_user(role=PROCESREGISSEUR, team=team)
    case = make_pga_case(owner=user)
    return user, reverse("casework:share_create", kwargs={"case_id": case.pk}), NOTHING


def _park(make_user, team):
    user = make_user(role=HANDHAVER, team=team)
    case = make_park_case(owner=user, obj=make_object(actor=user))
    return user, reverse("casework:park_inspection_create", kwargs={"case_id": case.pk}), NOTHING


def _woonoverlast(make_user, team):
    return make_user(role=HANDHAVER, team=team), reverse("casework:woonoverlast_file_open"), NOTHING


def _meetings(make_user, team):
    from accounts.roles import PROCESREGISSEUR
    return make_user(role=PROCESREGISSEUR, team=team), reverse("casework:meeting_new"), NOTHING


def _privacy(make_user, team):
    return make_user(role=PRIVACY_OFFICER), reverse("casework:privacy_request_create"), NOTHING


def _accounts(make_user, team):
    return make_user(role=TEAMLEIDER, team=team), reverse("accounts:user_create"), NOTHING


@pytest.mark.django_db(databases="__all__")
@pytest.mark.parametrize("setup", [_pga, _share, _park, _woonoverlast, _meetings, _privacy, _accounts],
                         ids=["pga", "share", "park", "woonoverlast", "meetings", "privacy", "accounts"])
def test_every_kind_of_form_follows_the_pattern(client, login, make_user, team, setup):
    user, url, data = setup(make_user, team)
    login(client, user)
    blank = FormPage(client.get(url).content.decode())
    assert blank.summary() is None and blank.invalid_controls() == []
    for control in blank.controls:
        blank.described_by(control)  # every help text it names exists
    response = client.post(url, data)
    assert response.status_code in (200, 400)  # some pages answer a refused form with 200
    page = FormPage(response.content.decode())
    check_linked(page)
    assert page.summary().links and page.invalid_controls()
    heading = next(e for e in page.elements if e.tag == "h1")
    assert page.elements[page.elements.index(heading) + 1] is page.summary()  # first after the heading


def test_a_form_is_summarised_once_per_page():
    """The page puts the summary after its heading; a shared partial that includes it again adds nothing."""
    twice = Template('{% load form_pattern %}<h1>Kop</h1>{% error_summary form %}'
                     '{% include "casework/actions/_form.html" %}')
    with translation.override("nl"):
        page = FormPage(twice.render(Context({"form": ExampleForm({"version": "1"}), "submit_label": "Opslaan"})))
    assert len([e for e in page.elements if "app-error-summary" in e.attrs.get("class", "").split()]) == 1
    assert page.elements[1] is page.summary()
