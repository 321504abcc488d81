"""Just enough Xlib (through ctypes) to see when a top-level window becomes visible.

The packaging test starts the BUILT app on a real X server (Xvfb) through Qt's xcb plugin,
which proves the bundle's X11 libraries load, and times how long it takes until the main
window is mapped -- from outside the app, so the app needs no test hook.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Iterator

_Window = ctypes.c_ulong


class _XWindowAttributes(ctypes.Structure):
    # The ctypes layout of Xlib's XWindowAttributes.
    _fields_ = [
        ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
        ("height", ctypes.c_int), ("border_width", ctypes.c_int), ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p), ("root", _Window), ("class_", ctypes.c_int),
        ("bit_gravity", ctypes.c_int), ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    ]


IS_VIEWABLE = 2


def _xlib() -> ctypes.CDLL:
    name = ctypes.util.find_library("X11")
    if name is None:
        raise RuntimeError("libX11 is not installed (apt install libx11-6)")
    lib = ctypes.CDLL(name)
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    lib.XDefaultRootWindow.restype = _Window
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XQueryTree.argtypes = [ctypes.c_void_p, _Window, ctypes.POINTER(_Window),
                               ctypes.POINTER(_Window), ctypes.POINTER(ctypes.POINTER(_Window)),
                               ctypes.POINTER(ctypes.c_uint)]
    lib.XFetchName.argtypes = [ctypes.c_void_p, _Window, ctypes.POINTER(ctypes.c_char_p)]
    lib.XGetWindowAttributes.argtypes = [ctypes.c_void_p, _Window,
                                         ctypes.POINTER(_XWindowAttributes)]
    lib.XFree.argtypes = [ctypes.c_void_p]
    return lib


class Display:
    """A connection to an X server (``with Display(":99") as d: d.visible_titles()``)."""

    def __init__(self, name: str) -> None:
        self._x = _xlib()
        self._dpy = self._x.XOpenDisplay(name.encode())
        if not self._dpy:
            raise RuntimeError(f"cannot open X display {name}")

    def __enter__(self) -> Display:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._x.XCloseDisplay(self._dpy)

    def _children(self, window: int) -> Iterator[int]:
        root, parent = _Window(), _Window()
        children = ctypes.POINTER(_Window)()
        count = ctypes.c_uint()
        if not self._x.XQueryTree(self._dpy, window, ctypes.byref(root), ctypes.byref(parent),
                                  ctypes.byref(children), ctypes.byref(count)):
            return
        try:
            found = [int(children[i]) for i in range(count.value)]
        finally:
            if children:
                self._x.XFree(children)
        yield from found

    def visible_titles(self) -> list[str]:
        """Titles of the viewable top-level windows (no window manager runs on Xvfb)."""
        titles: list[str] = []
        for window in self._children(self._x.XDefaultRootWindow(self._dpy)):
            attrs = _XWindowAttributes()
            if not self._x.XGetWindowAttributes(self._dpy, window, ctypes.byref(attrs)):
                continue
            if attrs.map_state != IS_VIEWABLE:
                continue
            name = ctypes.c_char_p()
            if self._x.XFetchName(self._dpy, window, ctypes.byref(name)) and name.value:
                titles.append(name.value.decode(errors="replace"))
                self._x.XFree(name)
        return titles
