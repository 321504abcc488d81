"""The Debian packages that provide the system libraries the bundle links against.

packaging/fieldsales.spec leaves the distribution's own libraries (glib, D-Bus, PulseAudio,
CUPS, X11/xcb, OpenSSL, libstdc++, ...) out of the bundle, so the .deb must depend on their
packages. This reads the NEEDED entries of every ELF file in the bundle, drops the ones the
bundle ships itself, finds the rest with ``ldconfig -p`` and asks ``dpkg -S`` which package
owns each. (dpkg-shlibdeps does the same with versions, but took 2.5 minutes on this bundle and
stops at the first library that is not installed on the build machine.)

    python packaging/system_depends.py dist/fieldsales   ->  "libcups2, libglib2.0-0, ..."

Libraries that are not installed on the build machine (the Wayland client libraries on a
headless builder) are reported on stderr; build-deb.sh lists those packages by hand.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from slim import load_segments

# The C library and loader are in every system; build-deb.sh declares libc6 with its version.
ALWAYS_THERE = ("ld-linux", "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so")


def needed(path: Path) -> set[str]:
    out = subprocess.run(["readelf", "-dW", str(path)], capture_output=True, text=True,
                         check=False).stdout
    return {line.rsplit("[", 1)[1].rstrip("]") for line in out.splitlines()
            if "(NEEDED)" in line}


def system_sonames(bundle: Path) -> set[str]:
    """Sonames the bundle's ELF files need and do not ship."""
    shipped = {p.name for p in bundle.rglob("*") if p.is_file() or p.is_symlink()}
    wanted: set[str] = set()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and load_segments(path) is not None:
            wanted |= needed(path)
    return {s for s in wanted - shipped if not s.startswith(ALWAYS_THERE)}


def library_paths() -> dict[str, str]:
    """soname -> path for this machine's architecture, from the loader's cache."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths: dict[str, str] = {}
    for line in out.splitlines()[1:]:
        name, _, rest = line.strip().partition(" (")
        if "x86-64" in rest or "64bit" in rest or "AArch64" in rest:
            paths.setdefault(name, rest.rsplit("=> ", 1)[-1])
    return paths


def find_library(soname: str, cache: dict[str, str]) -> str | None:
    """Where the loader finds ``soname``: its cache, else the multiarch default folders (the
    cache lists only one name per library; libbz2.so.1 is found there by file name)."""
    if soname in cache:
        return cache[soname]
    libc = Path(cache.get("libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6"))
    arch = libc.parent.name  # the multiarch triplet, e.g. x86_64-linux-gnu
    for folder in (f"/lib/{arch}", f"/usr/lib/{arch}", "/lib", "/usr/lib"):
        if Path(folder, soname).exists():
            return f"{folder}/{soname}"
    return None


def owner(path: str) -> str | None:
    """The package that owns ``path``; tries the /usr-merged twin, as dpkg records either."""
    real = str(Path(path).resolve())
    twins = {path, real}
    twins |= {p.removeprefix("/usr") if p.startswith("/usr/") else "/usr" + p for p in set(twins)}
    for candidate in sorted(twins):
        done = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True,
                              check=False)
        if done.returncode == 0:
            return done.stdout.split(":", 1)[0].strip()
    return None


def packages(bundle: Path) -> tuple[list[str], list[str]]:
    """(packages to depend on, sonames not found on this machine)."""
    paths = library_paths()
    found: set[str] = set()
    unknown: list[str] = []
    for soname in sorted(system_sonames(bundle)):
        path = find_library(soname, paths)
        package = owner(path) if path else None
        if package is None:
            unknown.append(soname)
        else:
            found.add(package)
    return sorted(found), unknown


def main(argv: list[str]) -> int:
    bundle = Path(argv[1]) if len(argv) > 1 else Path("dist/fieldsales")
    found, unknown = packages(bundle)
    if unknown:
        sys.stderr.write("system_depends: not installed here, declare by hand: "
                         + ", ".join(unknown) + "\n")
    sys.stdout.write(", ".join(found) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
