"""Every text field of every form has a maximum length (ADR 0035): a free-text field without one took 100,001
characters as an approval's reason (found by the full hostile-form sweep, 6 December 2026), where the sweep's other
runs were refused for another reason first. The forms' ceiling for free text is `bounds.LONG_TEXT`
(casework/web/fields.py `textarea`); a service checks its own, often smaller, bound as well."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from django import forms

ROOT = Path(__file__).resolve().parents[3]
APPS = ("accounts", "audit", "casework", "encryption", "ops")


def _sources() -> list[Path]:
    """The project's Python files (no migrations)."""
    return sorted(path for app in APPS for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts)


def _form_modules() -> list[str]:
    """The modules of the project that define forms: a file or package whose name says "form"."""
    parts = [path.relative_to(ROOT).with_suffix("").parts for path in _sources()]
    return [".".join(part for part in name if part != "__init__") for name in parts
            if any("form" in part for part in name)]


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def _unbounded(classes: set[type]) -> list[str]:
    """The text fields without a maximum length of these form classes (a UUID field checks its own form)."""
    return sorted(f"{cls.__module__}.{cls.__name__}.{name}" for cls in classes
                  for name, field in getattr(cls, "base_fields", {}).items()
                  if isinstance(field, forms.CharField) and not isinstance(field, forms.UUIDField)
                  and field.max_length is None)


def test_every_text_field_of_every_form_has_a_maximum_length():
    modules = _form_modules()
    for module in modules:
        importlib.import_module(module)
    project_forms = {cls for cls in _subclasses(forms.BaseForm) if cls.__module__.split(".")[0] in APPS}
    assert len(modules) >= 25 and len(project_forms) >= 100
    assert not _unbounded(project_forms)


def _unbounded_calls(source: str) -> list[int]:
    """The lines where `forms.CharField(...)` is called without `max_length` (nor `**kwargs` that may hold it)."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "CharField"
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "forms"
            and not {"max_length", None} & {keyword.arg for keyword in node.keywords}]


def test_every_text_field_a_form_adds_while_it_is_built_has_a_maximum_length_too():
    """Fields a form adds in `__init__` or a type's step fields are in no class's `base_fields`: every call that
    makes a text field in the project's code names its maximum."""
    found = [f"{path.relative_to(ROOT)}:{line}" for path in _sources() for line in _unbounded_calls(path.read_text())]
    assert not found


def test_the_check_finds_a_field_without_a_maximum():
    """The proof can fail: a form with an unbounded text field, or one that inherits it, is reported."""

    class Unbounded(forms.Form):
        note = forms.CharField(widget=forms.Textarea)
        reference = forms.CharField(max_length=32)
        request = forms.UUIDField()

    class Inherited(Unbounded):
        pass

    assert _unbounded({Unbounded, Inherited}) == [f"{__name__}.Inherited.note", f"{__name__}.Unbounded.note"]
    assert _unbounded_calls("f = forms.CharField(required=False)\ng = forms.CharField(max_length=9)\n"
                            "h = forms.CharField(**options)\n") == [1]


def test_the_forms_ceiling_is_not_above_what_an_encrypted_field_stores():
    """A text a form or the API accepts (at most `bounds.LONG_TEXT`) is never refused by the field that stores it
    (`encryption.fields.MAX_TEXT`), where the refusal would carry no field of the form."""
    from casework.bounds import LONG_TEXT
    from encryption.fields import MAX_TEXT

    assert LONG_TEXT <= MAX_TEXT
