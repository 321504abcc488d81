"""Replace the bundle's ICU data library with one that holds only what FieldSales can use.

Qt links ICU, and PySide6 ships ICU's complete data: ``libicudata.so.NN`` is 31 MB of locale
names, currencies, units, time-zone names and collation rules for ~500 locales plus ~200 legacy
character-set converters -- an eighth of the whole bundle. Qt uses ICU for collation, case
mapping and codec lookups; the app's interface exists in English and Simplified Chinese only.
So we keep the structural data (root locale, supplemental tables, normalisation, Unicode
properties, break rules and dictionaries) and the ``en*``, ``zh*`` (and ``yue``) locales, and
drop other locales, legacy converters (GB18030 stays) and transliterators; icupkg checks that
nothing kept refers to something dropped. A locale we dropped falls back to ICU's root rules,
which is what ICU does for any locale it has no data for. Result: 31 MB -> 9 MB.

How: the library is nothing but one exported symbol, ``icudtNN_dat``, holding a ``.dat``
package. We cut that package out of the library (readelf tells where), remove items with ICU's
``icupkg`` (package icu-devtools; the package format is the same across ICU versions), and
assemble a new library exporting the same symbol under the same soname with ``as`` and ``ld``
(binutils). No compiler, no ICU source build.

Used by packaging/fieldsales.spec after COLLECT; runnable on its own:
    python packaging/icu_data.py dist/fieldsales
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Locale ids: "de", "zh_Hans_CN", "en_001"; "res_index" looks like one and must be kept.
LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")  # "de__PHONEBOOK" is one too
# zh_Hant_HK's spell-out rules alias Cantonese (yue), so it stays with Chinese.
KEEP_LOCALES = ("en", "zh", "yue")
ALWAYS_KEEP = {"root", "res_index", "pool"}
KEEP_CONVERTERS = {"gb18030.cnv"}
DATA_SYMBOL = re.compile(r"\b(icudt\d+_dat)\b")


@dataclass(frozen=True)
class DataBlob:
    symbol: str
    offset: int  # in the library file
    size: int


def keep_item(item: str) -> bool:
    """True when the package item ``item`` (e.g. ``coll/zh.res``, ``de.res``) stays."""
    folder, _, name = item.rpartition("/")
    stem, _, ext = name.rpartition(".")
    if folder == "translit":
        return False  # Qt never transliterates
    if ext == "cnv":
        return name in KEEP_CONVERTERS
    if ext != "res" or stem in ALWAYS_KEEP or not LOCALE.match(stem):
        return True  # supplemental tables, normalisation, break rules, properties
    language = stem.split("_", 1)[0]
    return language in KEEP_LOCALES


def find_blob(library: Path) -> DataBlob:
    """Where the ``icudtNN_dat`` symbol's bytes lie in ``library``."""
    symbols = _run(["readelf", "-Ws", str(library)])
    for line in symbols.splitlines():
        match = DATA_SYMBOL.search(line)
        fields = line.split()
        if match and len(fields) >= 8 and fields[3] == "OBJECT" and fields[6] != "UND":
            address, size, section = int(fields[1], 16), int(fields[2], 0), int(fields[6])
            return DataBlob(match.group(1), _file_offset(library, section, address), size)
    raise ValueError(f"{library.name}: no ICU data symbol")


def _file_offset(library: Path, section: int, address: int) -> int:
    """File offset of ``address`` inside section number ``section``."""
    headers = _run(["readelf", "-SW", str(library)])
    for line in headers.splitlines():
        match = re.match(r"\s*\[\s*(\d+)\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if match and int(match.group(1)) == section:
            return address - int(match.group(2), 16) + int(match.group(3), 16)
    raise ValueError(f"{library.name}: section {section} not found")


def slim_library(library: Path) -> tuple[int, int]:
    """Rewrite ``library`` in place with the filtered data; returns (bytes before, after)."""
    blob = find_blob(library)
    before = library.stat().st_size
    with tempfile.TemporaryDirectory(prefix="fs-icu-") as scratch:
        work = Path(scratch)
        # icupkg takes the package name (icudt73l) from the file name: keep it.
        name = blob.symbol.removesuffix("_dat") + "l.dat"
        (work / "slim").mkdir()
        full, slim = work / name, work / "slim" / name
        with library.open("rb") as handle:
            handle.seek(blob.offset)
            full.write_bytes(handle.read(blob.size))
        items = _run(["icupkg", "-l", str(full)]).split()
        removed = work / "remove.txt"
        removed.write_text("\n".join(i for i in items if not keep_item(i)) + "\n")
        _run(["icupkg", "-r", str(removed), str(full), str(slim)])  # fails on a broken reference
        built = _assemble(work, slim, blob.symbol, library.name)
        shutil.copyfile(built, library)
    return before, library.stat().st_size


def _assemble(work: Path, data: Path, symbol: str, soname: str) -> Path:
    """A shared library whose only content is ``symbol`` = the bytes of ``data``."""
    source = work / "data.s"
    source.write_text(
        f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
        f"{symbol}:\n\t.incbin \"{data}\"\n\t.size {symbol}, . - {symbol}\n"
        "\t.section .note.GNU-stack,\"\",@progbits\n")
    obj, out = work / "data.o", work / soname
    _run(["as", "-o", str(obj), str(source)])
    _run(["ld", "-shared", "-soname", soname, "-o", str(out), str(obj)])
    return out


def slim_bundle(bundle: Path) -> list[tuple[Path, int, int]]:
    """Slim every ICU data library in ``bundle`` (a real file, not a symlink to one)."""
    done = []
    for library in sorted(bundle.rglob("libicudata.so*")):
        if library.is_file() and not library.is_symlink():
            before, after = slim_library(library)
            done.append((library, before, after))
    return done


def _run(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        raise RuntimeError(f"{command[0]} not found: install icu-devtools and binutils "
                           "(packaging/system-deps.sh package)")
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("dist/fieldsales")
    for path, old, new in slim_bundle(folder):
        sys.stdout.write(f"icu data: {path.name} {old / 2**20:.1f} MiB -> {new / 2**20:.1f} MiB\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
