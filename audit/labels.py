"""Names instead of codes and ids on the privacy officer's screens (issue 19): a role's label, a processing
activity's name, a case's reference, an object's kind and name.

The audit trail stores ids and codes (snapshots that stay valid after a rename); the screens show what a
person recognises. Exports keep the stored ids: they are the forensic record. What lives above this layer (a
case's reference) is named by a labeller that layer registers (`register_labeller`, from casework's
AppConfig.ready), the way the layers below announce their events by signals: audit imports no casework code.

Recorded reasons are English (the services write them; the exports keep them as recorded). The screens show
them in the reader's language through reason phrases: each layer that records a reason registers a phrase for
it with `register_reason_phrases`, from its AppConfig.ready (a case type's package from its own apps.py, so the
core never names a case type). A phrase is a compiled regex, or a text where "{}" stands for a variable word (a
number, a date, a code, an id), "{*}" for variable text with spaces, "{action}" for a code named by the values
registered for that key (`register_key_values`) and "{pga.Agreement.status}" for a value of that model field,
named by its choices; and a Dutch template under the pgettext context "audit reason",
"%(1)s" for the first variable part: ("plan version {}", pgettext_lazy("audit reason", "plan version %(1)s")).
Phrases match the whole reason (anchored), or the reason before trailing "key:value" parts, which `_code_words`
then names; a reason a person typed (a break-the-glass motivation) matches none and stays as typed. A variable
part is shown by its name where it is an id or a code (`Codes`), or by its own phrase (a cause). The test
tests/audit/test_reason_phrases.py reads every reason the code records and proves each has a phrase whose Dutch
holds none of its English words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.models import Organisation, User
from accounts.roles import ROLE_LABELS
from audit.models import AuditEvent, ProcessingActivity
from audit.refusals import LIMIT_NOTE

CASE_TYPE = "casework.Case"
ON_BEHALF_OF_KINDS = {"user": gettext_lazy("user"), "organisation": gettext_lazy("organisation")}  # audit/services.py

# object type label ("app.Model") -> function(ids) -> {id: name}
Labeller = Callable[[set[str]], dict[str, str]]
_labellers: dict[str, Labeller] = {}


def register_labeller(object_type: str, labeller: Labeller) -> None:
    _labellers[object_type] = labeller


# object type label -> its name, for object types that are no model (an outgoing BAG call: casework/bag/)
_type_names: dict[str, Any] = {}


def register_type_name(object_type: str, name: Any) -> None:
    _type_names[object_type] = name


def _by_pk(model: type[Model], name: Callable[[Any], str]) -> Labeller:
    def label(ids: set[str]) -> dict[str, str]:
        valid = [value for value in ids if is_uuid(value)]
        return {str(row.pk): name(row) for row in model._default_manager.filter(pk__in=valid)}
    return label


def is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


register_labeller("accounts.User", _by_pk(User, lambda user: user.display_name))
register_labeller("accounts.Organisation", _by_pk(Organisation, lambda organisation: organisation.name))


def role_label(code: str) -> str:
    return str(ROLE_LABELS.get(code, code))


def activity_names() -> dict[str, str]:
    """Every processing activity's name by code (inactive ones too: old events name them)."""
    return dict(ProcessingActivity.objects.values_list("code", "name"))


def type_label(object_type: str) -> str:
    """"casework.Case" -> "zaak": the model's verbose name, a registered name, or the label itself."""
    if object_type in _type_names:
        return str(_type_names[object_type])
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name)


def _names(object_type: str, ids: set[str]) -> dict[str, str]:
    labeller = _labellers.get(object_type)
    return labeller({value for value in ids if value}) if labeller and ids else {}


def case_references(ids: Iterable[str]) -> dict[str, str]:
    """Case id -> reference, for the ids of cases that still exist (a destroyed case has none)."""
    return _names(CASE_TYPE, {str(value) for value in ids if value})


