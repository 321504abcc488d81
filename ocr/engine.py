"""Run Tesseract and group its words into lines with their layout."""

from __future__ import annotations

import logging
import os
import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np
import pytesseract
from PIL import Image

from ocr.errors import OcrError
from ocr.fields import Box, OcrLine, OcrWord
from ocr.layout import ROW_HEIGHT, Segment, build_montage, find_segments

log = logging.getLogger(__name__)

DEFAULT_LANG = "eng+chi_sim"
#: psm 3 (automatic layout) keeps a two-column card's columns apart; sparse text (psm 11)
#: loses the reading order that multi-line addresses need.
DEFAULT_PSM = 3
#: A Latin reading of a doubtful line below this mean word confidence, even after the
#: mixed-language retry, gets one last read by the second language's model alone.
_UNSURE = 0.6
#: ... and the Chinese model's reading replaces it only when at least this sure.
_CONFIDENT = 0.55
#: Chinese lines get a second look by the Chinese model at a smaller scale: its slips on
#: dense glyphs (武侯 read as 武候, 曹雨 as 曹十) differ from scale to scale, so a vote
#: of two readings, character by character, beats either alone.
_CJK_SECOND_ROW_HEIGHT = 36
_MIN_WORD_CONFIDENCE = 0.0  # -1 marks Tesseract's non-word rows; low ones are kept and scored

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_CJK_PUNCT_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[0-9A-Za-z（）()：:，,])|"
                            rf"(?<=[0-9A-Za-z（）()：:，,])\s+(?=[{_CJK}])")


