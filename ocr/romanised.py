"""Check Chinese names and trade names against their romanisation on the same card.

A card's e-mail and web addresses usually spell its Chinese in pinyin: "yucao@…" for
曹雨, "kairui.com" for 凯瑞光电. When the Chinese reading of a field disagrees with such
a spelling in one or two glyphs that Tesseract was not sure of, the syllable tells which
characters the glyph can be (the common ones read so, from ``hanzi_pinyin.txt``), and the
glyph's own image tells which of them it is (see :mod:`ocr.glyphs`). A glyph is changed
only when the whole name, or the whole run of the trade name, then spells the address.

pypinyin is optional here: without it (or without the index file) nothing is repaired.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ocr import glyphs
from ocr.fields import CardFields, OcrLine

log = logging.getLogger(__name__)

CJK = r"\u3400-\u9fff\uf900-\ufaff"
_IS_CJK = re.compile(f"[{CJK}]")

#: A glyph read at least this surely is never changed: Tesseract's sure readings of
#: Chinese are right far more often than an e-mail address follows the Chinese.
SURE_GLYPH = 0.9
#: At most this many glyphs of one name or trade name are changed.
MAX_CHANGES = 2
#: Romanised tokens shorter than this ("li", "ma") match too many runs by chance.
_MIN_TOKEN = 4
_INDEX_FILE = Path(__file__).with_name("hanzi_pinyin.txt")

#: Given a glyph's position in the field and the characters it may be (the one read
#: first), the character its image shows best, or None when none is clearly better.
Judge = Callable[[int, Sequence[str]], str | None]


@dataclass(frozen=True, slots=True)
class Suspect:
    """A glyph of a field whose reading does not spell ``syllable``."""

    position: int
    syllable: str


# --- pinyin ------------------------------------------------------------------------------


@functools.cache
def _index() -> dict[str, str]:
    """Syllable -> the common characters read so (empty when the file is missing)."""
    try:
        text = _INDEX_FILE.read_text(encoding="utf-8")
    except OSError:
        log.warning("%s is missing: names are not checked against e-mails", _INDEX_FILE)
        return {}
    rows = (line.split("\t") for line in text.splitlines() if not line.startswith("#"))
    return {row[0]: row[1] for row in rows if len(row) == 2}


@functools.cache
def readings(char: str) -> frozenset[str]:
    """Every toneless pinyin reading of ``char``; empty without pypinyin."""
    try:
        from pypinyin import Style, pinyin
    except ImportError:  # optional: without it the check is skipped
        return frozenset()
    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(s for s in (found[0] if found else []) if s.isascii() and s.isalpha())


def candidates(syllable: str) -> str:
    """The common characters read as ``syllable``."""
    return _index().get(syllable, "")


def available() -> bool:
    return bool(_index()) and bool(readings("中"))


# --- romanised evidence ------------------------------------------------------------------


def name_tokens(emails: Iterable[str]) -> set[str]:
    """Mail local parts as a name may be spelt in them: "yu.cao" and "yucao" -> "yucao"."""
    tokens = set()
    for email in emails:
        local = email.partition("@")[0].lower()
        if "@" in email and re.fullmatch(r"[a-z]+(?:[._-][a-z]+)?", local):
            tokens.add(re.sub(r"[._-]", "", local))
    return {t for t in tokens if len(t) >= _MIN_TOKEN}


def domain_tokens(emails: Iterable[str], website: str | None) -> set[str]:
    """The words of the card's mail and web domains ("kairui-optoel.cn" -> "kairui",
    "optoel"): a Chinese company's domain is usually its trade name in pinyin."""
    hosts = [e.partition("@")[2] for e in emails]
    if website:
        hosts.append(re.sub(r"(?i)^https?://", "", website).split("/")[0])
    tokens = set()
    for host in hosts:
        labels = host.lower().removeprefix("www.").split(".")
        if len(labels) >= 2:
            tokens.update(re.split(r"-", labels[0]))
    return {t for t in tokens if len(t) >= _MIN_TOKEN and t.isalpha()}


