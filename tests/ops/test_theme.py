"""A municipality's theme (ops/theme.py): the product's stylesheet uses design tokens only, so a token
file loaded after the shipped Utrecht tokens restyles every page; a theme that is not among the static
files stops start-up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from ops.theme import theme_file_exists

ROOT = Path(__file__).resolve().parents[2]
APP_CSS = (ROOT / "static" / "css" / "app.css").read_text()
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\("
                    r"|:\s*(?:white|black|red|blue|grey|gray)\b")


def _token_block() -> tuple[str, str]:
    start = APP_CSS.index(".utrecht-theme {")
    end = APP_CSS.index("}", start)
    return APP_CSS[start:end], APP_CSS[:start] + APP_CSS[end + 1:]


def test_the_stylesheet_writes_no_colour_outside_its_token_block():
    block, rest = _token_block()
    rest = re.sub(r"/\*.*?\*/", "", rest, flags=re.S)
    assert COLOUR.findall(rest) == []
    defined = set(re.findall(r"(--zv-[a-z-]+):", block))
    used = set(re.findall(r"var\((--zv-[a-z-]+)\)", rest))
    assert used and used <= defined  # every product token used is defined in the block
    for line in block.splitlines()[1:]:
        assert "var(--utrecht-" in line  # and each maps to an NL Design System token


@pytest.mark.django_db
def test_a_configured_theme_is_loaded_after_the_shipped_tokens(client, settings, tmp_path):
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "gemeente-test.css").write_text(
        ".utrecht-theme { --utrecht-color-blue-40: hsl(140 60% 25%); }")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    settings.THEME_CSS = "theme/gemeente-test.css"
    page = client.get(reverse("accounts:login")).content.decode()
    shipped, theme, own = (page.index(name) for name in ("utrecht-tokens/theme.css", "theme/gemeente-test.css",
                                                         "css/app.css"))
    assert shipped < theme < own
    assert theme_file_exists() == []


@pytest.mark.django_db
def test_without_a_theme_no_extra_stylesheet(client, settings):
    settings.THEME_CSS = ""
    page = client.get(reverse("accounts:login")).content.decode()
    assert page.count('rel="stylesheet"') == 3


@pytest.mark.parametrize(("name", "check_id"), [("theme/missing.css", "ops.E011"), ("../secrets.css", "ops.E010"),
                                                 ("/etc/theme.css", "ops.E010"), ("theme/gemeente.js", "ops.E010")])
def test_a_theme_that_is_not_a_static_stylesheet_stops_start_up(settings, name, check_id):
    settings.THEME_CSS = name
    assert [error.id for error in theme_file_exists()] == [check_id]
