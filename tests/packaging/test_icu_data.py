"""packaging/icu_data.py: a slimmed ICU data library still sorts Chinese by pinyin and English
by the alphabet (runs in `make test`; needs icupkg from icu-devtools and binutils).

Real parts: the venv's PySide6 ICU data library is slimmed into a temporary folder, and a child
Python loads Qt with that folder first on LD_LIBRARY_PATH (the RUNPATH PySide6 uses gives way to
it), exactly the library the bundle would ship.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6

from tests.packaging.conftest import packaging_module

icu_data = packaging_module("icu_data")

SORT = """
from PySide6.QtCore import QCollator, QCoreApplication, QLocale
app = QCoreApplication([])
names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "Zoe", "adam", "Émile", "Bob"]
for locale in ("zh_CN", "en_US"):
    print(",".join(sorted(names, key=QCollator(QLocale(locale)).sortKey)))
print(QLocale("zh_CN").toUpper("straße"))
print(next(line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line))
"""


def _venv_icu_data() -> Path:
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    assert found, "PySide6 ships no ICU data library"
    return found[0]


def _sorted_with(library_dir: Path | None) -> list[str]:
    env = dict(os.environ)
    if library_dir is not None:
        env["LD_LIBRARY_PATH"] = str(library_dir)
    done = subprocess.run([sys.executable, "-c", SORT], env=env, capture_output=True, text=True,
                          check=True, timeout=60)
    return done.stdout.splitlines()


def test_items_kept_are_english_chinese_and_structural() -> None:
    keep = icu_data.keep_item
    assert all(keep(i) for i in ["root.res", "res_index.res", "zh_Hans_CN.res", "coll/zh.res",
                                 "en_GB.res", "coll/ucadata.icu", "supplementalData.res",
                                 "brkitr/cjdict.dict", "gb18030.cnv", "curr/pool.res"])
    assert not any(keep(i) for i in ["de.res", "coll/de__PHONEBOOK.res", "unit/fr_CA.res",
                                      "translit/root.res", "ibm-1047_P100-1995.cnv"])


def test_slimmed_library_sorts_like_the_full_one(tmp_path: Path) -> None:
    library = tmp_path / _venv_icu_data().name
    shutil.copy2(_venv_icu_data(), library)

    before, after = icu_data.slim_library(library)

    assert after < before / 3, (before, after)
    assert icu_data.find_blob(library).symbol.startswith("icudt")
    slim, full = _sorted_with(tmp_path), _sorted_with(None)
    assert slim[3] == str(library)  # the child really loaded the slimmed copy
    assert slim[:3] == full[:3]
    assert slim[0].startswith("陈静,李娜,刘洋,王芳,张伟")  # pinyin: chen, li, liu, wang, zhang
    assert slim[1].startswith("adam,Bob,Émile,Zoe")
    assert slim[2] == "STRASSE"
