"""Every error the services can raise reads as a sentence, in English and in Chinese.

The codes are collected by reading the source of app/, sync/ and ocr/ (every ``raise`` of an
AppError or SyncError family class, every RowIssue, the OCR codes): a new code without a
sentence in ui.errors, or a new field without a label in ui.labels, fails here.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import typing
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from app.exchange.fields import ENTITY_FIELDS
from app.pool import ClaimRefusal
from app.services.activities import ActivityInput
from app.services.cards import CardDraft
from app.services.contacts import ContactInput
from app.services.customers import CustomerInput
from app.services.opportunities import OpportunityInput
from ocr.errors import ErrorCode as OcrCode
from sync.protocol import ErrorCode
from ui import errors, labels
from ui.i18n import I18N_DIR, compile_ts

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("app", "sync", "ocr")

# Codes taken from a value the scanner cannot follow: (file, expression) → the codes it holds.
# A new such place fails test_the_scan_resolves_every_code until it is listed here.
DYNAMIC: dict[tuple[str, str], set[str]] = {
    ("app/services/pool.py", "refusal.value"): {r.value for r in ClaimRefusal},
    # CompanyIndex.customer_for's problems (the dict in the same call names each one).
    ("app/exchange/importer.py", "problem"): {"required", "customer_not_found",
                                              "customer_ambiguous"},
    # The server's 429 codes (sync.server.app: locked, rate_limited).
    ("sync/client/engine.py", "str(code or 'rate_limited')"): {ErrorCode.LOCKED.value,
                                                              ErrorCode.RATE_LIMITED.value},
    # The server's row issues carry app.exchange.products' codes, collected from app/.
    ("sync/client/catalog_upload.py", "str(i.get('code', ''))"): set(),
}

# Every input the services validate, whose field names an error can carry.
INPUTS = (CustomerInput, ContactInput, OpportunityInput, ActivityInput, CardDraft)

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Codes:
    app: dict[str, set[str]] = field(default_factory=dict)  # code → where it is raised
    sync: dict[str, set[str]] = field(default_factory=dict)
    ocr: set[str] = field(default_factory=set)
    fields: dict[str, set[str]] = field(default_factory=dict)  # field → where
    unresolved: list[str] = field(default_factory=list)

    def add(self, table: dict[str, set[str]], code: str, where: str) -> None:
        table.setdefault(code, set()).add(where)


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _subclasses(trees: dict[str, ast.Module], root: str) -> set[str]:
    """``root`` and every class deriving from it, by name, across the scanned packages."""
    found = {root}
    grew = True
    while grew:
        grew = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in found and any(
                        _name(b) in found for b in node.bases):
                    found.add(node.name)
                    grew = True
    return found


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)}


def _parents(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def _assigned(call: ast.Call, name: str, parents: dict[ast.AST, ast.AST]) -> set[str]:
    """The string constants assigned to ``name`` in the function around ``call``."""
    scope: ast.AST = call
    while scope in parents and not isinstance(scope, ast.FunctionDef):
        scope = parents[scope]
    values: set[str] = set()
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            values |= _strings(node.value)
    return values


def _resolve(expr: ast.expr | None, call: ast.Call, path: str,
             parents: dict[ast.AST, ast.AST], codes: Codes) -> set[str]:
    """The codes an argument can hold; a code re-raised from a caught error (``exc.code``)
    was collected where it was first raised."""
    if expr is None:
        return set()
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    source = ast.unparse(expr)
    if (path, source) in DYNAMIC:
        return DYNAMIC[path, source]
    if isinstance(expr, ast.Attribute) and expr.attr == "code":
        return set()
    if isinstance(expr, ast.Name):
        values = _assigned(call, expr.id, parents)
        if values:
            return values
    codes.unresolved.append(f"{path}:{call.lineno} {source}")
    return set()


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    return call.args[position] if len(call.args) > position else None


def _field_base(expr: ast.expr | None) -> str | None:
    """"phones[2]" → "phones", "lines[0].product" → "lines"; f-strings by their literal head."""
    text: object = None
    if isinstance(expr, ast.Constant):
        text = expr.value
    elif isinstance(expr, ast.JoinedStr) and expr.values and isinstance(
            expr.values[0], ast.Constant):
        text = expr.values[0].value
    match = re.match(r"[A-Za-z_]+", text) if isinstance(text, str) else None
    return match.group(0) if match else None


def scan() -> Codes:
    trees = {str(p.relative_to(ROOT)): ast.parse(p.read_text(encoding="utf-8"), str(p))
             for package in SCANNED for p in sorted((ROOT / package).rglob("*.py"))}
    app_errors = _subclasses(trees, "AppError")
    sync_errors = _subclasses(trees, "SyncError")
    codes = Codes(ocr=set(typing.get_args(OcrCode)))
    for path, tree in trees.items():
        parents = _parents(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in sync_errors:
                for statement in node.body:
                    if isinstance(statement, ast.Assign) and any(
                            _name(t) == "code" for t in statement.targets):
                        for code in _strings(statement.value):
                            codes.add(codes.sync, code, f"{path}:{node.name}")
            if not isinstance(node, ast.Call):
                continue
            where = f"{path}:{node.lineno}"
            called = _name(node.func)
            if called in app_errors:
                for code in _resolve(_argument(node, 0, "code"), node, path, parents, codes):
                    codes.add(codes.app, code, where)
                base = _field_base(_argument(node, 1, "field"))
                if base:
                    codes.add(codes.fields, base, where)
            elif called in sync_errors:
                for code in _resolve(_argument(node, 1, "code"), node, path, parents, codes):
                    codes.add(codes.sync, code, where)
            elif called == "RowIssue":
                for code in _resolve(_argument(node, 2, "code"), node, path, parents, codes):
                    codes.add(codes.app, code, where)
            elif called == "OcrError":
                codes.ocr |= _resolve(_argument(node, 0, "code"), node, path, parents, codes)
    for spec in (s for specs in ENTITY_FIELDS.values() for s in specs):
        codes.add(codes.fields, spec.key, "app/exchange/fields.py")
    for data in INPUTS:
        for f in fields(data):
            codes.add(codes.fields, f.name, data.__name__)
    return codes


@pytest.fixture(scope="module")
def codes() -> Codes:
    return scan()


@pytest.fixture
def chinese(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The app's Chinese translation, compiled from the .ts as it is now."""
    qm = tmp_path / "zh.qm"
    assert compile_ts(I18N_DIR / "fieldsales_zh_CN.ts", qm), "pyside6-lrelease failed"
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def _missing(table: dict[str, set[str]], sentence: typing.Callable[[str], str | None]) -> str:
    return "\n".join(f"{code} (raised at {sorted(where)[0]})"
                     for code, where in sorted(table.items()) if sentence(code) is None)