# --- matching ----------------------------------------------------------------------------


def _spellings(token: str, glyphs: str, confidences: Sequence[float]
               ) -> list[tuple[Suspect, ...]]:
    """The ways ``glyphs`` can spell ``token`` one syllable a glyph, each given as the
    glyphs that must change (not sure ones, at most :data:`MAX_CHANGES`, each to a
    syllable with common characters)."""
    results: list[tuple[Suspect, ...]] = []

    def walk(at: int, offset: int, changed: tuple[Suspect, ...]) -> None:
        if at == len(glyphs):
            if offset == len(token):
                results.append(changed)
            return
        own = readings(glyphs[at])
        for end in range(offset + 1, min(len(token), offset + 6) + 1):
            syllable = token[offset:end]
            if syllable in own:
                walk(at + 1, end, changed)
            elif len(changed) < MAX_CHANGES and confidences[at] < SURE_GLYPH \
                    and candidates(syllable):
                walk(at + 1, end, (*changed, Suspect(at, syllable)))

    walk(0, 0, ())
    return results


def name_suspects(name: str, confidences: Sequence[float], tokens: Iterable[str]
                  ) -> tuple[Suspect, ...] | None:
    """The glyphs of a Chinese name to change so that it is spelt by one of the mail
    local parts, given name first or family name first ("曹十" with "yucao": 十 -> yu).
    None when the name already matches, or when no one way with the fewest changes
    exists."""
    if not 2 <= len(name) <= 4 or not all(_IS_CJK.match(c) for c in name):
        return None
    orders = [(name, list(range(len(name))))]
    for cut in (1, 2):  # a family name of one or two glyphs, written after the given name
        if cut < len(name):
            order = list(range(cut, len(name))) + list(range(cut))
            orders.append(("".join(name[i] for i in order), order))
    found: set[tuple[Suspect, ...]] = set()
    for token in tokens:
        for spelt, order in orders:
            for changed in _spellings(token, spelt, [confidences[i] for i in order]):
                if not changed:
                    return None  # the name is spelt as read
                found.add(tuple(Suspect(order[s.position], s.syllable) for s in changed))
    if not found:
        return None
    # The fewest changes explain the spelling best ("曹十" as "yucao": 十 -> yu, not
    # 曹 -> yu and 十 -> cao).
    fewest = min(len(changed) for changed in found)
    best = [changed for changed in found if len(changed) == fewest]
    return best[0] if len(best) == 1 else None


def company_suspects(company: str, confidences: Sequence[float], tokens: Iterable[str]
                     ) -> list[tuple[Suspect, ...]]:
    """Runs of the company's glyphs that spell a domain word once one or two glyphs
    are changed ("杭州忆瑞光电…" with "kairui": 忆 -> kai), fewest changes first, as
    alternatives for the glyph images to decide between; a domain word that some run
    already spells gives none."""
    options: list[tuple[Suspect, ...]] = []
    for token in tokens:
        runs: list[tuple[int, tuple[Suspect, ...]]] = []
        for start, end in itertools.combinations(range(len(company) + 1), 2):
            run = company[start:end]
            if 2 <= len(run) <= len(token) // 2 and all(_IS_CJK.match(c) for c in run):
                runs.extend((start, s) for s in _spellings(token, run, confidences[start:end]))
        if any(not changed for _, changed in runs):
            continue  # spelt as read
        options += [tuple(Suspect(start + s.position, s.syllable) for s in changed)
                    for start, changed in runs]
    return sorted(options, key=len)  # the fewest changes first


def apply(text: str, suspects: Sequence[Suspect], judge: Judge) -> str | None:
    """``text`` with each suspect glyph replaced by the candidate ``judge`` picks; None
    unless the judge finds every one of them."""
    chars = list(text)
    for suspect in suspects:
        options = [c for c in candidates(suspect.syllable) if c != text[suspect.position]]
        picked = judge(suspect.position, [text[suspect.position], *options])
        if picked is None or picked == text[suspect.position]:
            return None
        chars[suspect.position] = picked
    return "".join(chars)


