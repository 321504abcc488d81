"""The one version number: pyproject.toml's, read from the installed package's metadata.

The About box, the server's ``/health`` and the sync handshake (``X-App-Version``) all show
this, so bumping ``pyproject.toml`` changes every place at once.
"""

from __future__ import annotations

from importlib import metadata


def app_version() -> str:
    try:
        return metadata.version("fieldsales")
    except metadata.PackageNotFoundError:  # a source tree that was never pip-installed
        return "0+unknown"
