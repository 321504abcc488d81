"""Business-card OCR accuracy and speed over the shared sample cards.

Runs the pipeline in-process over ``../shared/ocr-samples`` (or ``$FIELDSALES_OCR_SAMPLES``)
and compares with the ground truth the way the samples README says: phones as E.164 (read
in the card's region), emails lower-cased, websites without scheme / "www." / trailing
"/", text NFKC-normalised, case-folded, without punctuation or spaces; a field is right
when it equals the truth or one of its ``alt`` values. Department is not in the truth
schema: a distractor that reads like a department (…部, …中心, "… Department") is taken
as the card's department.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Row = tuple[str, str, str]

TEXT_FIELDS = ("name", "title", "company", "address", "department")
ALL_RIGHT = ("name", "title", "company", "phones", "emails", "website", "address")
TARGETS = {"emails": 0.95, "phones": 0.95, "website": 0.95, "name": 0.90, "company": 0.90,
           "title": 0.90, "address": 0.80, "department": 0.0}


LANGUAGES = {"en": "English", "zh": "Chinese", "bi": "bilingual"}
SHORT = {"emails": "email", "phones": "phone", "website": "web", "name": "name",
         "company": "company", "title": "title", "address": "addr"}


def samples_dir() -> Path:
    env = os.environ.get("FIELDSALES_OCR_SAMPLES")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "ocr-samples"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def f1(self) -> tuple[float, float, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class Tally:
    fields: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in TARGETS})
    all_right: int = 0
    cards: int = 0
    seconds: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def norm_text(value: str | None) -> str:
    text = unicodedata.normalize("NFKC", value or "").casefold()
    return re.sub(r"[\W_]+", "", text)


def norm_site(value: str | None) -> str:
    text = (value or "").strip().lower()
    text = re.sub(r"^https?://", "", text).removeprefix("www.")
    return text.rstrip("/")


def truth_department(truth: dict[str, Any]) -> str:
    for text in truth.get("distractors", []):
        if re.search(r"(部|中心)$", text) or re.search(r"\b(Department|Dept)\b", text):
            return str(text)
    return ""


def score_scalar(counts: Counts, predicted: str, truths: list[str]) -> bool:
    """One slot: right, a wrong value (fp+fn), a miss (fn) or an invention (fp)."""
    options = {t for t in truths if t}
    if predicted and predicted in options:
        counts.tp += 1
        return True
    if predicted:
        counts.fp += 1
    if options:
        counts.fn += 1
    return not predicted and not options


def score_set(counts: Counts, predicted: set[str], truth: set[str]) -> bool:
    counts.tp += len(predicted & truth)
    counts.fp += len(predicted - truth)
    counts.fn += len(truth - predicted)
    return predicted == truth


def compare(tally: Tally, card: str, got: dict[str, Any], truth: dict[str, Any]) -> None:
    import phonenumbers

    right: dict[str, bool] = {}
    alt = truth.get("alt", {})
    truth_values = {**{k: truth.get(k, "") for k in TEXT_FIELDS},
                    "department": truth_department(truth)}
    for key in TEXT_FIELDS:
        options = [norm_text(v) for v in [truth_values[key], *alt.get(key, [])]]
        right[key] = score_scalar(tally.fields[key], norm_text(got.get(key)), options)
    site_truth = [norm_site(truth.get("website"))]
    right["website"] = score_scalar(tally.fields["website"], norm_site(got.get("website")),
                                    site_truth)
    right["emails"] = score_set(tally.fields["emails"],
                                {e.lower() for e in got.get("emails", [])},
                                {e.lower() for e in truth.get("emails", [])})
    region = truth.get("region", "US")
    truth_phones = {phonenumbers.format_number(phonenumbers.parse(p, region),
                                               phonenumbers.PhoneNumberFormat.E164)
                    for p in truth.get("phones", [])}
    right["phones"] = score_set(tally.fields["phones"], set(got.get("phones", [])), truth_phones)
    if all(right[k] for k in ALL_RIGHT):
        tally.all_right += 1
    else:
        wrong = [k for k in ALL_RIGHT if not right[k]]
        tally.failures.append(f"{card}: {', '.join(wrong)}")


def run() -> list[Row]:
    folder = samples_dir()
    images = sorted(folder.glob("card_*.jpg")) if folder.is_dir() else []
    if not images:
        return [("ocr samples", f"not found at {folder}", "skipped")]
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from ocr import scan_card

    tally = Tally()
    by_language: dict[str, Tally] = {}
    for image in images:
        truth = json.loads(image.with_suffix(".json").read_text(encoding="utf-8"))
        started = time.perf_counter()
        got = scan_card(image).to_json_dict()
        seconds = time.perf_counter() - started
        language = LANGUAGES.get(truth.get("language", ""), str(truth.get("language", "?")))
        for target in (tally, by_language.setdefault(language, Tally())):
            target.seconds.append(seconds)
            target.cards += 1
            compare(target, image.stem, got, truth)
    if os.environ.get("FIELDSALES_BENCH_VERBOSE"):
        for failure in tally.failures:
            print(f"  wrong: {failure}", file=sys.stderr)
    language_rows = [row for name, sub in sorted(by_language.items())
                     for row in _language_rows(name, sub)]
    return [*_rows(tally), *language_rows, _cli_row(images[0])]


def _language_rows(language: str, tally: Tally) -> list[Row]:
    """The targets must hold per language too: one compact row of F1s, one of the rest."""
    scores = []
    for key, counts in tally.fields.items():
        if key == "department":
            continue
        f1 = counts.f1()[2]
        mark = "" if f1 >= TARGETS[key] else "!"
        scores.append(f"{SHORT[key]} {f1:.2f}{mark}")
    seconds = sorted(tally.seconds)
    return [
        (f"{language} ({tally.cards} cards) F1", " ".join(scores), "as above (! = missed)"),
        (f"{language} all 7 right / median s",
         f"{tally.all_right / tally.cards:.0%} / {statistics.median(seconds):.2f}",
         ">= 70% / < 1.5"),
    ]


def _rows(tally: Tally) -> list[Row]:
    rows: list[Row] = []
    for key, counts in tally.fields.items():
        precision, recall, f1 = counts.f1()
        target = f">= {TARGETS[key]:.2f}" if TARGETS[key] else "(reported)"
        rows.append((f"{key} F1 (P / R)", f"{f1:.3f} ({precision:.2f} / {recall:.2f})", target))
    share = tally.all_right / tally.cards
    rows.append(("cards with all 7 fields right", f"{share:.0%} of {tally.cards}", ">= 70%"))
    seconds = sorted(tally.seconds)
    p95 = seconds[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))]
    rows.append(("median s per card", f"{statistics.median(seconds):.2f}", "< 1.5"))
    rows.append(("p95 s per card", f"{p95:.2f}", "< 3"))
    return rows


def _cli_row(image: Path) -> Row:
    """The CLI contract: ``fieldsales scan-card IMAGE --json`` prints one JSON object with
    the documented keys."""
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-m", "ui.cli", "scan-card", str(image), "--json"],
                          cwd=root, capture_output=True, text=True, timeout=60, check=False)
    keys = {"name", "title", "company", "department", "phones", "phone_kinds", "emails",
            "website", "address", "confidence", "lines"}
    try:
        ok = done.returncode == 0 and set(json.loads(done.stdout)) == keys
    except json.JSONDecodeError:
        ok = False
    return ("CLI scan-card --json contract", "ok" if ok else f"FAILED rc={done.returncode}", "ok")
