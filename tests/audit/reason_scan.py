"""Every reason the application code records, found by reading its source (issue 19): the string literals and
f-strings passed as a reason (`reason=`, `history_reason=`, `_change_reason = ...`, the helpers that take it
positionally, a parameter's default, a module's table of reasons, and the `what=` codes recorded as "action:<what>"),
each turned into a sample text with a placeholder value for each variable part; a local name stands for the texts
assigned to it in its function."""

from __future__ import annotations

import ast
import itertools
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("accounts", "audit", "encryption", "casework")
REASON_KEYWORDS = {"reason", "history_reason", "referral_reason"}  # referral_reason: the new case's step reason
# Helpers that take the reason positionally: function name -> its position.
POSITIONAL = {"_record_meeting": 3, "_audit": 3, "_record_search": 2,
              # the cause of a failed BRP or BAG call, recorded after the call ("brp ... : <cause>")
              "_unavailable": 0, "_unreadable": 0, "_not_authorised": 0, "TransportError": 0}
CAUSE_KEYWORDS = {"cause"}
DICT_KEYS = {"history_reason", "referral_reason"}  # a dict's "reason" is mostly a field's category: not these
# Refusals recorded as "action:<what>" by these helpers.
WHAT_CALLS = {"require_park_officer", "require_privacy_officer"}
# Module tables whose values are recorded as reasons (casework/privacy/inzage.py: REASONS[code]).
REASON_TABLES = {"REASONS", "EMERGENCY_PATH", "LIMIT_NOTE"}
SAMPLE = "7"  # a variable part: a number, a code or an id; the phrases match it as any value
MAX_VARIANTS = 16


@dataclass(frozen=True)
class Sample:
    text: str
    words: frozenset[str]  # the words the code wrote (not the variable parts)
    where: str


Assigned = dict[str, list[ast.AST]]
Variants = list[tuple[str, tuple[str, ...]]]
VARIABLE: Variants = [(SAMPLE, ())]


def _with_words(found: Variants) -> Variants | None:
    return found if any(words for _text, words in found) else None


def _variants(node: ast.AST, assigned: Assigned, seen: frozenset[str] = frozenset()) -> Variants | None:
    """(text, literal parts) for each text the expression can record; None when it holds no literal. A local name
    stands for the texts assigned to it in the same function."""
    def inner(child: ast.AST) -> Variants:
        return _variants(child, assigned, seen) or VARIABLE

    if isinstance(node, ast.Name) and node.id in assigned and node.id not in seen:
        return _with_words([variant for value in assigned[node.id]
                            for variant in (_variants(value, assigned, seen | {node.id}) or VARIABLE)])
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.value, (node.value,))]
    if isinstance(node, ast.JoinedStr):
        parts = [inner(value.value if isinstance(value, ast.FormattedValue) else value) for value in node.values]
        return [("".join(text for text, _words in combo), tuple(w for _t, words in combo for w in words))
                for combo in itertools.islice(itertools.product(*parts), MAX_VARIANTS)]
    if isinstance(node, ast.IfExp):
        return _with_words([*inner(node.body), *inner(node.orelse)])
    if isinstance(node, (ast.BoolOp, ast.Dict)):
        values = node.values if isinstance(node, ast.BoolOp) else [value for value in node.values if value]
        return _with_words([variant for value in values for variant in inner(value)])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _with_words([(a + b, wa + wb) for (a, wa), (b, wb) in
                            itertools.product(inner(node.left), inner(node.right))])
    return None


def _assigned(scope: ast.AST) -> Assigned:
    """The values assigned to each plain local name in a function (or a module's top level)."""
    found: Assigned = {}
    nodes = ast.walk(scope) if not isinstance(scope, ast.Module) else iter(scope.body)
    for node in nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found.setdefault(node.targets[0].id, []).append(node.value)
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) and isinstance(node.target, ast.Name) \
                and node.target.id in found:  # reason += " late, ...": the text with the addition
            found[node.target.id].append(ast.BinOp(left=found[node.target.id][0], op=ast.Add(), right=node.value))
    return found


def _reason_nodes(tree: ast.Module) -> list[tuple[ast.AST, Assigned]]:
    """Each expression recorded as a reason, with the local names of its function."""
    nodes: list[tuple[ast.AST, Assigned]] = []
    scopes: list[ast.AST] = [tree, *(node for node in ast.walk(tree)
                                     if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))]
    done: set[int] = set()
    for scope in reversed(scopes):  # innermost functions first: their names win
        assigned = _assigned(scope)
        for node, in_scope in _reason_exprs(scope):
            if id(node) not in done:
                done.add(id(node))
                nodes.append((node, assigned if in_scope else {}))
    return nodes


def _reason_exprs(scope: ast.AST) -> list[tuple[ast.AST, bool]]:
    nodes: list[tuple[ast.AST, bool]] = []
    for node in ast.walk(scope):
        if isinstance(node, ast.Call):
            nodes += [(keyword.value, True) for keyword in node.keywords if keyword.arg in REASON_KEYWORDS]
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            nodes += [(keyword.value, True) for keyword in node.keywords if keyword.arg in CAUSE_KEYWORDS]
            nodes += [(ast.Constant(f"action:{keyword.value.value}"), False) for keyword in node.keywords
                      if name in WHAT_CALLS and keyword.arg == "what" and isinstance(keyword.value, ast.Constant)
                      and isinstance(keyword.value.value, str)]
            if name in POSITIONAL and len(node.args) > POSITIONAL[name]:
                nodes.append((node.args[POSITIONAL[name]], True))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args
            positional = [*arguments.posonlyargs, *arguments.args]
            pairs = [*zip(positional[len(positional) - len(arguments.defaults):], arguments.defaults, strict=True),
                     *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)]
            nodes += [(default, False) for argument, default in pairs
                      if default is not None and argument.arg in REASON_KEYWORDS]
        elif isinstance(node, ast.Dict):  # keyword arguments passed on as a dict ({"referral_reason": "..."})
            nodes += [(value, True) for key, value in zip(node.keys, node.values, strict=True)
                      if isinstance(key, ast.Constant) and key.value in DICT_KEYS]
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "_change_reason":
                    nodes.append((node.value, True))
                if isinstance(target, ast.Name) and target.id in REASON_TABLES:
                    nodes.append((node.value, False))
    return nodes


def _words(parts: tuple[str, ...]) -> frozenset[str]:
    import re

    return frozenset(word.lower() for part in parts for word in re.findall(r"[A-Za-z][A-Za-z-]*[A-Za-z]", part))


def recorded_reasons() -> list[Sample]:
    found: list[Sample] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or "tests" in relative.parts:
                continue
            source = path.read_text()
            if not any(word in source for word in ("reason", "cause", "what=", *REASON_TABLES)):
                continue  # nothing recorded here: no need to parse it
            tree = ast.parse(source, filename=str(relative))
            for node, assigned in _reason_nodes(tree):
                for text, parts in _variants(node, assigned) or []:
                    if _words(parts):  # a variable alone (a reason passed on) is no literal
                        found.append(Sample(text, _words(parts), f"{relative}:{getattr(node, 'lineno', 0)}"))
    return found
