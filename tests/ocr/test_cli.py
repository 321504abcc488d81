"""``fieldsales scan-card IMAGE [--lang …] --json``: the contract other tools rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ocr.conftest import render_card

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"name", "title", "company", "department", "phones", "phone_kinds", "emails",
        "website", "address", "confidence", "lines"}


def _fieldsales(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed console script when there is one, else the same entry point."""
    script = Path(sys.executable).with_name("fieldsales")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ui.cli"]
    return subprocess.run([*command, "scan-card", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)


def test_prints_exactly_one_json_object(tmp_path: Path) -> None:
    image = tmp_path / "card.png"
    render_card([("Acme Robotics Inc.", 34), ("Jane Doe", 64), ("Sales Manager", 32),
                 ("Mobile: +1 (415) 555-0134", 28), ("jane.doe@acme-robotics.com", 28),
                 ("www.acme-robotics.com", 28)]).save(image)
    done = _fieldsales(str(image), "--lang", "eng+chi_sim", "--json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1
    data = json.loads(done.stdout)
    assert set(data) == KEYS
    assert data["name"] == "Jane Doe"
    assert data["phones"] == ["+14155550134"]
    assert data["phone_kinds"] == ["mobile"]
    assert data["emails"] == ["jane.doe@acme-robotics.com"]
    assert data["website"] == "www.acme-robotics.com"
    assert data["address"] is None
    assert all(0.0 <= value <= 1.0 for value in data["confidence"].values())
    assert "Jane Doe" in data["lines"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"%PDF-1.7 not a picture", "not an image"),
     (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "")],
    ids=["empty", "text", "broken-png"],
)
def test_bad_input_exits_non_zero_with_a_message(tmp_path: Path, content: bytes,
                                                 message: str) -> None:
    image = tmp_path / "card.jpg"
    image.write_bytes(content)
    done = _fieldsales(str(image), "--json")
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.startswith("scan-card: ")
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_file_and_unknown_language(tmp_path: Path) -> None:
    done = _fieldsales(str(tmp_path / "nope.jpg"), "--json")
    assert done.returncode != 0
    assert "does not exist" in done.stderr
    image = tmp_path / "card.png"
    render_card([("Jane Doe", 64)]).save(image)
    done = _fieldsales(str(image), "--lang", "klingon", "--json")
    assert done.returncode != 0
    assert done.stdout == ""
    assert "klingon" in done.stderr
