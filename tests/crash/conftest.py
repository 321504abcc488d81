"""Fixtures for the crash tests: a random replica key and a seeded random source whose seed is
printed, so a failing cycle can be replayed with ``FIELDSALES_CRASH_SEED=<seed>``."""

from __future__ import annotations

import os
import random
import secrets

import pytest


@pytest.fixture
def key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def rng() -> random.Random:
    seed = int(os.environ.get("FIELDSALES_CRASH_SEED") or secrets.randbits(32))
    print(f"FIELDSALES_CRASH_SEED={seed}")
    return random.Random(seed)
