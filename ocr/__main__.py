"""``python -m ocr IMAGE --json``."""

from ocr.cli import main

raise SystemExit(main())
