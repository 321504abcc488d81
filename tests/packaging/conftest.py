"""Fixtures for testing the BUILT desktop bundle (``make package`` writes ``dist/fieldsales``).

These tests run the frozen executable, not the source tree, in an environment stripped of the
development venv, so a missing Qt plugin, data file or library fails here instead of on a
rep's laptop. ``make package-test`` builds the bundle first when it is missing and sets
``FIELDSALES_PACKAGE_TEST=1``; without that variable (the normal ``make test``) this folder
collects nothing, because a source checkout has no bundle to test.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("FIELDSALES_BUNDLE", ROOT / "dist" / "fieldsales"))
EXECUTABLE = BUNDLE / "fieldsales"

collect_ignore = [] if os.environ.get("FIELDSALES_PACKAGE_TEST") == "1" else ["test_bundle.py"]


def packaging_module(stem: str) -> ModuleType:
    """Import ``packaging/<stem>.py``: packaging/ is not a Python package (and the name would
    clash with PyPI's ``packaging``)."""
    name = f"fieldsales_packaging_{stem}"
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{stem}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def executable() -> Path:
    if not os.access(EXECUTABLE, os.X_OK):
        pytest.fail(f"no built app at {EXECUTABLE}: run `make package` first")
    return EXECUTABLE


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A minimal environment like a fresh desktop session's: no venv, no PYTHONPATH, an empty
    home, system PATH only (Tesseract comes from /usr/bin, as on a rep's machine)."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "LANG": "C.UTF-8",
    }
    (home / "runtime").mkdir(parents=True, exist_ok=True, mode=0o700)
    env.update(extra)
    return env


@pytest.fixture
def xvfb(tmp_path: Path) -> Iterator[str]:
    """A private X server; yields its DISPLAY (``:N``)."""
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1440x900x24", "-nolisten", "tcp",
         "-auth", str(tmp_path / "xauth")],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            pytest.fail("Xvfb did not start (apt install xvfb)")
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(timeout=10)
