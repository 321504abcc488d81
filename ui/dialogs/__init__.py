"""Dialogs. They are opened with ``open()`` (never ``exec()``) and report through signals."""
