"""A typical month's report as a consultant gets it: two A4 pages, every section's text in
the PDF, the pages render to images with the charts drawn, and the sections in order."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image
from pypdf import PdfReader
from tests.reports.conftest import Made
from tests.reports.month import QUESTION

#: The section headings, in order (written out here, so a section that goes missing from
#: the template and the model together still fails this test).
GOLDEN = [
    "About this report", "The parent's question", "What the app advises now",
    "Time to let-down", "Milk expressed", "Pump and settings", "Pain and stress",
    "Techniques tried", "Substances and medicines", "The baby's growth and diapers",
    "For the consultant", "Sources",
]
A4_POINTS = (595, 842)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_a_typical_month_fits_two_a4_pages_with_every_section(made: Made) -> None:
    reader = PdfReader(io.BytesIO(made.pdf))
    assert len(reader.pages) <= 2, f"{len(reader.pages)} pages for a month"
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4_POINTS
    text = _text(made.pdf).replace("’", "'")
    at = 0
    for heading in GOLDEN:  # each heading after the one before it
        at = text.find(heading, at)
        assert at >= 0, f"{heading!r} is missing from the PDF, or out of order"
    for expected in ("Robin", "Ada, 6 weeks old", QUESTION, "not a diagnosis",
                     "Time to let-down, median per day", "Milk expressed per day",
                     "Spectra S1", "24 mm", "54 cpm", "Pain (0–10) scored in",
                     "Warm compress:", "Sudafed", "Pseudoephedrine", "levothyroxine",
                     "weight, kg", "97th", "Wet/day", "LATCH", "Audible swallowing",
                     "Notes", "Plan", "WHO Child Growth Standards 2006",
                     "See a lactation consultant (IBCLC)"):
        assert expected in text, f"{expected!r} is not in the PDF"


def test_the_html_has_the_sections_in_order_and_nothing_remote(made: Made) -> None:
    headings = [re.sub(r"<[^>]+>", "", h).replace("&#39;", "'")
                for h in re.findall(r"<h2>(.*?)</h2>", made.html)]
    assert headings == GOLDEN
    assert "@page" in made.html and "size: A4" in made.html  # print CSS inlined
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|file:|//)""", made.html)
    assert "<script" not in made.html
    assert made.html.count("<svg") >= 3  # let-down, milk, growth: inline


def test_every_page_renders_to_an_image_with_its_charts(made: Made, tmp_path: Path) -> None:
    source = tmp_path / "report.pdf"
    source.write_bytes(made.pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(source), str(tmp_path / "page")],
                   check=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    first, second = (np.asarray(Image.open(p).convert("RGB"), dtype=np.int16) for p in pages)
    for image in (first, second):
        ink = int((image.sum(axis=2) < 600).sum())
        assert ink > 0.02 * image.shape[0] * image.shape[1], "a page is (nearly) blank"

    def near(image: np.ndarray, colour: tuple[int, int, int], within: int = 40) -> int:
        return int((np.abs(image - np.array(colour)) <= within).all(axis=2).sum())

    assert near(first, (0xb4, 0x45, 0x1f)) > 60  # the let-down line chart
    assert near(first, (0x7f, 0xa9, 0xc7), 20) > 300  # the milk bars
    assert near(second, (0xb9, 0xd3, 0xe6), 12) > 300  # WHO's percentile band
