"""packaging/slim.py strips libraries only where the result still loads (runs in `make test`).

Real libraries from the venv, real `strip`: numpy's OpenBLAS is one that auditwheel patched with
patchelf, and a stripped copy of it is refused by the dynamic loader; SQLAlchemy's C extension
carries a symbol table that is safe to drop.
"""

from __future__ import annotations

import ctypes
import importlib.util
import shutil
import subprocess
from pathlib import Path

import numpy
import pytest

from tests.packaging.conftest import packaging_module

slim = packaging_module("slim")


def _extension() -> Path:
    """A compiled extension with a symbol table: SQLAlchemy's Cython collections module."""
    spec = importlib.util.find_spec("sqlalchemy.cyextension.collections")
    assert spec is not None
    assert spec.origin is not None
    return Path(spec.origin)


def _openblas() -> Path:
    libs = Path(numpy.__file__).parent.parent / "numpy.libs"
    found = sorted(libs.glob("libscipy_openblas*.so"))
    assert found, f"no OpenBLAS in {libs}"
    return found[0]


def test_a_library_strip_would_break_is_left_as_built(tmp_path: Path) -> None:
    library = tmp_path / _openblas().name
    shutil.copy2(_openblas(), library)
    before = library.read_bytes()
    assert slim.loadable(library)

    scratch = tmp_path / "scratch"
    scratch.mkdir()

    assert slim.strip_library(library, scratch) is None
    assert library.read_bytes() == before

    # The check is the loader's own: a plainly stripped copy really does not load.
    broken = tmp_path / "broken.so"
    shutil.copy2(library, broken)
    subprocess.run(["strip", "--strip-unneeded", str(broken)], check=True)
    assert not slim.loadable(broken)
    with pytest.raises(OSError, match="page-aligned"):
        ctypes.CDLL(str(broken))


def test_a_safe_library_is_stripped_and_still_loads(tmp_path: Path) -> None:
    source = _extension()
    library = tmp_path / source.name
    shutil.copy2(source, library)
    size = library.stat().st_size
    scratch = tmp_path / "scratch"
    scratch.mkdir()

    saved = slim.strip_library(library, scratch)

    assert saved is not None
    assert saved > 100_000
    assert library.stat().st_size == size - saved
    assert slim.loadable(library)
    ctypes.CDLL(str(library))  # maps and links it, as the import system would


def test_strip_bundle_reports_what_it_kept(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copy2(_openblas(), bundle / "_internal" / _openblas().name)
    shutil.copy2(_extension(), bundle / "_internal" / "collections.so")
    (bundle / "_internal" / "notes.so.txt").write_text("not an ELF file")

    report = slim.strip_bundle(bundle)

    assert report.stripped == 1
    assert report.saved_bytes > 100_000
    assert report.kept == [f"_internal/{_openblas().name}"]