def _ensure_single_thread() -> None:
    """Tesseract's OpenMP threads fight each other on small machines: on two cores one
    eng+chi_sim page took 11 s with the default and 1.6 s with one thread. The UI runs
    OCR in its own executor, so one thread per call is the right default."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def check_tesseract(lang: str = DEFAULT_LANG) -> None:
    """Raise ``tesseract_missing`` unless Tesseract and every language in ``lang`` exist."""
    try:
        available = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise OcrError(
            "tesseract_missing",
            "Tesseract OCR is not installed (install tesseract-ocr with the eng and "
            "chi_sim languages).",
        ) from exc
    missing = [code for code in lang.split("+") if code not in available]
    if missing:
        raise OcrError(
            "tesseract_missing",
            f"Tesseract has no language data for {', '.join(missing)}.",
        )


def read_card(card: Image.Image, lang: str = DEFAULT_LANG) -> list[OcrLine]:
    """OCR a normalised card ("L", dark on light) line by line via a montage.

    With ``eng+chi_sim`` the montage is read in English first and only the doubtful lines
    are read again in Chinese: one combined pass costs 1.5-2x as much on every line, and
    most lines on most cards are Latin. Boxes in the result are on ``card``. Falls back to
    Tesseract's own layout analysis when no line segments are found.
    """
    gray = np.asarray(card.convert("L"), dtype=np.uint8)
    boxes = find_segments(gray)
    if not boxes:
        return read_lines(card, lang)
    languages = lang.split("+")
    first, others = languages[0], "+".join(languages[1:])
    lines = _read_segments(gray, boxes, first)
    _reread_blank_web_lines(gray, boxes, lines, first)
    if others:
        doubtful = [i for i, line in enumerate(lines) if line is None or _doubtful(line)]
        # Mixed lines ("手机/Mob: 138…") need both models, word by word.
        _reread(gray, boxes, lines, doubtful, f"{others}+{first}")
        # With both models loaded Tesseract sometimes keeps a Latin reading of a large
        # Chinese name ("宋敏" as "ARB", 42 % sure); the Chinese model alone reads it. It
        # reads Latin text worse, so only a confident, mostly Chinese reading may replace
        # a line (a doubtful one is as likely a look-alike: "孙鹏" read as "孙脑", 46 %).
        unsure = [i for i in doubtful if _unsure_latin(lines[i])]
        _reread(gray, boxes, lines, unsure, others, accept=_confident_cjk)
        _vote_cjk_lines(gray, boxes, lines, others)
    return [line for line in lines if line is not None]


#: Row height for the raw-line retry of a segment read as nothing: smaller than the
#: montage's, as blurred italic print reads better when it is not enlarged.
_RAW_LINE_ROW_HEIGHT = 36
_WEB_SHAPED = re.compile(r"[A-Za-z]{2,}\.[A-Za-z]{2,}")


def _reread_blank_web_lines(gray: np.ndarray, boxes: list[Box], lines: list[OcrLine | None],
                            lang: str) -> None:
    """Read each line-shaped segment Tesseract found nothing in once more on its own,
    as one line (psm 7) and then as a raw line (psm 13), and keep the first reading
    shaped like a web or mail address.

    A blurred italic "W: www.example.com" line is sometimes dropped whole by the block
    layout (psm 6); on its own, one of the line modes still reads it (the raw-line mode
    reads blurred print that the line mode drops, and garbles clean print the line mode
    reads). Only address-shaped text is kept, as such readings of logos and specks are
    noise; the parser repairs the host against the card's mail domain.
    """
    for i, line in enumerate(lines):
        if line is not None or boxes[i].width < 4 * boxes[i].height:
            continue  # read, or no line's shape (an icon, a logo)
        montage, segments = build_montage(gray, [boxes[i]], _RAW_LINE_ROW_HEIGHT)
        for psm in (7, 13):
            retry = _lines_from_segments(_tesseract_words(montage, lang, psm=psm), segments)[0]
            if retry is not None and _WEB_SHAPED.search(retry.text):
                lines[i] = retry
                break


def _vote_cjk_lines(gray: np.ndarray, boxes: list[Box], lines: list[OcrLine | None],
                    lang: str) -> None:
    """Read the mostly-Chinese lines once more with ``lang`` alone at a smaller scale
    and keep, glyph by glyph, the more confident reading (see :func:`vote_lines`)."""
    indexes = [i for i, line in enumerate(lines) if line is not None and _mostly_cjk(line.text)]
    if not indexes:
        return
    second = _read_segments(gray, [boxes[i] for i in indexes], lang, _CJK_SECOND_ROW_HEIGHT)
    for i, other in zip(indexes, second, strict=True):
        first = lines[i]
        if first is not None and other is not None and _mostly_cjk(other.text):
            lines[i] = vote_lines([first, other])


def vote_lines(readings: Sequence[OcrLine]) -> OcrLine:
    """Combine readings of one line glyph by glyph.

    Chinese is read one glyph per word, each with its confidence. When the readings
    hold as many glyphs as one another, each position keeps the glyph with the highest
    summed confidence, so a glyph misread in one reading is outvoted by surer readings
    of it in the others; readings that disagree on the length (a bracket read as two
    glyphs) are not comparable glyph by glyph, and the most confident one is kept.
    """
    best = max(readings, key=lambda line: line.confidence)
    glyphs = [_glyphs(line) for line in readings]
    if len({len(g) for g in glyphs}) != 1:
        return best
    chosen: list[tuple[str, float]] = []
    for slot in zip(*glyphs, strict=True):
        support: dict[str, float] = defaultdict(float)
        for char, confidence in slot:
            support[char] += confidence
        char = max(support, key=lambda c: support[c])
        chosen.append((char, max(conf for c, conf in slot if c == char)))
    words, position = [], 0
    for word in best.words:
        size = len(word.text.replace(" ", ""))
        picked = chosen[position:position + size]
        position += size
        words.append(OcrWord("".join(c for c, _ in picked), word.box,
                             min((conf for _, conf in picked), default=word.confidence)))
    line = _make_line(words)
    return OcrLine(line.text, best.box, best.height, line.confidence, line.words)


def _glyphs(line: OcrLine) -> list[tuple[str, float]]:
    return [(char, word.confidence) for word in line.words for char in word.text
            if not char.isspace()]


def _reread(gray: np.ndarray, boxes: list[Box], lines: list[OcrLine | None],
            indexes: list[int], lang: str,
            accept: Callable[[OcrLine], bool] = lambda _: True) -> None:
    """Read the segments at ``indexes`` again in ``lang``; keep the better reading."""
    if not indexes:
        return
    retry = _read_segments(gray, [boxes[i] for i in indexes], lang)
    for i, line in zip(indexes, retry, strict=True):
        if line is None or accept(line):
            lines[i] = _better(lines[i], line)


def _read_segments(gray: np.ndarray, boxes: list[Box], lang: str,
                   row_height: int = ROW_HEIGHT) -> list[OcrLine | None]:
    montage, segments = build_montage(gray, boxes, row_height)
    words = _tesseract_words(montage, lang, psm=6)
    return _lines_from_segments(words, segments)


def _doubtful(line: OcrLine) -> bool:
    """A Latin reading that may be Chinese: low confidence, very short (eng reads a large
    two-character name as "FAS" with high confidence), or too few letters for the
    segment's width (Chinese glyphs are square, Latin ones about half as wide)."""
    if line.confidence < 0.85 or min(w.confidence for w in line.words) < 0.6:
        return True
    letters = sum(1 for ch in line.text if not ch.isspace())
    return letters <= 3 or letters < 0.8 * line.box.width / max(1.0, line.height)


def _unsure_latin(line: OcrLine | None) -> bool:
    return line is None or (not _HAS_CJK.search(line.text) and line.confidence < _UNSURE)


def _confident_cjk(line: OcrLine) -> bool:
    return line.confidence >= _CONFIDENT and _mostly_cjk(line.text)


def _mostly_cjk(text: str) -> bool:
    letters = [ch for ch in text if ch.isalnum()]
    return bool(letters) and sum(1 for ch in letters if _HAS_CJK.match(ch)) * 2 >= len(letters)


