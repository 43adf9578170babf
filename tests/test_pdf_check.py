"""tests/support/pdf_check.py, the print-quality check for `make handouts`, on small PDFs printed here by Debian's
Chromium (Playwright's page.pdf, as the handouts are): a good handout passes in Letter and A4, and each kind of bad
page gives a problem that names what is wrong."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.support import pdf_check

pytestmark = pytest.mark.browser  # pytest-playwright's browser fixture launches Debian's Chromium (conftest)

MARGINS = {side: "0.5in" for side in ("top", "right", "bottom", "left")}
NO_MARGINS = {side: "0" for side in ("top", "right", "bottom", "left")}


def png(width: int, height: int) -> str:
    """A data: URI of a PNG with a transparent corner, like a matplotlib figure (Chromium adds a soft mask)."""
    image = Image.new("RGBA", (width, height), (40, 90, 160, 255))
    image.paste((255, 255, 255, 0), (0, 0, width // 4, height // 4))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


FIGURE = png(320, 180)
ICON = png(16, 16)


def figure(caption: str, style: str = "") -> str:
    return (
        f'<figure style="margin: 12pt 0"><img src="{FIGURE}" width="320" height="180" style="{style}"'
        f' alt="Bars of reads per camera"><figcaption>{caption}</figcaption></figure>'
    )


GOOD = (
    '<h1 style="font-size: 18pt">What a plate reader sees</h1>'
    "<p>Body text at 12 pt. Plain signs stay plain: 5 &lt; 7, a&lt;b and c&gt;d.</p>"
    "<p>Smith &amp; Co, R&amp;D, Q&amp;A and AT&amp;T are names.</p>"
    '<p style="font-size: 10pt">A note at 10 pt, the smallest size allowed.</p>'
    + figure("Figure 1. Reads per camera in one week.")
    + f'<p><img src="{ICON}" width="16" height="16" alt=""> A 16 px icon needs no caption.</p>'
)


def html(body: str, lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Handout</title><style>'
        "body { margin: 0; font-family: 'DejaVu Sans', sans-serif; font-size: 12pt; }"
        f"</style></head><body>{body}</body></html>"
    )


@pytest.fixture
def print_pdf(browser, tmp_path: Path) -> Callable[..., Path]:
    """print_pdf(body, paper="Letter", margin=MARGINS, landscape=False): the body printed to a PDF by Chromium."""

    def make(body: str, paper: str = "Letter", margin: dict = MARGINS, landscape: bool = False) -> Path:
        page = browser.new_page()
        try:
            page.set_content(html(body))
            path = tmp_path / f"handout-{len(list(tmp_path.iterdir()))}.pdf"
            page.pdf(path=str(path), format=paper, print_background=True, margin=margin, landscape=landscape)
        finally:
            page.close()
        return path

    return make


def one_problem_saying(found: list[str], *words: str) -> str:
    """The one problem in `found` that says every word in `words` (case-sensitive), failing with the list if none."""
    matching = [problem for problem in found if all(word in problem for word in words)]
    assert matching, f"no problem says {words}: {found}"
    return matching[0]


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_a_good_handout_has_no_problem(print_pdf, paper: str) -> None:
    pdf = print_pdf(GOOD, paper=paper)
    assert pdf_check.problems(pdf, paper, max_pages=1) == []
    assert pdf_check.pages(pdf) == 1
    text = pdf_check.text_of(pdf)
    assert "Figure 1. Reads per camera" in text and "Smith & Co, R&D" in text and "5 < 7, a<b and c>d" in text


@pytest.mark.parametrize(
    ("css", "shown"),
    [("font-size: 9pt", "9 pt"), ("font-size: 12px", "9 pt"), ("font-size: 13px", "9.67 pt")],
    ids=["9pt", "12px-is-9pt", "13px-is-9.75pt"],
)
def test_text_under_10_pt_is_reported_with_its_size_and_text(print_pdf, css: str, shown: str) -> None:
    pdf = print_pdf(GOOD + f'<p style="{css}">The fine print nobody reads.</p>')
    found = pdf_check.problems(pdf, "Letter")
    assert len(found) == 1, found
    one_problem_saying(found, "smaller than 10 pt", f"smallest is {shown}", "The fine print nobody reads.")
    assert pdf_check.problems(pdf, "Letter", smallest_pt=9.0) == []  # the limit is a parameter


def test_a_too_wide_table_is_reported_because_chromium_shrinks_the_page_to_fit(print_pdf) -> None:
    row = "".join(f"<td>Camera {n} read 1,204 plates</td>" for n in range(1, 9))
    pdf = print_pdf(GOOD + f'<table style="width: 1100px"><tr>{row}</tr></table>')
    found = pdf_check.problems(pdf, "Letter")
    # Chromium scales the whole page down until the table fits, so the 12 pt text prints under 10 pt
    one_problem_saying(found, "smaller than 10 pt", "line(s) on page 1; the smallest is")


def test_an_image_pushed_past_the_right_edge_is_reported(print_pdf) -> None:
    body = f'<div style="padding: 0.5in">{GOOD}{figure("Figure 2. Pushed right.", "margin-left: 500px")}</div>'
    found = pdf_check.problems(print_pdf(body, margin=NO_MARGINS), "Letter")
    one_problem_saying(found, "page 1", "within 3 mm of the right edge")


def test_a_line_that_runs_off_the_paper_is_reported(print_pdf) -> None:
    line = "A plate read keeps the time and place of a car. " * 12
    body = f'<div style="padding: 0.5in">{GOOD}<p style="white-space: nowrap">{line}</p></div>'
    found = pdf_check.problems(print_pdf(body, margin=NO_MARGINS), "Letter")
    one_problem_saying(found, "page 1", "text runs past the right edge", '"A plate read keeps the time')
    one_problem_saying(found, "page 1", "within 3 mm of the right edge")


def test_html_escaped_twice_is_reported(print_pdf) -> None:
    # The source says &amp;lt;b&amp;gt;: the page shows "&lt;b&gt;Stop&lt;/b&gt;" instead of "<b>Stop</b>"
    pdf = print_pdf(GOOD + "<p>Answer: &amp;lt;b&amp;gt;Stop&amp;lt;/b&amp;gt; O&amp;#39;Brien &amp;amp; sons</p>")
    assert "&lt;b&gt;Stop" in pdf_check.text_of(pdf)
    found = pdf_check.problems(pdf, "Letter")
    assert len(found) == 1, found
    problem = one_problem_saying(found, "page 1", "escaped HTML entities", "escaped twice", '"&lt;"', '"&gt;"')
    assert '"&amp;"' not in problem  # at most three samples, in order of appearance
    assert pdf_check.problems(print_pdf(GOOD + "<p>O&amp;#39;Brien</p>"), "Letter") == [
        'page 1: escaped HTML entities are printed as text ("&#39;"): text was escaped twice'
    ]


def test_a_tag_shown_as_text_is_reported(print_pdf) -> None:
    # The source says &lt;b&gt;: the page shows the tag itself, as if a student's HTML were printed as its source
    pdf = print_pdf(GOOD + "<p>My answer: &lt;b&gt;ban them&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;</p>")
    assert "<b>ban them</b>" in pdf_check.text_of(pdf)
    found = pdf_check.problems(pdf, "Letter")
    assert len(found) == 1, found
    one_problem_saying(found, "page 1", "HTML tags are printed as text", '"<b>"', '"</b>"', '"<img src=x')


def test_a_figure_without_its_caption_is_reported(print_pdf) -> None:
    pdf = print_pdf(GOOD + f'<p><img src="{FIGURE}" width="320" height="180" alt="Map of cameras"></p>')
    found = pdf_check.problems(pdf, "Letter")
    assert found == ['page 1: 2 figure(s) but 1 caption(s) starting "Figure <number>.": a figure has no caption']


def test_a_caption_number_used_twice_is_reported(print_pdf) -> None:
    pdf = print_pdf(GOOD + '<div style="break-before: page">' + figure("Figure 1. The same number again.") + "</div>")
    found = pdf_check.problems(pdf, "Letter")
    assert found == ['caption number 1 ("Figure 1.") is used 2 times, on pages 1-2']


def test_spanish_captions_count_when_the_caption_word_is_figura(print_pdf) -> None:
    pdf = print_pdf(GOOD.replace("Figure 1. Reads per camera", "Figura 1. Lecturas por cámara"))
    assert pdf_check.problems(pdf, "Letter", caption_word="Figura") == []
    one_problem_saying(pdf_check.problems(pdf, "Letter"), "1 figure(s) but 0 caption(s)", '"Figure <number>."')


def test_more_pages_than_allowed_are_reported(print_pdf) -> None:
    sheets = "".join(f'<section style="break-after: page"><p>Worksheet page {n}</p></section>' for n in range(1, 6))
    pdf = print_pdf(GOOD + sheets)
    assert pdf_check.pages(pdf) == 5
    assert pdf_check.problems(pdf, "Letter", max_pages=4) == ["the PDF has 5 pages, more than the 4 allowed"]
    assert pdf_check.problems(pdf, "Letter", max_pages=5) == []
    assert pdf_check.problems(pdf, "Letter") == []


@pytest.mark.parametrize(
    ("printed", "landscape", "checked_as", "says"),
    [
        ("A4", False, "Letter", ("(A4, portrait), not Letter portrait (612 x 792 pt)",)),
        ("Letter", False, "A4", ("612 x 792 pt (Letter, portrait), not A4 portrait",)),
        ("Letter", True, "Letter", ("792 x 612 pt (Letter, landscape), not Letter portrait",)),
    ],
    ids=["A4-as-Letter", "Letter-as-A4", "landscape-Letter"],
)
def test_the_wrong_paper_is_reported(print_pdf, printed: str, landscape: bool, checked_as: str, says: tuple) -> None:
    found = pdf_check.problems(print_pdf(GOOD, paper=printed, landscape=landscape), checked_as)
    assert len(found) == 1, found
    one_problem_saying(found, "page 1: the paper is", *says)


def test_a_file_that_is_not_a_pdf_is_one_problem_and_an_unknown_paper_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_text("<html>not a PDF</html>")
    [problem] = pdf_check.problems(broken, "A4")
    assert problem.startswith("broken.pdf cannot be read as a PDF: pdfinfo failed")
    with pytest.raises(ValueError, match="Letter"):
        pdf_check.problems(broken, "Legal")