def repair_name(name: str, confidences: Sequence[float], emails: Iterable[str],
                judge: Judge) -> str:
    """The Chinese ``name`` with misread glyphs replaced after its mail spelling."""
    if not available():
        return name
    suspects = name_suspects(name, confidences, name_tokens(emails))
    if not suspects:
        return name
    return apply(name, suspects, judge) or name


def repair_company(company: str, confidences: Sequence[float], emails: Iterable[str],
                   website: str | None, judge: Judge) -> str:
    """The Chinese ``company`` with its trade name repaired after the card's domain; of
    several ways to do it, the first whose glyphs the judge confirms."""
    if not available():
        return company
    for suspects in company_suspects(company, confidences, domain_tokens(emails, website)):
        fixed = apply(company, suspects, judge)
        if fixed is not None:
            return fixed
    return company


# --- on a scanned card -------------------------------------------------------------------


def repair_card(fields: CardFields, lines: Sequence[OcrLine], gray: np.ndarray) -> CardFields:
    """``fields`` with the Chinese name and company checked against the card's mail and
    web addresses; ``lines`` are the OCR lines the fields came from, on ``gray``."""
    if not (fields.emails or fields.website) or not available():
        return fields
    if glyphs.chinese_font() is None:
        return fields
    name, company = fields.name, fields.company
    if name and _IS_CJK.search(name):
        found = _locate(name, lines)
        if found:
            name = repair_name(name, found.confidences, fields.emails, found.judge(gray))
    if company and _IS_CJK.search(company):
        found = _locate(company, lines)
        if found:
            company = repair_company(company, found.confidences, fields.emails,
                                     fields.website, found.judge(gray))
    if (name, company) == (fields.name, fields.company):
        return fields
    log.debug("romanisation repaired %r -> %r, %r -> %r", fields.name, name,
              fields.company, company)
    return replace(fields, name=name, company=company)


@dataclass(frozen=True, slots=True)
class _Located:
    """Where a field's characters are in the line it was read from."""

    line: OcrLine
    positions: tuple[int, ...]  # per field character, its index among the line's glyphs
    confidences: tuple[float, ...]  # per field character, Tesseract's confidence

    def judge(self, gray: np.ndarray) -> Judge:
        shapes: list[list[np.ndarray | None]] = []

        def pick(position: int, options: Sequence[str]) -> str | None:
            if not shapes:
                shapes.append(glyphs.line_shapes(gray, self.line.box, self.line.text))
            index = self.positions[position]
            shape = shapes[0][index] if index < len(shapes[0]) else None
            return glyphs.pick(shape, options) if shape is not None else None

        return pick


def _locate(text: str, lines: Sequence[OcrLine]) -> _Located | None:
    """The line ``text`` was read from, when each of its characters can be placed in it
    (a character the parser repaired counts as placed where the original stood)."""
    best: _Located | None = None
    for line in lines:
        chars = "".join(line.text.split())
        confidences = [w.confidence for w in line.words for c in w.text if not c.isspace()]
        if len(confidences) != len(chars):
            continue  # words and text disagree: no safe way to place the glyphs
        positions: list[int | None] = [None] * len(text)
        matcher = difflib.SequenceMatcher(None, chars, text, autojunk=False)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag in ("equal", "replace") and a1 - a0 == b1 - b0:
                for k in range(b1 - b0):
                    positions[b0 + k] = a0 + k
        if any(p is None for p in positions) or matcher.ratio() < 0.8:
            continue
        placed = tuple(p for p in positions if p is not None)
        if best is None or len(line.text) < len(best.line.text):
            best = _Located(line, placed, tuple(confidences[p] for p in placed))
    return best