def _better(first: OcrLine | None, second: OcrLine | None) -> OcrLine | None:
    if first is None or second is None:
        return first or second
    # Chinese readings of Latin text come back with lower confidence, and vice versa, so
    # the confidence decides; a small bonus for CJK text offsets eng's overconfidence on
    # short garbage like "IMB" for a two-character name.
    bonus = 0.1 if _HAS_CJK.search(second.text) else 0.0
    return second if second.confidence + bonus > first.confidence else first


def read_lines(image: Image.Image, lang: str = DEFAULT_LANG, psm: int = DEFAULT_PSM
               ) -> list[OcrLine]:
    """OCR ``image`` with Tesseract's layout analysis; lines top to bottom, image pixels."""
    return group_lines(_tesseract_data(image, lang, psm))


def _tesseract_data(image: Image.Image, lang: str, psm: int) -> dict[str, list[object]]:
    _ensure_single_thread()
    # pytesseract hands the image over as a temporary file in the image's own format,
    # PNG when it has none; an uncompressed BMP of the same pixels reads the same and
    # skips the PNG compression and decompression (0.1-0.2 s per call on two cores).
    image = image.copy()
    image.format = "BMP"
    try:
        data: dict[str, list[object]] = pytesseract.image_to_data(
            image, lang=lang, config=f"--oem 1 --psm {psm}",
            output_type=pytesseract.Output.DICT,
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrError("tesseract_missing", "Tesseract OCR is not installed.") from exc
    except pytesseract.TesseractError as exc:
        raise OcrError("unreadable", f"Tesseract failed: {exc.message}") from exc
    return data


def _tesseract_words(image: Image.Image, lang: str, psm: int) -> list[OcrWord]:
    return [w for line in group_lines(_tesseract_data(image, lang, psm)) for w in line.words]


def _lines_from_segments(words: list[OcrWord], segments: list[Segment]
                         ) -> list[OcrLine | None]:
    """Give each montage word to the row it sits in and map it back onto the card;
    None for a segment where Tesseract read nothing."""
    per_segment: dict[int, list[OcrWord]] = defaultdict(list)
    for word in words:
        middle = word.box.top + word.box.height / 2
        index = _segment_at(middle, segments)
        if index is not None:
            segment = segments[index]
            per_segment[index].append(OcrWord(word.text, segment.to_card(word.box),
                                              word.confidence))
    lines: list[OcrLine | None] = [None] * len(segments)
    for index, segment_words in per_segment.items():
        line = _make_line(segment_words)
        # The segment's ink height is the layout signal (Tesseract's word boxes vary
        # with the glyphs: "ace" is shorter than "Hg").
        lines[index] = OcrLine(line.text, segments[index].box, float(segments[index].box.height),
                               line.confidence, line.words)
    return lines


def _segment_at(y: float, segments: list[Segment]) -> int | None:
    best, best_distance = None, float("inf")
    for i, segment in enumerate(segments):
        if segment.row_top - 8 <= y <= segment.row_bottom + 8:
            distance = abs(y - (segment.row_top + segment.row_bottom) / 2)
            if distance < best_distance:
                best, best_distance = i, distance
    return best


def group_lines(data: dict[str, list[object]]) -> list[OcrLine]:
    """Turn ``image_to_data``'s word rows into lines (block, paragraph, line)."""
    groups: dict[tuple[int, int, int], list[OcrWord]] = defaultdict(list)
    for i, raw in enumerate(data["text"]):
        text = str(raw).strip()
        confidence = float(str(data["conf"][i]))
        if not text or confidence < _MIN_WORD_CONFIDENCE:
            continue
        key = (_int(data["block_num"][i]), _int(data["par_num"][i]), _int(data["line_num"][i]))
        box = Box(_int(data["left"][i]), _int(data["top"][i]),
                  _int(data["width"][i]), _int(data["height"][i]))
        groups[key].append(OcrWord(text, box, confidence / 100.0))
    lines = [_make_line(words) for words in groups.values()]
    return sorted(lines, key=lambda line: (line.box.top, line.box.left))


def _make_line(words: Sequence[OcrWord]) -> OcrLine:
    ordered = sorted(words, key=lambda w: w.box.left)
    box = ordered[0].box
    for word in ordered[1:]:
        box = box.union(word.box)
    return OcrLine(
        text=join_words([w.text for w in ordered]),
        box=box,
        height=statistics.median(w.box.height for w in ordered),
        confidence=statistics.fmean(w.confidence for w in ordered),
        words=tuple(ordered),
    )


def join_words(words: Sequence[str]) -> str:
    """Join words with spaces, except between Chinese characters, which Tesseract splits
    one per word but which are written without spaces."""
    text = " ".join(words)
    text = _CJK_GAP.sub("", text)
    return _CJK_PUNCT_GAP.sub("", text)


def _int(value: object) -> int:
    return int(str(value))
