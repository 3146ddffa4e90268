"""The object a letter is about, with its Dutch grammar: one table for every letter.

Dutch nouns take "de" or "het" and, with them, "deze" or "dit"; a letter that writes "het woning"
or "dit woning" reads as careless and, in a decision, as a form filled in without looking. Case
types map their own object codes (a Damocles premises kind, a park object kind) to a kind here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ObjectKind:
    """A noun with its definite article: `the` -> "de woning", `this` -> "deze woning"."""

    noun: str
    article: str  # "de" or "het"

    def __post_init__(self) -> None:
        if self.article not in ("de", "het"):
            raise ValueError(f"unknown article {self.article!r}")

    @property
    def the(self) -> str:
        return f"{self.article} {self.noun}"

    @property
    def The(self) -> str:  # noqa: N802 - the capitalised form, as templates write it at a sentence start
        return self.the[0].upper() + self.the[1:]

    @property
    def this(self) -> str:
        return f"{'deze' if self.article == 'de' else 'dit'} {self.noun}"

    @property
    def a(self) -> str:
        return f"een {self.noun}"


OBJECT_KINDS: dict[str, ObjectKind] = {
    kind.noun: kind for kind in (
        ObjectKind("woning", "de"),
        ObjectKind("pand", "het"),
        ObjectKind("lokaal", "het"),
        ObjectKind("bedrijfspand", "het"),
        ObjectKind("gebouw", "het"),
        ObjectKind("erf", "het"),
        ObjectKind("bedrijfsruimte", "de"),
        ObjectKind("ruimte", "de"),
        ObjectKind("recreatiewoning", "de"),
        ObjectKind("chalet", "het"),
        ObjectKind("stacaravan", "de"),
        ObjectKind("standplaats", "de"),
        ObjectKind("kavel", "de"),
        ObjectKind("woonwagen", "de"),
        ObjectKind("woonboot", "de"),
        ObjectKind("woonschip", "het"),
        ObjectKind("recreatieobject", "het"),
    )
}
# The word for an object the table does not know: "het pand" is correct for any building.
DEFAULT = OBJECT_KINDS["pand"]


def object_kind(noun: str) -> ObjectKind:
    """The kind for a Dutch noun; an unknown noun falls back to "pand", never to a wrong article."""
    return OBJECT_KINDS.get(noun, DEFAULT)
