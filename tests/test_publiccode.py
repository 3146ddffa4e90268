"""publiccode.yml against the rules of the publiccode.yml standard, version 0.7.0 (docs/standard/schema.core.rst
at commit 703f83d of github.com/publiccodeyml/publiccode.yml): the mandatory keys, the enumerations, the
category and scope lists (vendored in .ci/), the description lengths, dates, languages and the licence.

The standard's own validator (publiccode-parser, Go) is not installable here; these are its core rules,
written down from the standard. The `url` and the maintenance contact are filled in at publication.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = yaml.safe_load((ROOT / "publiccode.yml").read_text())
PLATFORMS = {"web", "windows", "mac", "linux", "ios", "android"}
STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
TYPES = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web", "standalone/backend",
         "standalone/other", "addon", "library", "configurationFiles"}
MAINTENANCE = {"internal", "contract", "community", "none"}
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _listed(name: str) -> set[str]:
    lines = (ROOT / ".ci" / name).read_text().splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_the_mandatory_keys_and_enumerations():
    assert DOCUMENT["publiccodeYmlVersion"] == "0"
    assert DOCUMENT["name"] and DOCUMENT["url"].startswith("https://")
    assert set(DOCUMENT["platforms"]) <= PLATFORMS
    assert DOCUMENT["developmentStatus"] in STATUSES
    assert DOCUMENT["softwareType"] in TYPES
    assert set(DOCUMENT["categories"]) <= _listed("publiccode-categories.txt")
    assert set(DOCUMENT["intendedAudience"]["scope"]) <= _listed("publiccode-scopes.txt")
    assert date.fromisoformat(DOCUMENT["releaseDate"])


def test_the_version_and_licence_match_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert DOCUMENT["softwareVersion"] == project["version"]
    assert DOCUMENT["legal"]["license"] == project["license"] == "EUPL-1.2"
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in (ROOT / "LICENSE").read_text()


def test_every_description_has_the_lengths_the_standard_sets():
    assert "nl" in DOCUMENT["description"]
    for language, description in DOCUMENT["description"].items():
        assert BCP47.match(language)
        assert 0 < len(description["shortDescription"].strip()) <= 150
        assert 150 <= len(description["longDescription"].strip()) <= 10000
        assert description["features"] and all(isinstance(feature, str) for feature in description["features"])


def test_maintenance_and_localisation():
    maintenance = DOCUMENT["maintenance"]
    assert maintenance["type"] in MAINTENANCE
    if maintenance["type"] in ("internal", "community"):
        assert maintenance["contacts"] and all(contact["name"] for contact in maintenance["contacts"])
    assert "contractors" not in maintenance or maintenance["type"] == "contract"
    localisation = DOCUMENT["localisation"]
    assert isinstance(localisation["localisationReady"], bool)
    assert localisation["availableLanguages"] and all(BCP47.match(tag) for tag in localisation["availableLanguages"])
