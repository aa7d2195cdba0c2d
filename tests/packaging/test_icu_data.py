"""packaging/icu_data.py on this environment's real Qt: the package format round-trips byte for
byte, and Qt, with the slimmed ICU data loaded in place of the original, sorts, maps case, names
time zones and formats dates exactly as with the original; only multi-byte legacy encodings
(Shift-JIS) are gone, the single-byte ones (windows-1252) stay."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or not (shutil.which("cc") and shutil.which("nm")),
    reason="the ICU data library is rebuilt for the Linux bundle, with a C compiler and binutils",
)

# What Qt asks ICU for (collation, case mapping, time-zone names, converters), as JSON.
QT_ICU_CALLS = r"""
import json
from PySide6.QtCore import QCollator, QDateTime, QLocale, QStringDecoder, QTimeZone

words = ["zebra", "Äpfel", "apple", "Zürich", "ångström", "Örebro", "école", "10", "9", "中文"]
out = {}
for name in ("en_US", "de_DE", "sv_SE", "zh_CN"):
    out["sort " + name] = sorted(words, key=QCollator(QLocale(name)).sortKey)
out["upper tr"] = QLocale("tr_TR").toUpper("istanbul")
out["upper de"] = QLocale("de_DE").toUpper("straße")
berlin = QTimeZone(b"Europe/Berlin")
for name in ("en_US", "de_DE", "ja_JP"):
    out["zone " + name] = [
        berlin.displayName(QTimeZone.TimeType.StandardTime, kind, QLocale(name))
        for kind in (QTimeZone.NameType.LongName, QTimeZone.NameType.ShortName)
    ]
moment = QDateTime.fromSecsSinceEpoch(1_700_000_000, berlin)
out["date"] = QLocale("de_DE").toString(moment, "dddd d. MMMM yyyy HH:mm t")
for name in ("windows-1252", "ISO-8859-15", "Shift_JIS"):
    out["converter " + name] = QStringDecoder(name).isValid()
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def icu_data():
    from tests.packaging.conftest import _packaging_module

    return _packaging_module("icu_data")


def _qt_icu_data() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 carries no ICU data library")
    return found[-1]


def _qt_answers(preload: Path | None) -> dict:
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    run = subprocess.run(
        [sys.executable, "-c", QT_ICU_CALLS], capture_output=True, text=True, timeout=300, env=env
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Could not create collator" not in run.stderr, run.stderr
    return json.loads(run.stdout)


def test_the_package_round_trips_byte_for_byte(icu_data) -> None:
    library = _qt_icu_data()
    _name, offset, size = icu_data.data_symbol(library)
    with library.open("rb") as file:
        file.seek(offset)
        data = file.read(size)
    package = icu_data.read_package(data)
    assert any(name.endswith("/coll/ucadata.icu") for name, _ in package.items)
    assert icu_data.write_package(package) == data


def test_qt_answers_as_before_on_the_slimmed_data(icu_data, tmp_path: Path) -> None:
    library = _qt_icu_data()
    site = tmp_path / "site"
    (site / "PySide6/Qt/lib").mkdir(parents=True)
    slimmed = site / "PySide6/Qt/lib" / library.name
    shutil.copyfile(library, slimmed)
    result = icu_data.slim_icu_data(site)
    assert result["bytes_saved"] > 15_000_000, result
    assert slimmed.stat().st_size < library.stat().st_size - 15_000_000

    before, after = _qt_answers(None), _qt_answers(slimmed)
    assert before["converter Shift_JIS"] and not after["converter Shift_JIS"]
    assert after["converter windows-1252"] and after["converter ISO-8859-15"]
    assert before["zone de_DE"][0] == "Mitteleuropäische Normalzeit"  # the data was consulted
    assert before["sort sv_SE"] != before["sort de_DE"]  # per-language collation, not root's
    del before["converter Shift_JIS"], after["converter Shift_JIS"]
    assert after == before
