"""One version number: pyproject.toml's, as installed, with a CHANGELOG entry (runs in `make test`).

The About box, the server's /health and the .deb read the installed package metadata (or
pyproject.toml), so a version bumped in pyproject.toml without reinstalling, or released without
a changelog section, would show up here first.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from tests.packaging.conftest import ROOT


def _version() -> str:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert isinstance(version, str)
    return version


def test_installed_metadata_carries_the_pyproject_version() -> None:
    assert metadata.version("fieldsales") == _version()


def test_changelog_has_a_section_and_a_link_for_the_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    version = re.escape(_version())
    assert re.search(rf"^## \[{version}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.MULTILINE)
    assert re.search(rf"^\[{version}\]: \S+$", changelog, re.MULTILINE)
    # Keep a Changelog: an Unreleased section on top collects what the next version brings.
    assert changelog.index("## [Unreleased]") < changelog.index(f"## [{_version()}]")
