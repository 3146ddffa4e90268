"""Every reason the code records reads in Dutch on the privacy officer's screens (issue 19): a source scan
(tests/audit/reason_scan.py) finds each literal and f-string recorded as a reason, and each must match a phrase its
package registered (audit/labels.py register_reason_phrases) whose Dutch holds none of its English words. The
stored reason, and the exports, stay as recorded."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from audit.labels import KEY_VALUE, REASON_KEYS, _reason_label, code_names, reason_phrase, register_reason_phrases
from tests.audit.reason_scan import SAMPLE, Sample, recorded_reasons

# Words Dutch writes as English does, and the Dutch terms the code records as they are (laws, registers, file
# formats, legal terms and the BRP's field names kept in Dutch, the role "privacy officer").
SHARED_WORDS = {"awb", "avg", "brp", "bag", "bsn", "csv", "pdf", "lid", "art", "wkpb", "status", "zwartboek",
                "damocles", "gedragsaanwijzing", "bestuursdwang", "woonoverlast", "inzage", "partner", "plan", "in",
                "is", "via", "park", "object", "document", "dashboard", "procedure", "agenda", "monitoring",
                "register", "passages", "privacy", "officer", "personalia", "weergavenaam", "bewoning", "bewoningen",
                "periode", "personen", "burgerservicenummer", "adressering", "geboorte", "naam"}
# A person's own words (demo data stands for them): typed in Dutch, shown as typed.
TYPED = re.compile(r"^[Dd]emo: ")


@pytest.fixture(scope="module")
def samples() -> list[Sample]:
    return recorded_reasons()


def _only_key_values(text: str) -> bool:
    """Only "key:value" parts with known keys, after a reason passed on from the caller (its own sample)."""
    parts = re.split(r"[;,]?\s+", text.strip())
    if parts[0] == SAMPLE:
        parts = parts[1:]
    return all(KEY_VALUE.fullmatch(part) and KEY_VALUE.fullmatch(part).group(1) in REASON_KEYS for part in parts)


def test_the_scan_finds_the_recorded_reasons(samples):
    texts = {sample.text for sample in samples}
    assert len(texts) >= 200
    assert {"agreement recorded", "sharing decision", "notifications", f"plan version {SAMPLE}",
            "draft withdrawn (approval rejected)", "destruction batch 7 approved", "destruction batch 7 rejected",
            f"transition {SAMPLE} -> {SAMPLE} (step {SAMPLE})", "changed: nothing"} <= texts
    where = {sample.where.split(":")[0] for sample in samples}
    assert {"casework/pga/services/conferences.py", "casework/meetings/services.py", "audit/receivers.py",
            "encryption/reencrypt.py", "casework/sharing.py"} <= where


def test_every_recorded_reason_has_a_dutch_phrase(samples):
    missing, english = [], []
    checked = []
    for sample in samples:
        if TYPED.match(sample.text):
            continue
        text = ("dashboard" + sample.text) if sample.text.startswith(";") else sample.text  # a note after a reason
        if reason_phrase(text.split(";")[0] if sample.text.startswith(";") else text) is None \
                and not _only_key_values(text):
            missing.append(f"{sample.where}: {sample.text!r}")
        else:
            checked.append((sample, text))
    rendered = {}
    for language in ("en", "nl"):
        with translation.override(language):
            codes = code_names()
            rendered[language] = [_reason_label(text, {}, codes) for _sample, text in checked]
    for (sample, _text), as_recorded, dutch in zip(checked, rendered["en"], rendered["nl"], strict=True):
        words = set(re.findall(r"[a-z][a-z-]*[a-z]", dutch.lower()))
        left = (sample.words & words) - SHARED_WORDS
        if (dutch == as_recorded and sample.words - SHARED_WORDS) or left:
            english.append(f"{sample.where}: {sample.text!r} -> {dutch!r} {sorted(left)}")
    assert missing == [], "no phrase for:\n" + "\n".join(missing)
    assert english == [], "English left on the screen:\n" + "\n".join(english)


def test_a_phrase_matches_the_whole_reason_and_leaves_typed_reasons_as_typed():
    typed = "agreement recorded, maar de partner belde niet terug"
    with translation.override("nl"):
        assert _reason_label(typed, {}) == typed
        assert _reason_label("Demo: zorgen over woonsituatie.", {}) == "Demo: zorgen over woonsituatie."
        assert _reason_label("agreement recorded", {}) == "afspraak vastgelegd"
        assert _reason_label("plan version 3", {}) == "versie 3 van het plan van aanpak"
        # a phrase before "key:value" parts: the parts in words after it
        restricted = _reason_label("restricted; request:-", {})
    assert restricted.startswith("beperkt;") and "verzoek" in restricted and "request" not in restricted


def test_a_variable_part_is_named_and_ids_are_replaced():
    from audit.labels import Codes

    case_id = "0f0e4b7c-52c6-4b7e-9a53-3f1c2d9e8a10"
    codes = Codes()
    with translation.override("nl"):
        status = _reason_label("agreement status done", {}, codes)
        order = _reason_label(f"order imposed (approval {case_id})", {"x": {case_id: "GOEDK-1"}}, codes)
        unknown = _reason_label(f"order imposed (approval {case_id})", {}, codes)
        waits = _reason_label("interim relief registered (waits=True)", {}, codes)
    assert status == "stand van de afspraak: Uitgevoerd"  # the field's choice (pga.Agreement.status)
    assert order == "last opgelegd (goedkeuring GOEDK-1)"
    assert case_id not in unknown and "goedkeuring" in unknown
    assert waits == "voorlopige voorziening vastgelegd (gemeente wacht: ja)"


def test_the_refusal_limit_note_is_in_words_after_the_reason():
    from audit.refusals import LIMIT_NOTE

    with translation.override("nl"):
        text = _reason_label("dashboard" + LIMIT_NOTE, {})
    assert text.startswith("dashboard bekeken; grens voor weigeringen bereikt") and "refusal" not in text


def test_a_registered_phrase_is_found_and_a_scan_finds_a_missing_one(monkeypatch):
    """The proof can fail: a reason no phrase knows is reported."""
    assert reason_phrase("a reason nobody registered") is None
    from audit import labels

    monkeypatch.setattr(labels, "_reason_phrases", list(labels._reason_phrases))
    monkeypatch.setattr(labels, "_phrases_by_first_word", labels._phrases_by_first_word)
    register_reason_phrases([(re.compile(r"^a reason nobody registered$"), "x")])
    assert reason_phrase("a reason nobody registered") is not None


def test_each_package_registers_the_phrases_of_its_own_reasons(samples):
    """A case type's reasons are named by its own reasons.py (or the core's), never by another package's."""
    import importlib
    from pathlib import Path

    from audit import labels

    core = [*labels.REASON_PHRASES, *importlib.import_module("audit.reasons").PHRASES,
            *importlib.import_module("casework.reasons").PHRASES]
    foreign = []
    for sample in samples:
        parts = Path(sample.where.split(":")[0]).parts
        if parts[0] != "casework" or len(parts) < 3 or TYPED.match(sample.text):
            continue
        if not (Path(__file__).resolve().parents[2] / "casework" / parts[1] / "reasons.py").exists():
            continue
        own = [*core, *importlib.import_module(f"casework.{parts[1]}.reasons").PHRASES]
        trailing = labels.TRAILING_KEY_VALUES.match(sample.text)
        heads = [sample.text, *([trailing.group(1)] if trailing and trailing.group(1) else [])]
        if reason_phrase(sample.text) and not any(labels._compiled(pattern).fullmatch(head)
                                                  for pattern, _template in own for head in heads):
            foreign.append(f"{sample.where}: {sample.text!r}")
    assert foreign == []