def test_the_scan_resolves_every_code(codes: Codes) -> None:
    assert not codes.unresolved, "codes the scan cannot follow: add them to DYNAMIC\n" + \
        "\n".join(codes.unresolved)
    # The scan sees the codes that were once shown as "Something went wrong (code)".
    assert {"not_mergeable", "nothing_to_merge", "max_protected", "wrong_key",
            "password_required", "keyring_failed", "encryption_failed", "migration_failed",
            "empty_period", "file_too_large", "disk_full", "daily_limit",
            "customer_ambiguous", "sku_repeated"} <= set(codes.app)
    assert {"offline", "unauthorized", "locked", "forbidden", "too_large", "invalid",
            "wiped", "cancelled"} <= set(codes.sync)
    assert "tesseract_missing" in codes.ocr
    assert {"email", "mobile", "file", "department", "wechat_id", "phones"} <= set(
        codes.fields)


def test_every_app_error_code_has_a_sentence(codes: Codes) -> None:
    missing = _missing(codes.app, lambda c: errors.app_sentence(c, {}))
    assert not missing, "AppError codes without a sentence in ui/errors.py:\n" + missing


def test_every_sync_error_code_has_a_sentence(codes: Codes) -> None:
    missing = _missing(codes.sync, lambda c: errors.sync_sentence(c, {}))
    assert not missing, "SyncError codes without a sentence in ui/errors.py:\n" + missing


def test_every_ocr_error_code_has_a_sentence(codes: Codes) -> None:
    assert [c for c in sorted(codes.ocr) if errors.ocr_sentence(c, {}) is None] == []


def test_every_field_an_error_can_name_has_a_label(codes: Codes) -> None:
    unlabelled = [f for f in sorted(codes.fields)
                  if labels.field_name(f) == f.replace("_", " ")]
    assert unlabelled == []


