"""Data-standard checks of app.validation (BUSINESS-RULES §5.1)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.validation import (
    USCC_ALPHABET,
    PhoneNumber,
    legal_suffix_warning,
    make_uscc,
    normalize_email,
    normalize_phone,
    normalize_website,
    require_text,
    validate_uscc,
)


def _error(excinfo: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str | None]:
    return excinfo.value.code, excinfo.value.field


# --- phones -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "e164", "extension", "kind"),
    [
        ("13800138000", "+8613800138000", None, "mobile"),
        ("138 0013 8000", "+8613800138000", None, "mobile"),
        ("+86 138-0013-8000", "+8613800138000", None, "mobile"),
        ("8613800138000", "+8613800138000", None, "mobile"),
        ("１３８００１３８０００", "+8613800138000", None, "mobile"),  # full-width IME digits
        ("0755-86001234", "+8675586001234", None, "fixed_line"),
        ("(0755) 8600 1234", "+8675586001234", None, "fixed_line"),
        ("010-65529988", "+861065529988", None, "fixed_line"),
        ("0755-86001234-8001", "+8675586001234", "8001", "fixed_line"),
        ("0755-86001234转8001", "+8675586001234", "8001", "fixed_line"),
        ("0755-86001234 分机 8001", "+8675586001234", "8001", "fixed_line"),
        ("0755 8600 1234 ext. 12", "+8675586001234", "12", "fixed_line"),
        ("400-810-8888", "+864008108888", None, "other"),
        ("+1 650-253-0000", "+16502530000", None, "other"),
    ],
)
def test_normalize_phone_cn_default(raw: str, e164: str, extension: str | None, kind: str) -> None:
    phone = normalize_phone(raw)
    assert (phone.e164, phone.extension, phone.kind) == (e164, extension, kind)


def test_normalize_phone_us_region_and_extension() -> None:
    phone = normalize_phone("(415) 555-2671 x123", default_region="us")
    assert phone == PhoneNumber("+14155552671", "123", "other", "US")
    assert str(phone) == "+14155552671 ext. 123"


def test_default_region_decides_numbers_without_country_code() -> None:
    assert normalize_phone("020 7946 0958", "GB").e164 == "+442079460958"
    assert normalize_phone("+8613800138000", "US").region == "CN"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        (None, "required"),
        ("12345678901", "phone_invalid"),  # 11 digits but 12… is no CN mobile range
        ("1380013800", "phone_invalid"),  # 10 digits
        ("138001380001", "phone_invalid"),  # 12 digits
        ("86001234", "phone_invalid"),  # landline without area code
        ("hello", "phone_unparseable"),
        ("1" * 80, "too_long"),
    ],
)
def test_normalize_phone_rejects(raw: str | None, code: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        normalize_phone(raw, field="mobile")
    assert _error(excinfo) == (code, "mobile")
    assert "mobile" in str(excinfo.value)


def test_normalize_phone_unknown_region() -> None:
    with pytest.raises(ValidationError) as excinfo:
        normalize_phone("13800138000", "XX")
    assert _error(excinfo) == ("unknown_region", "phone")
    assert excinfo.value.params["region"] == "XX"


@given(st.text(max_size=40))
def test_normalize_phone_never_crashes(raw: str) -> None:
    try:
        phone = normalize_phone(raw)
    except ValidationError as err:
        field = err.field  # every rejection names the field
    else:
        field = "phone"
        assert phone.e164.startswith("+")
        assert normalize_phone(phone.e164).e164 == phone.e164
    assert field == "phone"


# --- e-mail -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Foo.Bar@Example.COM", "Foo.Bar@example.com"),
        ("  li.lei@ACME.cn ", "li.lei@acme.cn"),
        ("li.lei＠acme.cn", "li.lei@acme.cn"),  # full-width at sign
        ("张三@例子.中国", "张三@例子.中国"),
    ],
)
def test_normalize_email(raw: str, expected: str) -> None:
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "required"),
        ("no-at-sign", "email_invalid"),
        ("a@b", "email_invalid"),
        ("a@@b.com", "email_invalid"),
        ("a b@c.com", "email_invalid"),
        ("x" * 300 + "@a.com", "too_long"),
    ],
)
def test_normalize_email_rejects(raw: str, code: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        normalize_email(raw, field="contact.email")
    assert _error(excinfo) == (code, "contact.email")


def test_normalize_email_works_offline_for_unknown_domains() -> None:
    # Deliverability is not checked: the domain need not exist.
    assert normalize_email("sales@no-such-domain-fieldsales.example") == (
        "sales@no-such-domain-fieldsales.example"
    )


@given(st.emails())
def test_normalize_email_is_idempotent(raw: str) -> None:
    try:
        once = normalize_email(raw)
    except ValidationError:
        return  # hypothesis' grammar allows a few forms email-validator refuses
    assert normalize_email(once) == once


# --- USCC ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "914403001922038216",  # Huawei Technologies Co., Ltd.
        "9144030071526726XG",  # Tencent (Shenzhen)
        "91330100716105852F",  # Alibaba (China)
    ],
)
def test_validate_uscc_accepts_real_codes(code: str) -> None:
    assert validate_uscc(code) == code
    assert validate_uscc(code.lower()) == code
    assert validate_uscc(f" {code[:6]} {code[6:]} ") == code


def test_make_uscc_computes_the_check_digit() -> None:
    assert make_uscc("91440300192203821") == "914403001922038216"
    assert make_uscc("9144030071526726X") == "9144030071526726XG"
    code = make_uscc("91440300MA5DC0QX7")
    assert validate_uscc(code) == code


def test_uscc_check_digit_31_is_written_as_zero() -> None:
    # Find a body whose weighted sum is ≡ 0 (mod 31): its check value is 31, written 0.
    body = next(
        f"9144030000000{n:04d}"
        for n in range(10_000)
        if make_uscc(f"9144030000000{n:04d}")[-1] == "0"
    )
    assert make_uscc(body).endswith("0")


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("", "required"),
        ("91440300192203821", "uscc_length"),
        ("9144030019220382161", "uscc_length"),
        ("91440300192203821I", "uscc_charset"),
        ("9144030019220382O6", "uscc_charset"),
        ("91440300192203821S", "uscc_charset"),
        ("914403001922038217", "uscc_check_digit"),
    ],
)
def test_validate_uscc_rejects(code: str, error: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_uscc(code)
    assert _error(excinfo) == (error, "uscc")


def test_uscc_check_digit_error_names_the_expected_digit() -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_uscc("914403001922038217")
    assert excinfo.value.params == {"expected": "6", "found": "7"}


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_make_uscc_roundtrips_and_detects_any_single_change(body: str) -> None:
    code = make_uscc(body)
    assert validate_uscc(code) == code
    # A mod-31 check over weights coprime to 31 catches every single-character error.
    for pos in range(18):
        replacement = USCC_ALPHABET[(USCC_ALPHABET.index(code[pos]) + 1) % 31]
        changed = code[:pos] + replacement + code[pos + 1 :]
        with pytest.raises(ValidationError):
            validate_uscc(changed)


def test_make_uscc_rejects_bad_bodies() -> None:
    with pytest.raises(ValidationError) as excinfo:
        make_uscc("91440300")
    assert _error(excinfo) == ("uscc_length", "uscc")


# --- websites -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("example.com", "https://example.com"),
        ("Example.COM/", "https://example.com"),
        ("http://Example.com/About", "http://example.com/About"),
        ("www.acme.com:8080/a?b=1#c", "https://www.acme.com:8080/a?b=1#c"),
        ("ＷＷＷ．ＡＣＭＥ．ＣＮ", "https://www.acme.cn"),
        ("https://例子.中国/关于", "https://例子.中国/关于"),
    ],
)
def test_normalize_website(raw: str, expected: str) -> None:
    assert normalize_website(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "required"),
        ("ftp://example.com", "website_scheme"),
        ("mailto:a@b.com", "website_scheme"),
        ("javascript:alert(1)", "website_scheme"),
        ("localhost", "website_invalid"),
        ("http://exa mple.com", "website_invalid"),
        ("http://user@evil.com", "website_invalid"),
        ("http://-bad-.com", "website_invalid"),
        ("http://example.com:99999", "website_invalid"),
        ("https://", "website_invalid"),
    ],
)
def test_normalize_website_rejects(raw: str, code: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        normalize_website(raw)
    assert _error(excinfo) == (code, "website")


@given(st.text(max_size=60))
def test_normalize_website_never_crashes_and_is_idempotent(raw: str) -> None:
    try:
        once = normalize_website(raw)
    except ValidationError:
        return
    assert normalize_website(once) == once


# --- text ---------------------------------------------------------------------------------


def test_require_text_strips_and_checks_length() -> None:
    assert require_text("  深圳市某某科技有限公司 ", "full_name", 11) == "深圳市某某科技有限公司"
    assert require_text("  abc ", "full_name", 3) == "abc"
    with pytest.raises(ValidationError) as excinfo:
        require_text("abcd", "full_name", 3)
    assert _error(excinfo) == ("too_long", "full_name")
    assert excinfo.value.params == {"max_len": 3, "length": 4}


@pytest.mark.parametrize("value", [None, "", "  \t\n"])
def test_require_text_required(value: str | None) -> None:
    with pytest.raises(ValidationError) as excinfo:
        require_text(value, "title", 50)
    assert _error(excinfo) == ("required", "title")
    assert str(excinfo.value) == "title: Invalid value: required"


def test_require_text_control_characters() -> None:
    with pytest.raises(ValidationError) as excinfo:
        require_text("a\x00b", "name", 50)
    assert _error(excinfo) == ("control_characters", "name")
    with pytest.raises(ValidationError):
        require_text("line 1\nline 2", "name", 50)
    assert require_text("line 1\nline 2", "notes", 50, multiline=True) == "line 1\nline 2"


def test_require_text_counts_characters_not_bytes() -> None:
    assert require_text("深圳", "name", 2) == "深圳"


# --- legal suffix warning -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "深圳市某某科技有限公司",
        "某某股份有限公司",
        "某某有限责任公司",
        "某某投资合伙企业(有限合伙)",
        "某某集团",
        "某某(集团)",
        "某某有限公司(筹)",
        "某某有限公司深圳分公司",
        "中国石油化工集团公司",
        "北京大学",
        "Acme Co., Ltd.",
        "Acme Inc.",
        "ACME GMBH",
        "Acme, LLC",
        "Acme Corp",
        "Acme Limited",
        "Ａｃｍｅ　Ｌｔｄ．",
    ],
)
def test_legal_suffix_present(name: str) -> None:
    assert legal_suffix_warning(name) is False


@pytest.mark.parametrize("name", ["华为", "腾讯科技", "Acme", "Acme Widgets", "某某工作室", "Taco"])
def test_legal_suffix_missing(name: str) -> None:
    assert legal_suffix_warning(name) is True


def test_legal_suffix_blank_is_not_warned() -> None:
    assert legal_suffix_warning("") is False
    assert legal_suffix_warning(None) is False


@given(st.text())
def test_legal_suffix_warning_never_crashes(name: str) -> None:
    assert isinstance(legal_suffix_warning(name), bool)