def label_events(events: Iterable[AuditEvent], *, objects: bool = True) -> list[AuditEvent]:
    """Set `role_label`, `action_label`, `outcome_label`, `activity_label`, `case_label`, and with `objects`
    also `object_label` and `reason_label`, on each event: one query for the activities, one for the cases, and
    with `objects` one per kind of object and one for the case types (a status code means something per type).
    The action and outcome names are looked up once per call (`get_action_display` builds and hashes the whole
    table of lazy choices for every row: 15 ms for a page of 25 events)."""
    events = list(events)
    actions = {code: str(name) for code, name in AuditEvent._meta.get_field("action").flatchoices}
    outcomes = {code: str(name) for code, name in AuditEvent._meta.get_field("outcome").flatchoices}
    activities = activity_names()
    ids_by_type: dict[str, set[str]] = {CASE_TYPE: {str(event.case_id) for event in events if event.case_id}}
    for event in events if objects else ():
        if event.object_type and event.object_id:
            ids_by_type.setdefault(event.object_type, set()).add(str(event.object_id))
    names = {object_type: _names(object_type, ids) for object_type, ids in ids_by_type.items()}
    cases = names[CASE_TYPE]
    common = code_names() if objects else Codes()
    per_case = case_codes(ids_by_type[CASE_TYPE]) if objects else {}
    for event in events:
        labelled: Any = event
        labelled.role_label = role_label(event.actor_role) if event.actor_role else ""
        labelled.action_label = actions.get(event.action, event.action)
        labelled.outcome_label = outcomes.get(event.outcome, event.outcome)
        labelled.activity_label = activities.get(event.processing_activity, event.processing_activity)
        labelled.case_label = cases.get(str(event.case_id), _("case not found")) if event.case_id else ""
        labelled.on_behalf_of_label = str(ON_BEHALF_OF_KINDS.get(event.on_behalf_of_type, event.on_behalf_of_type))
        if objects:
            codes = Codes(common.common, common.by_key, per_case.get(str(event.case_id), {}))
            labelled.object_label = _object_label(event, names, codes)
            labelled.reason_label = _reason_label(event.reason, names, codes)
    return events


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


# Codes in recorded reasons, named by the layers above (audit imports no casework code):
# - `register_code_names(source)`: codes that mean one thing everywhere (a field's choice, a link kind, a model);
# - `register_key_values(key, source)`: the values after "key:" (via:, action:, categories:), looked up first;
# - `register_case_codes(source)`: per case, codes whose meaning depends on the case's type (its statuses):
#   source(case ids) -> {case id: {code: name}}, one query for a page of events.
_code_name_sources: list[Callable[[], dict[str, Any]]] = []
_key_value_sources: dict[str, list[Callable[[], dict[str, Any]]]] = {}
_case_code_sources: list[Callable[[set[str]], dict[str, dict[str, str]]]] = []
# The keys of "key:value" parts of recorded reasons, as the services write them.
REASON_KEYS = {
    "via": gettext_lazy("via"), "partner": gettext_lazy("partner"), "categories": gettext_lazy("categories"),
    "category": gettext_lazy("category"), "link": gettext_lazy("link"), "other": gettext_lazy("other case"),
    "rule": gettext_lazy("rule"), "finding": gettext_lazy("finding"), "action": gettext_lazy("action"),
    "organisation": gettext_lazy("organisation"), "share": gettext_lazy("sharing decision"),
    "version": gettext_lazy("version"), "break_glass": gettext_lazy("break the glass"),
    "role": pgettext_lazy("audit reason", "role"),
    "changed": pgettext_lazy("audit reason", "changed"),
    "grant": pgettext_lazy("audit reason", "grant"),
    "kind": pgettext_lazy("audit reason", "kind"),
    "recurrence": pgettext_lazy("audit reason", "recurrence"),
    "sequence": pgettext_lazy("audit reason", "sequence"),
    "shown": pgettext_lazy("audit reason", "shown"),
    "opaque": pgettext_lazy("audit reason", "opaque"),
    "search": pgettext_lazy("audit reason", "search"),
    "from": pgettext_lazy("audit reason", "from"),
    "to": pgettext_lazy("audit reason", "to"),
    "event": pgettext_lazy("audit reason", "event"),
    "decision": pgettext_lazy("audit reason", "decision"),
    "value": pgettext_lazy("audit reason", "value"),
    "request": pgettext_lazy("audit reason", "request"),
}
VALUES = {"None": gettext_lazy("unknown"), "True": gettext_lazy("yes"), "False": gettext_lazy("no")}
REASON_PHRASES = (
    (re.compile(r"^transition (\S+) -> (\S+) \(step (\d+)\)$"), gettext_lazy("status step %(1)s → %(2)s (step %(3)s)")),
    (re.compile(r"^(?:transition|step) (\S+) -> (\S+)$"), gettext_lazy("status step %(1)s → %(2)s")),
    (re.compile(r"^answered (\d+) at \S+$"), gettext_lazy("answered with %(1)s")),  # the page: in the export
)
# A reason phrase: the recorded text (a compiled regex, or a text with "{}" for each variable part) and its
# translatable template ("%(1)s" for the first variable part).
PhrasePattern = re.Pattern[str] | str


