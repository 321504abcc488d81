"""Data-standard checks (BUSINESS-RULES §5.1): phones, e-mail, USCC, websites, text.

Every function is pure and either returns the normalised value or raises
:class:`app.errors.ValidationError` with a stable ``code`` and the ``field`` it concerns, so
the UI can translate the message and point at the right input. Each takes a ``field``
argument because one check serves several inputs (``mobile``, ``phone``, ``fax`` …).

Codes: ``required``, ``too_long``, ``control_characters``, ``phone_unparseable``,
``phone_invalid``, ``unknown_region``, ``email_invalid``, ``uscc_length``, ``uscc_charset``,
``uscc_check_digit``, ``website_invalid``, ``website_scheme``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from app.errors import ValidationError


def _words(text: str) -> tuple[str, ...]:
    """Whitespace-separated words: keeps long word lists compact and readable."""
    return tuple(text.split())


PhoneKind = Literal["mobile", "fixed_line", "other"]

# Far longer than any phone number with an extension; stops pathological input early.
_MAX_PHONE_LEN = 64
# RFC 5321 limits a path to 256 octets, so an address is at most 254 characters.
_MAX_EMAIL_LEN = 254
_MAX_URL_LEN = 2048


# --- text ---------------------------------------------------------------------------------


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def require_text(value: str | None, field: str, max_len: int, *, multiline: bool = False) -> str:
    """The stripped text, or ``required`` / ``too_long`` / ``control_characters``.

    Length counts code points after NFC, which is what a reader sees as characters.
    Control characters are refused because they come from bad pastes and break exports;
    ``multiline`` fields (notes) may keep line breaks and tabs.
    """
    text = _blank_to_none(value)
    if text is None:
        raise ValidationError("required", field)
    text = unicodedata.normalize("NFC", text)
    allowed = "\n\r\t" if multiline else ""
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text):
        raise ValidationError("control_characters", field)
    if len(text) > max_len:
        raise ValidationError("too_long", field, max_len=max_len, length=len(text))
    return text


# --- phones -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A phone number as stored: E.164 plus the extension, which E.164 cannot hold."""

    e164: str
    extension: str | None
    kind: PhoneKind
    region: str | None

    def __str__(self) -> str:
        return f"{self.e164} ext. {self.extension}" if self.extension else self.e164


# Chinese and English extension markers, rewritten to a form phonenumbers understands.
_EXTENSION_WORDS = re.compile(r"\s*(?:转|分机号?|內線|内线|extension|ext\.?|x)\s*", re.IGNORECASE)
# 0755-86001234-8001: the Chinese habit of writing an extension after a dash.
_DASH_EXTENSION = re.compile(r"^(.*\d)\s*-\s*(\d{1,6})$")

_KIND_BY_TYPE: dict[int, PhoneKind] = {
    phonenumbers.PhoneNumberType.MOBILE: "mobile",
    phonenumbers.PhoneNumberType.FIXED_LINE: "fixed_line",
}


