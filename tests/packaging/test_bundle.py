"""The built app starts, renders every screen, and shows its main window quickly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont, ImageStat

from tests.packaging.conftest import BUNDLE, ROOT, clean_env
from tests.packaging.x11 import Display

# A failed render is one flat colour (stddev 0, one colour). Real screens measured 11 (the
# search popup: mostly white with a few lines of text) to 80 (the main window).
MIN_STDDEV = 5.0
MIN_COLOURS = 32
STARTUP_TARGET_S = 3.0
DEMO_CUSTOMERS = "300"


def _run(cmd: list[str], env: dict[str, str], timeout: float = 240) -> subprocess.CompletedProcess[
        str]:
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)


@dataclass(frozen=True)
class DemoRun:
    """One offscreen ``--demo --screenshots`` run of the bundled app, shared by the tests: it
    is the slowest step (every screen, twice: English and Chinese), and the start-up test
    needs a profile holding demo data anyway."""

    done: subprocess.CompletedProcess[str]
    home: Path
    profile: Path
    shots: Path


@pytest.fixture(scope="module")
def demo_run(executable: Path, tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    home = tmp_path_factory.mktemp("demo") / "home"
    profile, shots = home / "profile", home / "shots"
    done = _run([str(executable), "--demo", "--profile", str(profile), "--demo-customers",
                 DEMO_CUSTOMERS, "--screenshots", str(shots)],
                clean_env(home, QT_QPA_PLATFORM="offscreen"))
    return DemoRun(done, home, profile, shots)


def test_bundle_renders_every_screen(demo_run: DemoRun) -> None:
    done, shots = demo_run.done, demo_run.shots
    assert done.returncode == 0, done.stderr[-4000:]
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    pngs = sorted(shots.glob("*.png"))
    assert len(pngs) >= 10, [p.name for p in pngs]
    assert f"wrote {len(pngs)} screenshots" in done.stdout
    names = {p.stem for p in pngs}
    assert {"01_today", "02_customers", "zh_today"} <= names
    for png in pngs:
        with Image.open(png) as image:
            assert image.width >= 200, png.name
            assert image.height >= 100, png.name
            grey = image.convert("L")
            spread = ImageStat.Stat(grey).stddev[0]
            colours = len(image.convert("RGB").getcolors(1 << 24) or [])
        assert spread > MIN_STDDEV, f"{png.name} looks blank (stddev {spread:.1f})"
        assert colours >= MIN_COLOURS, f"{png.name} looks blank ({colours} colours)"


def test_bundle_ships_its_data_files() -> None:
    internal = BUNDLE / "_internal"
    expected = [
        "resources/i18n/fieldsales_zh_CN.qm",
        "resources/icons/logo.svg",
        "resources/fonts/wqy-microhei.ttc",
        "app/data/cn_places.txt",
        "app/migrations/env.py",
        "sync/server/migrations/env.py",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    ]
    missing = [p for p in expected if not (internal / p).is_file()]
    assert missing == []
    assert list((internal / "app" / "migrations" / "versions").glob("0001_*.py"))
    # The About box reads the version from the bundled metadata: the one in pyproject.toml.
    metadata_files = list(internal.glob("fieldsales-*.dist-info/METADATA"))
    assert len(metadata_files) == 1
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert f"\nVersion: {version}\n" in metadata_files[0].read_text()
    unwanted = [p.name for p in internal.rglob("*") if "WebEngine" in p.name or "Qt63D" in p.name]
    assert unwanted == []


# What the spec cuts, and the size target of issue 8 (250 MB = 238.4 MiB; measured 231.5 MiB):
# a new dependency or a dropped exclusion fails here before it reaches a rep's download.
SIZE_CEILING_MIB = 250 * 10**6 / 2**20


def test_bundle_leaves_out_what_the_app_does_not_use() -> None:
    internal = BUNDLE / "_internal"
    names = {p.name for p in internal.rglob("*")}
    # The distribution's own libraries come from the .deb's Depends, not from the build machine.
    assert names.isdisjoint({"libstdc++.so.6", "libglib-2.0.so.0", "libpulse.so.0",
                             "libcups.so.2", "libssl.so.3", "libX11.so.6"})
    # uvicorn's optional speed-ups, embedded-device Qt plugins, phonenumbers' geocoder data.
    assert not [n for n in names if n.startswith(("uvloop", "httptools", "watchfiles"))]
    assert not (internal / "PySide6/Qt/plugins/platforms/libqeglfs.so").exists()
    assert not (internal / "PySide6/Qt/plugins/platforms/libqvnc.so").exists()
    # Symbol tables are stripped (slim.py): libpython is ~23 MB with them, ~6 MB without.
    libpython = sorted(internal.glob("libpython3*.so*"))
    assert libpython
    assert libpython[0].stat().st_size < 10 * 2**20
    # OCR is NumPy + Pillow (no OpenCV, 150 MiB); ICU keeps English and Chinese data only.
    assert not [n for n in names if n.startswith(("cv2", "opencv"))]
    icu = [p for p in internal.rglob("libicudata.so*") if not p.is_symlink()]
    assert icu
    assert all(p.stat().st_size < 12 * 2**20 for p in icu)
    size = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < SIZE_CEILING_MIB * 2**20, f"bundle is {size / 2**20:.0f} MiB"


def test_every_bundled_library_resolves(tmp_path: Path) -> None:
    """ldd every shared object with the bundle's folders first, as the app loads them; a
    'not found' is a library the .deb must declare (or the spec must collect)."""
    internal = BUNDLE / "_internal"
    search = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    missing: set[str] = set()
    for lib in internal.rglob("*.so*"):
        if lib.is_symlink() or not lib.is_file():
            continue
        out = subprocess.run(["ldd", str(lib)], env={"LD_LIBRARY_PATH": search},
                             capture_output=True, text=True, check=False).stdout
        missing.update(f"{lib.name}: {line.split()[0]}" for line in out.splitlines()
                       if "not found" in line)
    # Wayland client libraries come from the .deb's Depends (libwayland-*); they are not
    # installed on this build machine, which has no Wayland session.
    unexpected = {m for m in missing if "libwayland-" not in m}
    assert unexpected == set()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (Linux /proc; all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_main_window_appears_quickly_on_x11(executable: Path, tmp_path: Path, xvfb: str,
                                            demo_run: DemoRun) -> None:
    """On a real X server (xcb plugin): time from launch to the mapped main window, on a
    profile that already holds demo data (a rep's normal start, not the first-run fill).

    The 3 s target is asserted on the CPU time the app used until its window appeared: on a
    shared CI machine the wall-clock time mostly measures the other jobs (seen: 2.6-4.3 s wall
    for the same build within a minute at load 9 on 2 cores). Wall time is printed."""
    assert demo_run.done.returncode == 0, demo_run.done.stderr[-4000:]
    env = clean_env(demo_run.home, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb")
    profile = demo_run.profile
    log = tmp_path / "app.log"
    with Display(xvfb) as display, log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen([str(executable), "--demo", "--profile", str(profile)],
                                   env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            elapsed: float | None = None
            cpu: float | None = None
            while time.perf_counter() - started < 30:
                if process.poll() is not None:
                    pytest.fail(f"app exited with {process.returncode}:\n{log.read_text()}")
                if "FieldSales" in display.visible_titles():
                    elapsed = time.perf_counter() - started
                    cpu = _cpu_seconds(process.pid)
                    break
                time.sleep(0.02)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
    assert elapsed is not None, "main window never appeared:\n" + log.read_text()
    assert cpu is not None
    print(f"\nmain window after {elapsed:.2f} s wall, {cpu:.2f} s CPU")
    assert cpu < STARTUP_TARGET_S, f"main window after {cpu:.2f} s of CPU"


def _card(path: Path) -> None:
    """A bilingual business card drawn with the CJK font the .deb depends on."""
    font_file = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    card = Image.new("RGB", (1050, 600), "#fbfbf7")
    draw = ImageDraw.Draw(card)
    lines = [("深圳市华强科技有限公司", 40), ("张伟", 64), ("销售经理 Sales Manager", 32),
             ("手机: +86 138 0013 8000", 30), ("zhang.wei@huaqiang-tech.cn", 30)]
    y = 60
    for text, size in lines:
        draw.text((70, y), text, fill="#202020", font=ImageFont.truetype(font_file, size))
        y += round(size * 1.45)
    card.save(path)


def test_bundle_reads_a_chinese_card(executable: Path, tmp_path: Path) -> None:
    """OCR from the bundle: NumPy and Pillow inside it, Tesseract with chi_sim from the
    system (the .deb's Depends), found on the plain system PATH."""
    image = tmp_path / "card.png"
    _card(image)
    done = _run([str(executable), "scan-card", str(image), "--json"],
                clean_env(tmp_path / "home"), timeout=120)
    assert done.returncode == 0, done.stderr[-4000:]
    data = json.loads(done.stdout)
    assert data["emails"] == ["zhang.wei@huaqiang-tech.cn"]
    assert data["phones"] == ["+8613800138000"]
    assert data["name"] == "张伟"
    assert "华强" in data["company"]


def test_deb_installs_app_menu_entry_and_icons(tmp_path: Path) -> None:
    """The .deb `make package` writes: metadata, Depends, layout, and an app that starts."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    debs = sorted(BUNDLE.parent.glob(f"fieldsales_{version}_*.deb"))
    assert len(debs) == 1, debs
    control = _run(["dpkg-deb", "--field", str(debs[0])], os.environ.copy()).stdout
    assert f"Version: {version}" in control
    for dependency in ("tesseract-ocr-chi-sim", "tesseract-ocr-eng", "fonts-wqy-microhei",
                       "libxcb-cursor0", "libegl1",
                       # found by system_depends.py: libraries the spec leaves to the system
                       "libglib2.0-0", "libpulse0", "libcups2", "libstdc++6", "libssl3"):
        assert dependency in control
    root = tmp_path / "root"
    extracted = _run(["dpkg-deb", "-x", str(debs[0]), str(root)], os.environ.copy())
    assert extracted.returncode == 0, extracted.stderr
    assert os.readlink(root / "usr/bin/fieldsales") == "/opt/fieldsales/fieldsales"
    desktop = (root / "usr/share/applications/fieldsales.desktop").read_text()
    assert "Exec=fieldsales\n" in desktop
    assert "Icon=fieldsales\n" in desktop
    for size in (16, 32, 48, 64, 128, 256):
        icon = root / f"usr/share/icons/hicolor/{size}x{size}/apps/fieldsales.png"
        with Image.open(icon) as image:
            assert image.size == (size, size)
    started = _run([str(root / "opt/fieldsales/fieldsales"), "--help"],
                   clean_env(tmp_path / "home"), timeout=60)
    assert started.returncode == 0, started.stderr
    assert "--screenshots" in started.stdout
