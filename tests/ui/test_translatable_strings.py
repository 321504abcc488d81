"""Every user-visible string in ui/ reaches the translators.

lupdate reads tr()/translate() calls with literal strings; one written inside an f-string is
invisible to it and stays English in the Chinese UI (the status bar's keyring warning and the
scan queue's states did, unnoticed, until this test).
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
TR_CALL = re.compile(r"(?<!\w)(tr|translate)\(")  # self.tr(, translate(; not getattr(


def _f_strings_with_tr(path: Path) -> list[str]:
    found = []
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    for token in tokens:
        prefix = token.string[:2].lower()
        if token.type == tokenize.STRING and "f" in prefix and TR_CALL.search(token.string):
            found.append(f"{path.relative_to(UI.parent)}:{token.start[0]}: {token.string}")
    return found


def test_no_tr_call_hides_inside_an_f_string() -> None:
    files = sorted(UI.rglob("*.py"))
    assert len(files) > 50
    hidden = [hit for path in files for hit in _f_strings_with_tr(path)]
    assert hidden == []
