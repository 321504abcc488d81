"""Strip symbol tables from the built bundle's shared libraries, skipping those it would break.

PyInstaller's own ``strip=True`` runs ``strip`` on every binary. That saves ~55 MB here, but some
libraries that auditwheel repaired with patchelf come out with a PT_LOAD segment whose file
offset and address no longer agree modulo its alignment, and the dynamic loader refuses them
("ELF load command address/offset not page-aligned": numpy's OpenBLAS did). So we strip a copy
of each library, check exactly that property, and keep the stripped copy only when it holds.

Used by packaging/fieldsales.spec after COLLECT; runnable on its own too:
    python packaging/slim.py dist/fieldsales
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PT_LOAD = 1
ELF_MAGIC = b"\x7fELF"
ELFCLASS64 = 2
ELFDATA2LSB = 1


@dataclass
class StripReport:
    saved_bytes: int = 0
    stripped: int = 0
    kept: list[str] = field(default_factory=list)  # would have broken: left as they were


def load_segments(path: Path) -> list[tuple[int, int, int]] | None:
    """(offset, vaddr, align) of each PT_LOAD of a 64-bit little-endian ELF; None otherwise."""
    with path.open("rb") as handle:
        header = handle.read(64)
        if len(header) < 64 or header[:4] != ELF_MAGIC or header[4] != ELFCLASS64 \
                or header[5] != ELFDATA2LSB:
            return None
        (phoff,) = struct.unpack_from("<Q", header, 0x20)
        phentsize, phnum = struct.unpack_from("<HH", header, 0x36)
        handle.seek(phoff)
        table = handle.read(phentsize * phnum)
    segments = []
    for i in range(phnum):
        p_type, _flags, offset, vaddr, _paddr, _filesz, _memsz, align = struct.unpack_from(
            "<IIQQQQQQ", table, i * phentsize)
        if p_type == PT_LOAD:
            segments.append((offset, vaddr, align))
    return segments


def loadable(path: Path) -> bool:
    """True when every PT_LOAD satisfies the loader's offset/address congruence."""
    segments = load_segments(path)
    return bool(segments) and all(align <= 1 or (offset - vaddr) % align == 0
                                  for offset, vaddr, align in segments or [])


def shared_libraries(folder: Path) -> list[Path]:
    """Every real (non-symlink) shared object under ``folder``. The executable itself is left
    alone: PyInstaller appends its archive to it, and strip would cut that off."""
    return sorted(p for p in folder.rglob("*.so*") if p.is_file() and not p.is_symlink()
                  and load_segments(p) is not None)


def strip_library(path: Path, scratch: Path) -> int | None:
    """Strip ``path`` in place if that is safe; returns the bytes saved, None if kept as is."""
    if not loadable(path):
        return 0  # already unusual: do not touch it
    trial = scratch / "trial.so"
    shutil.copy2(path, trial)
    done = subprocess.run(["strip", "--strip-unneeded", str(trial)], capture_output=True,
                          check=False)
    if done.returncode != 0 or not loadable(trial):
        return None
    saved = path.stat().st_size - trial.stat().st_size
    if saved > 0:
        shutil.move(trial, path)
    return saved


def strip_bundle(folder: Path) -> StripReport:
    report = StripReport()
    if shutil.which("strip") is None:  # e.g. a Windows build: nothing to do
        return report
    with tempfile.TemporaryDirectory() as tmp:
        for lib in shared_libraries(folder):
            saved = strip_library(lib, Path(tmp))
            if saved is None:
                report.kept.append(str(lib.relative_to(folder)))
            elif saved > 0:
                report.saved_bytes += saved
                report.stripped += 1
    return report


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("dist/fieldsales")
    report = strip_bundle(folder)
    sys.stdout.write(f"stripped {report.stripped} libraries, saved "
                     f"{report.saved_bytes / 2**20:.1f} MiB; left unstripped (would not load): "
                     f"{', '.join(report.kept) or 'none'}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
