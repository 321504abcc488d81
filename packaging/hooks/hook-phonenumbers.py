"""Replaces pyinstaller-hooks-contrib's phonenumbers hook, which hidden-imports every submodule.

The region metadata (phonenumbers.data, .shortdata) is loaded by name at run time, so it must
be listed; the geocoder, carrier and time-zone databases are not used by the app and are also
in the spec's excludes. Listing only what is kept avoids a warning per excluded module.
"""

from PyInstaller.utils.hooks import collect_submodules  # type: ignore[import-untyped]

UNUSED = ("phonenumbers.geocoder", "phonenumbers.geodata", "phonenumbers.carrier",
          "phonenumbers.carrierdata", "phonenumbers.timezone", "phonenumbers.tzdata")

hiddenimports = collect_submodules(
    "phonenumbers", filter=lambda name: not name.startswith(UNUSED))
