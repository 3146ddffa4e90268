"""Sharing categories of the park enforcement file and the category of every park field.

Merged into casework/categories.py (one module per case type, so each owns its own mapping).
"""

from __future__ import annotations

CATEGORY_LABELS: dict[str, object] = {}
CASE_TYPE_CATEGORIES: dict[str, tuple[str, ...]] = {}
FIELD_CATEGORIES: dict[str, dict[str, str]] = {}
