"""Phone numbers on cards: region guessing, OCR repair and E.164 parsing."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType

from ocr.fields import PhoneKind

DEFAULT_REGION = "US"
#: Chinese *text*: two characters in a row; a lone one is often an icon misread.
_CJK_TEXT = re.compile(r"[\u3400-\u9fff]{2}")
_COUNTRY_CODE = re.compile(r"(?:^|[^\d])\(?\+\s*\(?(\d{1,3})\)?[\s.\-(]")
#: Characters a phone number is printed with, plus the letters OCR mistakes digits for.
_CANDIDATE = re.compile(r"[+(]?[\dOoIl|SB][\dOoIl|SB()\-./ ]{5,}[\dOoIl|SB)]")
_CONFUSIONS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5",
                             "B": "8"})
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("CN", re.compile(r"\bChina\b|\bP\.?R\.?C\b|中国", re.IGNORECASE)),
    ("GB", re.compile(r"\bUnited Kingdom\b|\bUK\b|\bEngland\b|\bScotland\b|\bLondon\b|"
                      r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")),
    ("DE", re.compile(r"\bGermany\b|\bDeutschland\b|GmbH|straße|strasse|\bMünchen\b|"
                      r"\bBerlin\b|\bHamburg\b", re.IGNORECASE)),
)
_TYPES: dict[int, PhoneKind] = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "office",
}


def guess_region(texts: Sequence[str]) -> str:
    """The card's country for numbers printed without "+": explicit country codes first,
    then Chinese text or country words, else the US."""
    joined = "\n".join(texts)
    codes = Counter(
        region
        for code in _COUNTRY_CODE.findall(joined)
        if (region := phonenumbers.region_code_for_country_code(int(code))) != "ZZ"
    )
    if codes:
        return codes.most_common(1)[0][0]
    if _CJK_TEXT.search(joined):
        return "CN"
    for region, cue in _CUES:
        if cue.search(joined):
            return region
    return _region_by_numbers(joined)


def _region_by_numbers(text: str) -> str:
    """No cue in the words: the country whose numbering plan makes the most of the card's
    numbers valid ("(0755) 3710 8410" is no US number); the US on a tie."""
    repaired = repair(text)
    counts = {region: len(_match(repaired, region, Leniency.VALID))
              for region in (DEFAULT_REGION, "CN", "GB", "DE")}
    best = max(counts, key=lambda region: counts[region])
    return best if counts[best] > counts[DEFAULT_REGION] else DEFAULT_REGION


#: A comma between digit groups followed by too few digits to be a number of its own
#: (a second number after a comma keeps the comma).
_MISREAD_COMMA = re.compile(r"(?<=\d)\s*[,;]\s*(?=\d[\d .\-]{0,5}(?:$|[^\d .\-]))")


def repair(text: str) -> str:
    """Replace letters OCR confuses with digits, only inside runs that are clearly numbers
    (at least six real digits), so words like "Suite" are never touched."""

    def fix(match: re.Match[str]) -> str:
        span = match.group()
        if sum(ch.isdigit() for ch in span) < 6:
            return span
        return span.translate(_CONFUSIONS)

    return _CANDIDATE.sub(fix, text)


#: "+" and a country code with one glyph OCR could not read as a digit ("+#6-153-…").
_BLURRED_CODE = re.compile(r"\+\s?(?P<code>[\d#*%&$?]{1,3})(?=[\s\-.(])")


def repair_country_code(text: str, region: str) -> str:
    """Read a country code with one unreadable glyph as the card's own when its other
    digits agree ("+#6" on a Chinese card is "+86"); whether the rest then makes a
    valid number is left to the caller's parsing."""
    own = str(phonenumbers.country_code_for_region(region))

    def fix(match: re.Match[str]) -> str:
        code = match.group("code")
        unreadable = [i for i, ch in enumerate(code) if not ch.isdigit()]
        agrees = len(code) == len(own) and all(
            a == b for i, (a, b) in enumerate(zip(code, own, strict=True)) if i not in unreadable)
        if len(unreadable) != 1 or not agrees:
            return match.group()
        return match.group().replace(code, own)

    return _BLURRED_CODE.sub(fix, text)


def find_phones(text: str, region: str, labelled: bool) -> list[tuple[str, PhoneKind]]:
    """E.164 numbers in ``text`` with the kind the numbering plan suggests.

    Unlabelled text must hold a *valid* number (so postcodes and street numbers don't
    pass); after a "Tel:" label a merely possible one is accepted.
    """
    repaired = repair_country_code(repair(text), region)
    if labelled:
        # After "M:" the whole value is one number: a comma between digit groups is a
        # dot or a space misread ("+1.305.349, 7359").
        repaired = _MISREAD_COMMA.sub(" ", repaired)
    leniency = Leniency.POSSIBLE if labelled else Leniency.VALID
    found = _match(repaired, region, leniency)
    if not found and region != DEFAULT_REGION:
        found = []
    if not found:
        # A national number of another country than guessed ("020 7946 0958" on a card
        # whose other cues were missed): try the usual suspects, valid numbers only.
        for other in ("CN", "GB", "DE", "US"):
            if other != region:
                found = _match(repaired, other, Leniency.VALID)
                if found:
                    break
    return found


def _placeholder(number: phonenumbers.PhoneNumber) -> bool:
    """"000 0000 0000" is no one's number: a glyph the font lacks (a box, read as "0")
    repeated, or a placeholder printed on a sample card."""
    return len(set(str(number.national_number))) <= 1


def _match(text: str, region: str, leniency: int) -> list[tuple[str, PhoneKind]]:
    results: list[tuple[str, PhoneKind]] = []
    for match in PhoneNumberMatcher(text, region, leniency=leniency):
        number = match.number
        digits = sum(ch.isdigit() for ch in match.raw_string)
        if digits < 7 or _placeholder(number):
            continue
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        kind = _TYPES.get(phonenumbers.number_type(number), "other")
        results.append((e164, kind))
    return results
