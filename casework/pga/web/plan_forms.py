"""The plan editor's input: goals and interventions added and removed freely (docs/adr/0029).

The page posts flat fields — `g<n>-leefgebied`, `g<n>-goal`, `g<n>-i<m>-description`, `-organisation`,
`-due_on`, `-done` and a hidden `id` per goal and intervention (stable from version to version) — and
a button `action`: `save`, `add-goal`, `remove-goal:<n>`, `add-intervention:<n>` or
`remove-intervention:<n>:<m>`. Every action but `save` only changes the draft: the page (or, for an
htmx request, the editor part) comes back with the draft renumbered and nothing saved, so the editor
works the same with and without JavaScript. The forms parse input only: every rule of the plan lives
in casework/pga/services/plan.py.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework.pga.models import Leefgebied
from casework.pga.services.plan import MAX_GOALS, MAX_INTERVENTIONS
from casework.web.widgets import CHECKBOX, SELECT, TEXTBOX, date_input, partners, textarea

GOAL_ID = re.compile(r"^g(\d{1,3})-id$")
INTERVENTION_ID = re.compile(r"^g(\d{1,3})-i(\d{1,3})-id$")
INTERVENTION_FIELDS = ("id", "description", "organisation", "due_on", "done")
SAVE = "save"


class GoalForm(forms.Form):
    id = forms.CharField(max_length=64, widget=forms.HiddenInput, required=False)
    leefgebied = forms.ChoiceField(label=_("Life domain"), choices=[("", "---------"), *Leefgebied.choices],
                                   widget=forms.Select(attrs=SELECT))
    goal = forms.CharField(label=_("Goal"), widget=textarea(2), max_length=5000)


class InterventionForm(forms.Form):
    id = forms.CharField(max_length=64, widget=forms.HiddenInput, required=False)
    description = forms.CharField(label=_("Intervention"), widget=forms.TextInput(attrs=TEXTBOX), max_length=5000)
    organisation = forms.ChoiceField(label=_("Responsible organisation"), widget=forms.Select(attrs=SELECT))
    due_on = forms.DateField(label=_("Due date"), widget=date_input())
    done = forms.BooleanField(label=_("Done"), required=False, widget=forms.CheckboxInput(attrs=CHECKBOX))

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed: Any = self.fields["organisation"]
        typed.choices = [("", "---------"), *organisations]


@dataclass
class GoalDraft:
    """One goal as typed (raw strings), with its interventions; the forms to render or validate it."""

    values: dict[str, Any]
    interventions: list[dict[str, Any]] = field(default_factory=list)
    form: Any = None
    intervention_forms: list[Any] = field(default_factory=list)
    number: int = 0

    @property
    def add_intervention_id(self) -> str:
        return f"plan-add-intervention-{self.number}"


def _new_intervention() -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "description": "", "organisation": "", "due_on": "", "done": False}


def _new_goal() -> GoalDraft:
    return GoalDraft(values={"id": str(uuid.uuid4()), "leefgebied": "", "goal": ""})


def draft_from_plan(goals: list[dict[str, Any]]) -> list[GoalDraft]:
    """The stored plan as a draft (older versions had no ids: they get one now)."""
    return [GoalDraft(
        values={"id": goal.get("id") or str(uuid.uuid4()), "leefgebied": goal.get("leefgebied", ""),
                "goal": goal.get("goal", "")},
        interventions=[{"id": item.get("id") or str(uuid.uuid4()), "description": item.get("description", ""),
                        "organisation": item.get("partner_id", ""), "due_on": item.get("due_on", ""),
                        "done": bool(item.get("done"))} for item in goal.get("interventions", [])],
    ) for goal in goals] or [_new_goal()]


def draft_from_post(data: Any) -> list[GoalDraft]:
    """The posted draft in the order of its numbers (gaps closed), at most MAX_GOALS × MAX_INTERVENTIONS."""
    goals = sorted({int(match.group(1)) for key in data if (match := GOAL_ID.match(key))})[:MAX_GOALS]
    items: dict[int, set[int]] = {}
    for key in data:
        if match := INTERVENTION_ID.match(key):
            items.setdefault(int(match.group(1)), set()).add(int(match.group(2)))
    drafts = []
    for n in goals:
        draft = GoalDraft(values={name: data.get(f"g{n}-{name}", "") for name in ("id", "leefgebied", "goal")})
        for m in sorted(items.get(n, set()))[:MAX_INTERVENTIONS]:
            item = {name: data.get(f"g{n}-i{m}-{name}", "") for name in INTERVENTION_FIELDS}
            item["done"] = bool(item["done"])
            draft.interventions.append(item)
        drafts.append(draft)
    return drafts


def apply_action(drafts: list[GoalDraft], action: str) -> tuple[list[GoalDraft], str]:
    """Apply an editing button to the draft; returns the draft and the id of the field to focus."""
    name, _sep, rest = action.partition(":")
    numbers = [int(part) for part in rest.split(":") if part.isdigit()]
    if name == "add-goal" and len(drafts) < MAX_GOALS:
        drafts.append(_new_goal())
        return drafts, f"id_g{len(drafts) - 1}-leefgebied"
    if name == "remove-goal" and numbers and numbers[0] < len(drafts):
        del drafts[numbers[0]]
        return drafts, "plan-add-goal"
    if name == "add-intervention" and numbers and numbers[0] < len(drafts):
        items = drafts[numbers[0]].interventions
        if len(items) < MAX_INTERVENTIONS:
            items.append(_new_intervention())
            return drafts, f"id_g{numbers[0]}-i{len(items) - 1}-description"
    if name == "remove-intervention" and len(numbers) == 2 and numbers[0] < len(drafts):
        items = drafts[numbers[0]].interventions
        if numbers[1] < len(items):
            del items[numbers[1]]
            return drafts, f"plan-add-intervention-{numbers[0]}"
    return drafts, ""


def _flat(drafts: list[GoalDraft]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for n, draft in enumerate(drafts):
        data.update({f"g{n}-{name}": value for name, value in draft.values.items()})
        for m, item in enumerate(draft.interventions):
            data.update({f"g{n}-i{m}-{name}": value for name, value in item.items() if name != "done"})
            if item["done"]:
                data[f"g{n}-i{m}-done"] = "on"
    return data


def build_forms(drafts: list[GoalDraft], *, bound: bool) -> list[GoalDraft]:
    """Attach the forms: bound (to validate a save) or unbound with the draft as initial (an edit)."""
    organisations = [(str(pk), name) for pk, name in partners().values_list("pk", "name")]
    data = _flat(drafts) if bound else None
    for n, draft in enumerate(drafts):
        draft.number = n
        draft.form = GoalForm(data, prefix=f"g{n}", initial=None if bound else draft.values)
        draft.intervention_forms = [
            InterventionForm(data, prefix=f"g{n}-i{m}", initial=None if bound else item, organisations=organisations)
            for m, item in enumerate(draft.interventions)]
    return drafts


def is_valid(drafts: list[GoalDraft]) -> bool:
    results = [form.is_valid() for draft in drafts for form in (draft.form, *draft.intervention_forms)]
    return all(results)


def goals_of(drafts: list[GoalDraft]) -> list[dict[str, Any]]:
    """The valid draft as the plan service expects it."""
    return [{
        "id": draft.form.cleaned_data["id"], "leefgebied": draft.form.cleaned_data["leefgebied"],
        "goal": draft.form.cleaned_data["goal"],
        "interventions": [{"id": form.cleaned_data["id"], "description": form.cleaned_data["description"],
                           "partner_id": form.cleaned_data["organisation"], "due_on": form.cleaned_data["due_on"],
                           "done": form.cleaned_data["done"]} for form in draft.intervention_forms],
    } for draft in drafts]


def place_errors(drafts: list[GoalDraft], error: ValidationError, fallback: Any) -> None:
    """A service's errors ("g<n>-..." and "g<n>-i<m>-...") on the matching form field, others on `fallback`."""
    for key, messages in getattr(error, "message_dict", {"__all__": error.messages}).items():
        match = re.match(r"^g(\d+)-(?:i(\d+)-)?(\w+)$", key)
        target, name = fallback, None
        if match and int(match.group(1)) < len(drafts):
            draft = drafts[int(match.group(1))]
            if match.group(2) is None:
                target, name = draft.form, match.group(3)
            elif int(match.group(2)) < len(draft.intervention_forms):
                target, name = draft.intervention_forms[int(match.group(2))], match.group(3)
        target.add_error(name if name in getattr(target, "fields", {}) else None, messages)


def set_focus(drafts: list[GoalDraft], focus: str) -> None:
    """Put `autofocus` on the field just added (htmx focuses it after the swap; so does a full page)."""
    for draft in drafts:
        for form in (draft.form, *draft.intervention_forms):
            for bound in form:
                if bound.auto_id == focus:
                    form.fields[bound.name].widget.attrs["autofocus"] = True
