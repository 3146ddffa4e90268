"""The project's form renderer writes select options inline (config/forms.py): the markup must stay
exactly what Django's own Jinja2 templates write, for every kind of select the forms use."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import Jinja2, get_default_renderer

from config.forms import FormRenderer

SELECT = {"class": "utrecht-select", "aria-describedby": "id_x_helptext"}
CHOICES = [("", "Alle"), ("a", "Één & <twee>"), ("b", 'met "aanhalingstekens"'), (3, "drie")]
GROUPED = [("", "Alle"), ("PGA", [("pga:open", "Open"), ("pga:closed", "Gesloten")]),
           ("Damocles", [("dam:open", "Open <d>")])]


@pytest.mark.parametrize(("widget", "value"), [
    (forms.Select(attrs=SELECT, choices=CHOICES), "a"),
    (forms.Select(attrs=SELECT, choices=CHOICES), None),
    (forms.Select(attrs={**SELECT, "disabled": True, "required": False}, choices=CHOICES), 3),
    (forms.Select(attrs=SELECT, choices=GROUPED), "dam:open"),
    (forms.SelectMultiple(attrs=SELECT, choices=CHOICES), ["a", "b"]),
    (forms.NullBooleanSelect(attrs=SELECT), True),
    (forms.Select(choices=[]), None),
])
def test_selects_render_as_django_renders_them(widget, value):
    ours = widget.render("x", value, attrs={"id": "id_x"}, renderer=FormRenderer())
    django_own = widget.render("x", value, attrs={"id": "id_x"}, renderer=Jinja2())
    assert ours == django_own
    assert "<option" in ours or not widget.choices


def test_the_override_is_the_one_in_use():
    renderer = get_default_renderer()
    assert isinstance(renderer, FormRenderer)
    assert "forms_jinja2" in renderer.get_template("django/forms/widgets/select.html").template.filename
    # every other widget template is still Django's own
    assert "forms_jinja2" not in renderer.get_template("django/forms/widgets/input.html").template.filename