class _Phrase:
    """A registered phrase's regex, compiled when first asked for: the 260-odd phrases compiled at import took
    about 40 ms of every process's start (every manage.py command, server and test worker), where most processes
    never label a reason."""

    __slots__ = ("_regex", "first_word", "source")

    def __init__(self, source: PhrasePattern) -> None:
        self.source: PhrasePattern = source
        self._regex: re.Pattern[str] | None = None
        self.first_word = _first_word(source)

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = _compiled(self.source)
        return self._regex

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.regex.fullmatch(text)

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.regex.groupindex


_reason_phrases: list[tuple[_Phrase, Any]] = []
# first word -> the phrases a text starting with that word can be, in the order registered (None: the text's first
# word starts no phrase); built whole when first asked for (a thread never sees it half-built), anew after each
# registration
_phrases_by_first_word: dict[str | None, list[tuple[_Phrase, Any]]] | None = None
# "key:value" parts after a phrase ("sharing decision share:<id>", "restricted; request:<id>")
TRAILING_KEY_VALUES = re.compile(r"^(.*?)((?:[;,]?\s+[a-z_]+:\S*)+)$", re.DOTALL)
LIMIT_NOTE_LABEL = pgettext_lazy("audit reason", "; limit of refusals reached: further refusals in this period are "
                                 "refused without a record")


VARIABLE_PART = re.compile(r"(\{\*?\}|\{[A-Za-z_.]+\})")


def _first_word(pattern: PhrasePattern) -> str | None:
    """The word (up to the first space) that every text the phrase matches starts with, where the phrase's fixed
    start holds it whole; None for a regex, or a phrase whose first word holds a variable part."""
    if isinstance(pattern, re.Pattern):
        return None
    fixed, *variable = VARIABLE_PART.split(pattern, maxsplit=1)
    if " " in fixed or not variable:
        return fixed.split(" ", 1)[0]
    return None


def _compiled(pattern: PhrasePattern) -> re.Pattern[str]:
    """A text phrase as a regex: "{}" a variable word (no spaces: a code, a number, an id), "{*}" variable text."""
    if isinstance(pattern, re.Pattern):
        return pattern
    parts = VARIABLE_PART.split(pattern)
    groups = iter(range(1, 100))

    def regex(part: str) -> str:
        if part in ("{}", "{*}"):
            return r"(\S+)" if part == "{}" else "(.+?)"
        if re.fullmatch(r"\{[A-Za-z_.]+\}", part):  # a code named by the values of that key
            return rf"(?P<k{next(groups)}_{part[1:-1].replace('.', '__')}>\S+)"
        return re.escape(part)

    numbered = [regex(part) for part in parts]
    return re.compile("".join(numbered), re.DOTALL)


