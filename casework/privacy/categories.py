"""Field categories of the privacy app's models (merged into casework/categories.py).

These rows are never shared with partners; most fields are INTERNAL.
"""

from __future__ import annotations

FIELD_CATEGORIES: dict[str, dict[str, str]] = {}
