"""Field builders of the park forms: dates, whole numbers, amounts, choices and persons (names decrypted for the
labels, their keys preloaded in one query); text fields are the core's (casework/web/fields.py). Labels are
English msgids; the widgets (NL Design System classes) come from the core's casework/web/widgets.py.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import Person
from casework.park.models import Occupant, RecreationObject
from casework.park.selectors.objects import OCCUPANTS_ORDER
from casework.web.widgets import CHECKBOX, SELECT, TEXTBOX, date_input
from encryption.preload import preload_keys


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=date_input(),
                           error_messages={"required": _("Enter a date."), "invalid": _("Enter a valid date.")})


def positive_int(label: Any, *, required: bool = True, help_text: Any = "", message: Any = None) -> forms.IntegerField:
    message = message or _("Enter a whole number of at least 1.")
    return forms.IntegerField(label=label, required=required, min_value=1, help_text=help_text,
                              widget=forms.NumberInput(attrs={**TEXTBOX, "inputmode": "numeric"}),
                              error_messages={"required": message, "invalid": message, "min_value": message})


def amount_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    message = _("Enter an amount in euros above zero, with at most two decimals.")
    return forms.DecimalField(label=label, required=required, min_value=0.01, max_digits=12, decimal_places=2,
                              help_text=help_text, widget=forms.NumberInput(attrs={**TEXTBOX, "step": "0.01"}),
                              error_messages={"required": message, "invalid": message, "min_value": message,
                                              "max_decimal_places": message, "max_digits": message})


def check(label: Any) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, widget=forms.CheckboxInput(attrs=CHECKBOX))


def select(label: Any, choices: Any, *, required: bool = True, message: Any = None) -> forms.ChoiceField:
    field = forms.ChoiceField(label=label, required=required, choices=[("", "---------"), *choices],
                              widget=forms.Select(attrs=SELECT))
    if message:
        field.error_messages["required"] = message
    return field


def person_name(person: Person) -> str:
    return " ".join(part for part in (person.first_names, person.surname) if part)


class PersonChoice(forms.ModelChoiceField):
    """A person by name (the names are decrypted for the label: keys are preloaded in one query)."""

    def label_from_instance(self, obj: Person) -> str:
        return person_name(obj)


class PersonsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return person_name(obj)


def preloaded(persons: list[Person]) -> list[Person]:
    preload_keys(persons)
    return persons


OWNER_ENTITY = "owner_entity"  # the choice that names the object's owner company


def addressee_choices(obj: RecreationObject, *, main: Person | None = None) -> tuple[list[tuple[str, str]],
                                                                                    dict[str, Person]]:
    """Who an order may name, each with their role on the object: the owner (a person or a company), every
    current occupant and the file's main person. Returns the choices and the persons by choice value."""
    roles: dict[Any, list[str]] = {}
    people: dict[Any, Person] = {}

    def add(person: Person, role: str) -> None:
        people.setdefault(person.pk, person)
        roles.setdefault(person.pk, []).append(role)

    if obj.owner_person_id:
        add(cast(Person, obj.owner_person), str(_("owner")))
    for occupant in Occupant.objects.filter(object=obj, left_on__isnull=True).select_related("person") \
            .order_by(*OCCUPANTS_ORDER):
        add(occupant.person, str(_("occupant")))
    if main is not None:
        add(main, str(_("person of the file")))
    preloaded(list(people.values()))
    choices = [(str(pk), f"{person_name(person)} ({', '.join(roles[pk])})") for pk, person in people.items()]
    if obj.owner_entity:
        choices.insert(0, (OWNER_ENTITY, str(_("%(name)s (owner, legal entity)") % {"name": obj.owner_entity})))
    return choices, {str(pk): person for pk, person in people.items()}


def object_persons(obj: RecreationObject, *, main: Person | None = None) -> list[Person]:
    """The file's main person, the owner (a person) and the current occupants: who an order may name."""
    people: dict[Any, Person] = {main.pk: main} if main is not None else {}
    if obj.owner_person_id:
        people[obj.owner_person_id] = cast(Person, obj.owner_person)
    for occupant in Occupant.objects.filter(object=obj, left_on__isnull=True).select_related("person"):
        people.setdefault(occupant.person_id, occupant.person)
    return preloaded(list(people.values()))
