"""``scan-card IMAGE [--lang eng+chi_sim] [--json]``: read one card and print its fields."""

from __future__ import annotations

import argparse
import json
import sys

from ocr.engine import DEFAULT_LANG
from ocr.errors import OcrError
from ocr.fields import CardFields
from ocr.pipeline import scan_card


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scan-card", description="Read a business card.")
    parser.add_argument("image", help="photo or scan of the card (JPEG, PNG, …)")
    parser.add_argument("--lang", default=DEFAULT_LANG, help="Tesseract languages")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        fields = scan_card(args.image, lang=args.lang)
    except OcrError as exc:
        sys.stderr.write(f"scan-card: {exc.message}\n")
        return 2
    if args.json:
        sys.stdout.write(json.dumps(fields.to_json_dict(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(_as_text(fields) + "\n")
    return 0


def _as_text(fields: CardFields) -> str:
    data = fields.to_json_dict()
    rows = []
    for key in ("name", "title", "company", "department", "phones", "emails", "website",
                "address"):
        value = data[key]
        if key == "phones":
            value = ", ".join(f"{n} ({k})" for n, k in zip(fields.phones, fields.phone_kinds,
                                                          strict=True))
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        rows.append(f"{key:<11} {value or '-'}")
    return "\n".join(rows)


if __name__ == "__main__":
    raise SystemExit(main())