def _parse_phone(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def normalize_phone(
    raw: str | None, default_region: str = "CN", *, field: str = "phone"
) -> PhoneNumber:
    """Parse a phone number typed, pasted or scanned in any common shape.

    ``default_region`` (the user's setting) applies to numbers without a country code, so
    ``0755-86001234`` becomes ``+8675586001234`` for a user in China. Validity comes from
    phonenumbers' metadata, not a regex: a CN mobile must be 11 digits in an allocated
    ``1[3-9]`` range. ``kind`` is a guess from the numbering plan; numbers that cannot be
    told apart (North American ones) are ``other``.
    """
    text = _blank_to_none(raw)
    if text is None:
        raise ValidationError("required", field)
    region = default_region.upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationError("unknown_region", field, region=default_region)
    if len(text) > _MAX_PHONE_LEN:
        raise ValidationError("too_long", field, max_len=_MAX_PHONE_LEN, length=len(text))
    text = unicodedata.normalize("NFKC", text)  # full-width digits from Chinese input methods
    text = _EXTENSION_WORDS.sub(" ext. ", text)
    number = _parse_phone(text, region)
    if number is None and (dash := _DASH_EXTENSION.match(text)) is not None:
        main = _parse_phone(dash.group(1), region)
        if main is not None:
            number = main
            number.extension = dash.group(2)
    if number is None:
        try:
            phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException as exc:
            raise ValidationError("phone_unparseable", field, value=raw) from exc
        raise ValidationError("phone_invalid", field, value=raw)
    kind = _KIND_BY_TYPE.get(phonenumbers.number_type(number), "other")
    return PhoneNumber(
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        extension=number.extension or None,
        kind=kind,
        region=phonenumbers.region_code_for_number(number),
    )


# --- e-mail -------------------------------------------------------------------------------


def normalize_email(raw: str | None, *, field: str = "email") -> str:
    """The address with its domain lower-cased; syntax only, so it works offline.

    Deliverability (DNS) is not checked: email-validator rejects every address without a
    network otherwise. Full-width forms from Chinese input methods (``＠``) are folded.
    """
    text = _blank_to_none(raw)
    if text is None:
        raise ValidationError("required", field)
    text = unicodedata.normalize("NFKC", text)
    if len(text) > _MAX_EMAIL_LEN:
        raise ValidationError("too_long", field, max_len=_MAX_EMAIL_LEN, length=len(text))
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError("email_invalid", field, reason=str(exc)) from exc
    local, _, domain = result.normalized.rpartition("@")
    return f"{local}@{domain.lower()}"


# --- USCC ---------------------------------------------------------------------------------

#: The 31 characters of GB 32100-2015, in value order (no I, O, Z, S, V).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {ch: value for value, ch in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, …


def _uscc_chars(raw: str | None, length: int, field: str) -> str:
    text = _blank_to_none(raw)
    if text is None:
        raise ValidationError("required", field)
    # Tolerate full-width input and the spaces people type to group the digits.
    code = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    if len(code) != length:
        raise ValidationError("uscc_length", field, expected=length, length=len(code))
    bad = [ch for ch in code if ch not in _USCC_VALUE]
    if bad:
        raise ValidationError("uscc_charset", field, chars="".join(dict.fromkeys(bad)))
    return code


def _uscc_check_char(first17: str) -> str:
    total = sum(_USCC_VALUE[ch] * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]  # a result of 31 is written as 0


def validate_uscc(code: str | None, *, field: str = "uscc") -> str:
    """The upper-cased 18-character unified social credit code, if its check digit holds."""
    checked = _uscc_chars(code, 18, field)
    expected = _uscc_check_char(checked[:17])
    if checked[17] != expected:
        raise ValidationError("uscc_check_digit", field, expected=expected, found=checked[17])
    return checked


def make_uscc(first17: str) -> str:
    """Complete 17 characters with their check digit (demo data and tests)."""
    body = _uscc_chars(first17, 17, "uscc")
    return body + _uscc_check_char(body)


# --- websites -----------------------------------------------------------------------------


def _valid_host(host: str) -> bool:
    labels = host.split(".")
    if len(labels) < 2 or not all(labels):
        return False
    try:
        ascii_host = host.encode("idna").decode("ascii")  # IDN such as 例子.中国
    except UnicodeError:
        return False
    return len(ascii_host) <= 253 and all(
        re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", label)
        for label in ascii_host.split(".")
    )


def normalize_website(raw: str | None, *, field: str = "website") -> str:
    """An ``http(s)`` URL with a lower-case host; ``https://`` is assumed when none is typed.

    The path, query and fragment are kept as typed. A bare ``/`` path is dropped so that
    ``example.com`` and ``example.com/`` store the same value.
    """
    text = _blank_to_none(raw)
    if text is None:
        raise ValidationError("required", field)
    text = unicodedata.normalize("NFKC", text)
    if len(text) > _MAX_URL_LEN:
        raise ValidationError("too_long", field, max_len=_MAX_URL_LEN, length=len(text))
    if any(ch.isspace() for ch in text):
        raise ValidationError("website_invalid", field, value=raw)
    if "://" not in text:
        if re.match(r"^[a-z][a-z0-9+.-]*:(?!\d)", text, re.IGNORECASE):
            raise ValidationError("website_scheme", field, scheme=text.split(":", 1)[0])
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise ValidationError("website_invalid", field, value=raw) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValidationError("website_scheme", field, scheme=scheme)
    host = (parts.hostname or "").rstrip(".")
    if parts.username is not None or not _valid_host(host):
        raise ValidationError("website_invalid", field, value=raw)
    netloc = f"{host}:{port}" if port is not None else host
    path = "" if parts.path == "/" else parts.path
    return urlunsplit((scheme, netloc, path, parts.query, parts.fragment))


# --- registered names ---------------------------------------------------------------------

# Endings of a full registered name (工商注册全称). Beyond the legal forms of the rule, state
# enterprises (…公司, …厂), co-operatives, partnerships (…事务所) and public institutions
# (universities, hospitals) are registered under names without 有限公司; warning on them
# would teach users to ignore the warning.
_CN_REGISTERED_ENDINGS = tuple(
    _words(
        "有限公司 股份有限公司 有限责任公司 股份公司 公司 合伙企业 有限合伙 普通合伙 集团 分公司 "
        "办事处 代表处 分行 支行 厂 合作社 事务所 大学 学院 学校 医院 研究院 研究所 银行"
    )
)
_EN_REGISTERED_WORDS = frozenset(
    _words(
        "co company corp corporation inc incorporated ltd limited llc llp lp plc gmbh ag sa sas "
        "sarl srl spa bv nv pte pty kk oy ab branch"
    )
)
_TRAILING_NOISE = re.compile(r"[\W_]+$")
_TRAILING_BRACKET = re.compile(r"\(([^()]*)\)[\W_]*$")


def legal_suffix_warning(name: str | None) -> bool:
    """True when a customer's full registered name lacks a legal-form ending.

    A warning, not an error (§5.1): ``华为`` or ``Acme`` is probably a short name typed into
    the full-name field. Blank names return False; ``require_text`` reports those.
    """
    text = _blank_to_none(name)
    if text is None:
        return False
    folded = unicodedata.normalize("NFKC", text).casefold()
    # Look past trailing punctuation ("Acme Ltd.") and a trailing bracket, whose content may
    # be the legal form itself ("XX(集团)") or a remark ("XX有限公司(筹)").
    bracket = _TRAILING_BRACKET.search(folded)
    variants = [folded]
    if bracket is not None:
        variants += [folded[: bracket.start()], bracket.group(1)]
    return not any(_has_registered_ending(_TRAILING_NOISE.sub("", v)) for v in variants)


def _has_registered_ending(text: str) -> bool:
    if text.endswith(_CN_REGISTERED_ENDINGS):
        return True
    words = re.findall(r"[a-z0-9]+", text.replace(".", ""))
    return bool(words) and words[-1] in _EN_REGISTERED_WORDS
