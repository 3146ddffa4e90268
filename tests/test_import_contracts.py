"""The import contracts in pyproject.toml name every core module, so a new core module cannot slip
past the rule that the core imports no case type (issue 12 item 5)."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import casework
from casework import registry

ROOT = Path(__file__).resolve().parent.parent


def _contract(name_start: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return next(c for c in config["tool"]["importlinter"]["contracts"] if c["name"].startswith(name_start))


def test_every_core_module_is_a_source_of_the_no_case_type_contract():
    sources = set(_contract("The core imports no case type")["source_modules"])
    type_packages = {spec.app_label for spec in registry.types() if not spec.example}
    core = {f"casework.{info.name}" for info in pkgutil.iter_modules(casework.__path__)
            if info.name not in type_packages and info.name != "migrations" and not info.name.startswith("_")}
    assert core - sources == set(), "add the new core module to the contract in pyproject.toml"
    forbidden = set(_contract("The core imports no case type")["forbidden_modules"])
    assert forbidden == {f"casework.{code}" for code in type_packages}


def test_every_case_type_is_in_the_independence_and_layer_contracts():
    type_packages = {f"casework.{spec.app_label}" for spec in registry.types() if not spec.example}
    assert set(_contract("Case types do not import each other")["modules"]) == type_packages
    assert set(_contract("Within a case type")["containers"]) == type_packages
