"""The PNG icons are the SVG source rendered at each size, not stale or hand-edited copies."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.packaging.conftest import ROOT

ICONS = ROOT / "assets" / "icons"
SVG = ICONS / "mockinterview.svg"


def test_svg_source_is_square_and_well_formed() -> None:
    root = ET.parse(SVG).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == root.get("height")


def test_every_size_exists_with_its_dimensions_and_transparency(bundle_contents) -> None:
    for size in bundle_contents.ICON_SIZES:
        image = cv2.imread(str(ICONS / f"mockinterview-{size}.png"), cv2.IMREAD_UNCHANGED)
        assert image is not None, f"mockinterview-{size}.png is missing or unreadable"
        assert image.shape == (size, size, 4)
        alpha = image[:, :, 3]
        assert alpha[0, 0] == 0, "the corners should be transparent"
        assert alpha.mean() > 100, "the icon should fill most of its square"


@pytest.mark.parametrize("size", [16, 48, 256])
def test_png_matches_a_fresh_render_of_the_svg(size: int, tmp_path: Path) -> None:
    if shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert is not installed (apt install librsvg2-bin)")
    fresh = tmp_path / "fresh.png"
    subprocess.run(
        ["rsvg-convert", "-w", str(size), "-h", str(size), str(SVG), "-o", str(fresh)],
        check=True,
        timeout=60,
    )
    committed = cv2.imread(str(ICONS / f"mockinterview-{size}.png"), cv2.IMREAD_UNCHANGED)
    rendered = cv2.imread(str(fresh), cv2.IMREAD_UNCHANGED)
    difference = np.abs(committed.astype(int) - rendered.astype(int)).mean()
    assert difference < 2.0, "re-render the PNGs with packaging/render-icons.sh"