def test_no_code_means_two_things_in_the_app_catalogue(codes: Codes) -> None:
    """A code answered by two groups would silently take the first group's sentence."""
    twice = {code: [g.__name__ for g in errors.APP_CATALOGUE if g(code, {}) is not None]
             for code in codes.app}
    assert {code: groups for code, groups in twice.items() if len(groups) > 1} == {}


def test_sentences_instead_of_codes_and_exception_text() -> None:
    from app.errors import StorageError, ValidationError
    from sync.client.errors import AuthError

    assert errors.message_for(ValidationError("required", field="email")) == (
        "Email: This field is required.")
    assert errors.message_for(ValidationError("phone_invalid", field="phones[1]")) == (
        "Phone numbers: This phone number is not valid. Check the digits and the country code.")
    assert errors.message_for(ValidationError("quantity_not_positive",
                                              field="lines[2].quantity")) == (
        "Line 3: Enter a quantity greater than zero.")
    # Whole-record sentences carry no field label.
    assert errors.message_for(ValidationError("nothing_to_merge", field="others")) == (
        "Choose at least one other record to merge.")
    storage = StorageError("migration_failed", message="could not upgrade: boom")
    assert "boom" not in errors.message_for(storage)
    assert "boom" in errors.details_for(storage)  # kept for support
    locked = AuthError("account locked for 300 s", code="locked")
    assert errors.message_for(locked).startswith("This account is locked")
    assert errors.message_for(OSError(13, "Permission denied")).startswith("A file could not")
    required = ValidationError("required_column_missing", field="full_name",
                               fields=["full_name", "industry"])
    assert errors.message_for(required) == (
        "Choose a column for every required field: Company name, Industry.")


@pytest.mark.usefixtures("chinese")
def test_every_sentence_and_label_reads_in_chinese(codes: Codes) -> None:
    untranslated = [code for code in sorted(codes.app)
                    if not _CJK.search(errors.app_sentence(code, {}) or "")]
    untranslated += [f"sync:{code}" for code in sorted(codes.sync)
                     if not _CJK.search(errors.sync_sentence(code, {}) or "")]
    untranslated += [f"ocr:{code}" for code in sorted(codes.ocr)
                     if not _CJK.search(errors.ocr_sentence(code, {}) or "")]
    untranslated += [f"field:{f}" for f in sorted(codes.fields)
                     if not _CJK.search(labels.field_name(f)) and f != "sku"]
    assert untranslated == []


@pytest.mark.usefixtures("chinese")
def test_chinese_messages_use_chinese_punctuation() -> None:
    from app.errors import ValidationError

    assert errors.message_for(ValidationError("required", field="email")) == (
        "邮箱：此字段为必填项。")
    assert errors.message_for(ValidationError("quantity_not_positive",
                                              field="lines[0].quantity")) == (
        "第 1 行：请输入大于零的数量。")
    assert labels.joined(["价格太高", "没有预算"]) == "价格太高、没有预算"


def test_lupdate_sees_every_catalogue_string(tmp_path: Path) -> None:
    """The catalogue's strings are literal translate() calls: regenerating the .ts with
    lupdate keeps them, and each has a finished translation in the shipped .ts."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    fresh = tmp_path / "fresh.ts"
    sources = [ROOT / "ui" / "errors.py", ROOT / "ui" / "labels.py",
               ROOT / "ui" / "quotes" / "messages.py"]
    subprocess.run([str(lupdate), *map(str, sources), "-ts", str(fresh)], check=True,
                   capture_output=True)
    seen = _messages(fresh)
    assert sum(1 for ctx, _s, _c in seen if ctx == "QuoteErrors") >= 20
    shipped = {key: text for key, (text, kind) in _entries(I18N_DIR / "fieldsales_zh_CN.ts")
               .items() if kind is None and text}
    assert sorted(k for k in seen if k not in shipped) == []


def _entries(path: Path) -> dict[tuple[str, str, str], tuple[str, str | None]]:
    result: dict[tuple[str, str, str], tuple[str, str | None]] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            result[key] = (translation.text or "", translation.get("type"))
    return result


def _messages(path: Path) -> set[tuple[str, str, str]]:
    return set(_entries(path))