def register_reason_phrases(phrases: Iterable[tuple[PhrasePattern, Any]]) -> None:
    """Register (recorded text or regex, translatable template) pairs; see the module docstring."""
    global _phrases_by_first_word
    _reason_phrases.extend((_Phrase(pattern), template) for pattern, template in phrases)
    _phrases_by_first_word = None


def _phrases_for(text: str) -> list[tuple[_Phrase, Any]]:
    """The phrases `text` can be: those whose first word is the text's, and those without a fixed first word, in
    the order registered. A case page labels a handful of reasons and the audit pages dozens; trying all 270
    phrases on each cost 50 µs a reason (issue 15)."""
    global _phrases_by_first_word
    index = _phrases_by_first_word
    if index is None:
        words = {phrase.first_word for phrase, _template in _reason_phrases}
        index = _phrases_by_first_word = {
            word: [(phrase, template) for phrase, template in _reason_phrases if phrase.first_word in (None, word)]
            for word in words | {None}}
    return index.get(text.split(" ", 1)[0], index[None])


def reason_phrase(reason: str) -> tuple[re.Match[str], Any, str] | None:
    """The registered phrase the reason is, or starts with before trailing "key:value" parts: (match, template,
    the rest); None for a reason no phrase knows (typed by a person, or only "key:value" parts)."""
    heads = [(reason, "")]
    trailing = TRAILING_KEY_VALUES.match(reason)
    if trailing and trailing.group(1):
        heads.append((trailing.group(1), trailing.group(2)))
    for head, rest in heads:
        for pattern, template in _phrases_for(head):
            match = pattern.fullmatch(head)
            if match:
                return match, template, rest
    return None


register_reason_phrases(REASON_PHRASES)
KEY_VALUE = re.compile(r"\b([a-z_]+):([^\s]*)")
# A code outside "key:value": snake_case or a model label ("privacy.Finding").
CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[a-z]+\.[A-Z][A-Za-z]+\b")


@dataclass
class Codes:
    """The names of codes for one event: everywhere, per key, and of its case's type."""

    common: dict[str, str] = field(default_factory=dict)
    by_key: dict[str, dict[str, str]] = field(default_factory=dict)
    of_case: dict[str, str] = field(default_factory=dict)

    def name(self, code: str, key: str = "") -> str | None:
        if key.count(".") == 2 and key not in self.by_key:
            self.by_key[key] = field_choices(key)
        for table in (self.by_key.get(key, {}) if key else {}, self.of_case, self.common):
            if code in table:
                return table[code]
        return None


def field_choices(key: str) -> dict[str, str]:
    """The names of a model field's choices, by "app_label.Model.field": the key of a reason phrase's part that
    holds a value of that field ("agreement status {pga.Agreement.status}")."""
    app_label, model_name, field_name = key.split(".")
    try:
        model_field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    except (LookupError, FieldDoesNotExist):
        return {}
    return {str(value): str(label) for value, label in getattr(model_field, "flatchoices", None) or ()}


def register_code_names(source: Callable[[], dict[str, Any]]) -> None:
    _code_name_sources.append(source)


def register_key_values(key: str, source: Callable[[], dict[str, Any]]) -> None:
    _key_value_sources.setdefault(key, []).append(source)


def register_case_codes(source: Callable[[set[str]], dict[str, dict[str, str]]]) -> None:
    _case_code_sources.append(source)


def code_names() -> Codes:
    """The registered names of codes that do not depend on a case (later sources win)."""
    found = Codes()
    for source in _code_name_sources:
        found.common.update({code: str(name) for code, name in source().items()})
    for key, sources in _key_value_sources.items():
        table = found.by_key.setdefault(key, {})
        for source in sources:
            table.update({code: str(name) for code, name in source().items()})
    return found


def case_codes(case_ids: set[str]) -> dict[str, dict[str, str]]:
    """Per case id, the names of the codes of its type (its statuses)."""
    found: dict[str, dict[str, str]] = {}
    for source in _case_code_sources:
        for case_id, table in source({value for value in case_ids if value}).items():
            found.setdefault(case_id, {}).update(table)
    return found


