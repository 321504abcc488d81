"""The desktop application: the only package importing PySide6 / qasync."""

from __future__ import annotations

import ctypes
import sys


def _pin_singletons() -> None:
    """WORKAROUND for a PySide6 6.12 reference-count bug on CPython 3.11.

    Converting ``None`` to a QVariant (a ``data()`` override returning None, ``setData(role,
    None)``) drops one reference to ``None`` that was never taken; after enough calls (a
    scrolled 100 000-row table) CPython aborts with ``none_dealloc`` (``bool_dealloc`` was
    seen too). Reproducer: ``idx.data()`` on a model whose ``data()`` returns None lowers
    ``sys.getrefcount(None)`` by one per call. CPython 3.12 makes these objects immortal; on
    3.11 we give them a reference count that cannot reach zero. To report upstream (PYSIDE).
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_pin_singletons()
