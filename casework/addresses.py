"""Dutch address helpers shared by the case types (the core names no type).

A postcode is stored, and looked up through its blind index, in one normal form ('9999 XX'), so
'9999xx' and '9999 XX' find the same premises or recreation object.
"""

from __future__ import annotations


def normalise_postcode(value: str) -> str:
    """'9999xx' and '9999 XX' are the same postcode: stored as '9999 XX'."""
    compact = value.replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}"