def _reason_label(reason: str, names: dict[str, dict[str, str]], codes: Codes | None = None) -> str:
    """The recorded reason as a person reads it: each id replaced by the name of what it identifies (a case's
    reference) or by a placeholder, each code (a status of the case's type, a category, a link kind, a model) by
    its name, the keys of "key:value" parts and the status-step form in words; the exports keep the reason as
    recorded."""
    known = {key: name for by_id in names.values() for key, name in by_id.items()}
    codes = code_names() if codes is None else codes

    def ids(text: str) -> str:
        return UUID.sub(lambda match: known.get(match.group(0).lower(), _("[internal id]")), text)

    def part(value: str, key: str = "", depth: int = 0) -> str:
        """A variable part: an id by its name, a code by its name, a phrase of its own (a cause) in words."""
        value = ids(value or "")
        named = codes.name(value, key) or (str(VALUES[value]) if value in VALUES else None)
        if named is not None:
            return named
        found = reason_phrase(value) if depth < 2 else None
        if found and not found[2]:
            return render(found[0], found[1], depth + 1)
        return value

    def render(match: re.Match[str], template: Any, depth: int = 0) -> str:
        keys = {index: name.split("_", 1)[1].replace("__", ".") for name, index in match.re.groupindex.items()
                if name.startswith("k")}
        return str(template) % {str(number): part(value, keys.get(number, ""), depth)
                                for number, value in enumerate(match.groups(), start=1)}

    text, note = reason or "", ""
    if text.endswith(LIMIT_NOTE):
        text, note = text[:-len(LIMIT_NOTE)], str(LIMIT_NOTE_LABEL)
    found = reason_phrase(text)
    if found:
        match, template, rest = found
        text = render(match, template) + ids(rest)
    else:
        text = ids(text)
    text = re.sub(r"=(None|True|False)\b", lambda match: f"={VALUES[match.group(1)]}", text)
    return _code_words(text, codes) + note


def reason_words(reason: str, codes: Codes | None = None) -> str:
    """A reason the code recorded, in words, where a registered phrase is the whole of it (a service's step reason
    on a case's timeline: "referral registered"); any other text, a person's own words, as it is."""
    found = reason_phrase(reason or "")
    if found is None or found[2]:
        return reason
    match, template, _rest = found
    return _reason_label(reason, {}, codes) if match.groups() else str(template)


def _code_words(text: str, codes: Codes) -> str:
    """Each "key:value" part with the key and its values in words, and each other code by its name, where known."""
    def value(key: str, code: str) -> str:
        if not code:
            return code
        return codes.name(code, key) or (type_label(code) if "." in code else code)

    def key_value(match: re.Match[str]) -> str:
        key, values = match.group(1), match.group(2)
        if key not in REASON_KEYS and key not in codes.by_key:
            return f"{codes.name(key) or key}:{values}"  # a code with a number after it ("break_glass:326")
        label = str(REASON_KEYS.get(key, key))
        return f"{label}: " + ",".join(value(key, part) for part in values.split(","))

    def word(match: re.Match[str]) -> str:
        code = match.group(0)
        return codes.name(code) or (type_label(code) if "." in code else code)

    parts = re.split(r"(\b[a-z_]+:[^\s]*)", text)
    return "".join(KEY_VALUE.sub(key_value, part) if KEY_VALUE.fullmatch(part) else CODE.sub(word, part)
                   for part in parts)


def _object_label(event: AuditEvent, names: dict[str, dict[str, str]], codes: Codes) -> str:
    if not event.object_type:
        return ""
    kind = type_label(event.object_type)
    name = names.get(event.object_type, {}).get(str(event.object_id), "")
    if not name and event.object_id and not is_uuid(str(event.object_id)):
        # a number or a code of its own (an event's sequence, an export format, a rule's finding)
        name = _code_words(str(event.object_id), codes)
    return f"{kind} {name}" if name else kind