def test_a_step_reason_the_code_wrote_is_in_words_and_a_typed_one_as_typed():
    from audit.labels import reason_words

    with translation.override("nl"):
        assert reason_words("referral registered") == "aanmelding vastgelegd"
        assert reason_words("plan version 2") == "versie 2 van het plan van aanpak"
        assert reason_words("Aanmelding na overleg met de wijkagent.") == "Aanmelding na overleg met de wijkagent."
        assert reason_words("") == ""


def test_every_field_a_phrase_names_exists_with_choices():
    """A phrase part keyed "{app.Model.field}" names its codes by that field's choices: the field must exist."""
    from audit import labels

    keys = {name.split("_", 1)[1].replace("__", ".") for pattern, _template in labels._reason_phrases
            for name in pattern.groupindex if name.startswith("k") and "__" in name}
    assert len(keys) >= 20
    assert [key for key in sorted(keys) if not labels.field_choices(key)] == []
    assert labels.field_choices("pga.Agreement.nothing") == {} and labels.field_choices("x.Y.z") == {}



def _phrase_by_trying_all(reason: str):
    """`reason_phrase` as it was before the index: every registered phrase tried in turn, on the whole reason and
    then on the reason before trailing "key:value" parts."""
    from audit import labels

    heads = [(reason, "")]
    trailing = labels.TRAILING_KEY_VALUES.match(reason)
    if trailing and trailing.group(1):
        heads.append((trailing.group(1), trailing.group(2)))
    for head, rest in heads:
        for phrase, template in labels._reason_phrases:
            if match := phrase.fullmatch(head):
                return match, template, rest
    return None


def test_the_phrases_asked_by_first_word_are_those_a_scan_of_all_finds(samples):
    """`reason_phrase` tries only the phrases a text's first word can start (audit.labels `_phrases_for`): for every
    recorded reason, with a typed or key:value tail and with its first word changed, it finds what trying every
    phrase finds (phrases starting with a variable part, and regexes, included)."""
    from audit import labels

    texts = {sample.text for sample in samples} | {"transition a -> b (step 3)", "answered 3 at 2026-12-01", "",
                                                   " leading space", "plan", "x plan version 3"}
    variants = set()
    for text in texts:
        variants |= {text, f"{text} share:abc", f"{text}; request:1", f"Typed {text}", text.replace(" ", "_", 1),
                     text.upper()}
    found = 0
    for text in sorted(variants):
        indexed, expected = reason_phrase(text), _phrase_by_trying_all(text)
        if expected is None:
            assert indexed is None, text
            continue
        found += 1
        assert indexed is not None, text
        assert (indexed[0].re, indexed[0].groups(), indexed[1], indexed[2]) == (
            expected[0].re, expected[0].groups(), expected[1], expected[2]), text
    assert found >= 400
    assert labels._phrases_by_first_word is not None and len(labels._phrases_by_first_word) > 50
