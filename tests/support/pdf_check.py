"""Print-quality checks for the handout PDFs that `make handouts` prints with Chromium (Letter and A4, English and Spanish).

`problems(pdf, paper)` lists in plain sentences what would spoil a printed handout, and is empty when the PDF is fine:

a. a page that is not the paper's size (within 1 pt) or not portrait;
b. text smaller than 10 pt (the real size on paper, as the PDF draws it);
c. anything cut at the paper's edge: a text line that runs past the page, or ink in the 3 mm strip along an edge,
   which most printers cannot print;
d. typed or data text shown as HTML source (`<b>`, `</p>`, `&lt;`, `&amp;`, `&#39;` ...), i.e. escaped twice or
   inserted as source;
e. a figure without its caption ("Figure 2." or, in Spanish, "Figura 2."), or a caption number used twice;
f. more pages than allowed.

It reads the PDF with poppler's command-line tools (Debian's poppler-utils: pdfinfo, pdftotext, pdftohtml, pdftoppm,
pdfimages), so it judges the file a teacher prints, not the HTML it came from. Two things Chromium does that matter:
it prints a CSS px as 0.75 pt (12px text is 9 pt on paper), and it shrinks a page whose content is too wide to fit
the paper (up to a limit, beyond which it cuts the content at the margin), so a too-wide table usually shows up here
as text smaller than 10 pt. Used by tests/test_pdf_check.py and the handout tests.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

# Page sizes in points (1/72 in), width x height, portrait. Chromium's A4 (Playwright's format="A4") comes out
# 595.92 x 842.88 pt, 0.99 pt taller than ISO A4: still inside the 1 pt tolerance.
PAPER: dict[str, tuple[float, float]] = {"Letter": (612.0, 792.0), "A4": (595.28, 841.89)}
SIZE_TOLERANCE_PT = 1.0
# pdftohtml writes positions and font sizes as whole numbers of its output units; at its largest zoom (3) a unit
# is a third of a point, so sizes are measured to 1/3 pt (9.75 pt text reads as 9.67, 10 pt as 10).
ZOOM = 3
EDGE_MM = 3.0  # the strip along each paper edge that must stay blank
RENDER_DPI = 60  # 3 mm = 7 pixels at 60 dpi
INK_BELOW = 250  # a grey level (0 black .. 255 white) darker than this is ink
SMALLEST_FIGURE_PX = 50  # images narrower or lower than this (icons, bullets) need no caption
TEXT_SAMPLE = 60  # characters of text quoted in a problem

# HTML shown as text. A tag is a closing tag, a comment or doctype, or a known element name either bare (`<b>`,
# `<br/>`) or with an attribute=value (`<img src=x>`): "a < b" or "a<b and c>d" is ordinary text, not a tag.
_ELEMENTS = (
    "a|abbr|article|aside|b|blockquote|body|br|button|caption|code|dd|details|div|dl|dt|em|figcaption|figure|"
    "footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|main|mark|meta|nav|object|ol|option|"
    "p|pre|q|s|script|section|select|small|span|strong|style|sub|summary|sup|svg|table|tbody|td|textarea|tfoot|th|"
    "thead|title|tr|u|ul|video"
)
_TAG = re.compile(
    rf"</[A-Za-z][A-Za-z0-9]*\s*>|<!--|<!DOCTYPE|<(?:{_ELEMENTS})\s*/?>"
    rf"|<(?:{_ELEMENTS})\s[^<>]*?[A-Za-z-]+\s*=[^<>]*>",
    re.IGNORECASE,
)
# An escaped entity (&lt; &amp; &quot; &eacute; &#39; &#x27;): "Smith & Co" or "R&D" is ordinary text.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# Chromium draws "fi", "fl", "ff" ... as one ligature glyph, which the tools extract as one character (U+FB00-FB06)
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)

_PDFTOHTML_PAGE = re.compile(r'<page number="(\d+)"[^>]*?height="(\d+)" width="(\d+)"')
_FONTSPEC = re.compile(r'<fontspec id="(\d+)" size="(-?\d+)"')
_TEXT = re.compile(
    r'<text top="(-?\d+)" left="(-?\d+)" width="(-?\d+)" height="(-?\d+)" font="(\d+)">(.*?)</text>', re.DOTALL
)
_PAGE_SIZE = re.compile(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts", re.MULTILINE)
_PAGE_ROT = re.compile(r"^Page\s+(\d+) rot:\s+(\d+)", re.MULTILINE)


@dataclass(frozen=True)
class _Line:
    """One line of text as pdftohtml places it, in points from the page's top left corner."""

    page: int
    top: float
    left: float
    width: float
    height: float
    size: float
    text: str


def _poppler(tool: str, *args: str | Path) -> str:
    """Run one poppler-utils tool and return what it printed; raise with its message if it fails."""
    exe = shutil.which(tool) or f"/usr/bin/{tool}"
    if not Path(exe).exists():
        raise RuntimeError(f"{tool} is missing: install Debian's poppler-utils")
    done = subprocess.run([exe, *map(str, args)], capture_output=True, timeout=300, check=False)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip()
        raise RuntimeError(f"{tool} failed on {args[-1]}: {message}")
    return done.stdout.decode("utf-8", errors="replace")


def pages(pdf: Path) -> int:
    """Number of pages (pdfinfo), for a test that wants the count without the other checks."""
    found = re.search(r"^Pages:\s+(\d+)", _poppler("pdfinfo", pdf), re.MULTILINE)
    if not found:
        raise RuntimeError(f"pdfinfo gave no page count for {pdf}")
    return int(found.group(1))


def text_of(pdf: Path) -> str:
    """All the text of the PDF in reading layout (pdftotext -layout, UTF-8), pages separated by form feeds.

    For tests that look for a heading, an answer or a Spanish word in the printed handout; ligatures are spelt out
    ("ﬁ" as "fi"), so that "find" is found.
    """
    return _poppler("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").translate(_LIGATURES)


def _page_texts(pdf: Path, count: int) -> list[str]:
    """The text of each page, in order (pdftotext ends every page with a form feed)."""
    texts = text_of(pdf).split("\f")
    return (texts + [""] * count)[:count]


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text[:TEXT_SAMPLE]}…"' if len(text) > TEXT_SAMPLE else f'"{text}"'


def _pt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _pages_named(numbers: list[int]) -> str:
    """'page 3', 'pages 1-5' or 'pages 1, 2 and 4'."""
    numbers = sorted(set(numbers))
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"pages {numbers[0]}-{numbers[-1]}"
    return "pages " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _paper_name(width: float, height: float) -> str:
    """The paper's name whichever way round it is ("Letter", "A4"), or "an unknown size"."""
    short, long = sorted((width, height))
    for name, (w, h) in PAPER.items():
        if abs(short - w) <= SIZE_TOLERANCE_PT and abs(long - h) <= SIZE_TOLERANCE_PT:
            return name
    return "an unknown size"


def _size_problems(info: str, paper: str) -> list[str]:
    """(a) Every page the paper's size, within 1 pt, and portrait (pdfinfo's size, turned by the page's rotation)."""
    want_w, want_h = PAPER[paper]
    rotation = {int(n): int(r) for n, r in _PAGE_ROT.findall(info)}
    wrong: dict[tuple[float, float], list[int]] = defaultdict(list)
    for number, w, h in _PAGE_SIZE.findall(info):
        width, height = float(w), float(h)
        if rotation.get(int(number), 0) % 180 == 90:
            width, height = height, width
        if abs(width - want_w) > SIZE_TOLERANCE_PT or abs(height - want_h) > SIZE_TOLERANCE_PT:
            wrong[(width, height)].append(int(number))
    found = []
    for (width, height), numbers in wrong.items():
        shape = "landscape" if width > height else "portrait"
        found.append(
            f"{_pages_named(numbers)}: the paper is {_pt(width)} x {_pt(height)} pt ({_paper_name(width, height)}, "
            f"{shape}), not {paper} portrait ({_pt(want_w)} x {_pt(want_h)} pt)"
        )
    return found


def _lines(pdf: Path) -> tuple[list[_Line], dict[int, tuple[float, float]]]:
    """Every text line with its box and font size in points, and each page's width and height (pdftohtml -xml).

    pdftohtml gives one <fontspec size> per font and size as drawn (the text matrix included, so text scaled down
    by CSS is measured small) and one <text top left width height font> per line, all in its units of 1/ZOOM pt.
    """
    xml = _poppler("pdftohtml", "-xml", "-i", "-q", "-zoom", str(ZOOM), "-stdout", pdf)
    sizes: dict[str, float] = {}
    lines: list[_Line] = []
    paper: dict[int, tuple[float, float]] = {}
    page = 0
    # fontspecs, texts and pages come in document order; a fontspec id holds for the rest of the document
    pattern = re.compile(f"{_PDFTOHTML_PAGE.pattern}|{_FONTSPEC.pattern}|{_TEXT.pattern}", re.DOTALL)
    for match in pattern.finditer(xml):
        g = match.groups()
        if g[0] is not None:
            page = int(g[0])
            paper[page] = (int(g[2]) / ZOOM, int(g[1]) / ZOOM)
        elif g[3] is not None:
            sizes[g[3]] = abs(int(g[4])) / ZOOM
        else:
            top, left, width, height = (int(v) / ZOOM for v in g[5:9])
            text = html.unescape(re.sub(r"<[^>]*>", "", g[10])).translate(_LIGATURES)
            if text.strip():
                lines.append(_Line(page, top, left, width, height, sizes.get(g[9], 0.0), text))
    return lines, paper


def _font_problems(lines: list[_Line], smallest_pt: float) -> list[str]:
    """(b) No text smaller than smallest_pt points: one sentence with the smallest size and its text."""
    small = [line for line in lines if line.size < smallest_pt - 0.01]
    if not small:
        return []
    worst = min(small, key=lambda line: line.size)
    where = _pages_named([line.page for line in small])
    return [
        f"text smaller than {_pt(smallest_pt)} pt: {len(small)} line(s) on {where}; the smallest is "
        f"{_pt(worst.size)} pt on page {worst.page}: {_quote(worst.text)}"
    ]


def _text_edge_problems(lines: list[_Line], paper: dict[int, tuple[float, float]]) -> list[str]:
    """(c) Every text line inside its page (pdftohtml's boxes, within 1 pt)."""
    off: dict[tuple[int, str], list[_Line]] = defaultdict(list)
    tol = SIZE_TOLERANCE_PT
    for line in lines:
        width, height = paper.get(line.page, (0.0, 0.0))
        edges = {
            "left": line.left < -tol,
            "top": line.top < -tol,
            "right": line.left + line.width > width + tol,
            "bottom": line.top + line.height > height + tol,
        }
        for edge, outside in edges.items():
            if outside:
                off[(line.page, edge)].append(line)
    return [
        f"page {page}: text runs past the {edge} edge of the paper and is cut off: {_quote(found[0].text)}"
        for (page, edge), found in sorted(off.items())
    ]


def _ink_problems(pdf: Path) -> list[str]:
    """(c) The strip of EDGE_MM along each paper edge is blank on every page (pdftoppm, grey, RENDER_DPI).

    Chromium cuts whatever lies past the paper, so cut content shows as ink reaching into this strip; most
    printers cannot print there either.
    """
    strip = max(1, int(EDGE_MM / 25.4 * RENDER_DPI))
    found = []
    with tempfile.TemporaryDirectory(prefix="pdf-check-") as scratch:
        _poppler("pdftoppm", "-r", str(RENDER_DPI), "-gray", pdf, Path(scratch) / "page")
        rendered = sorted(Path(scratch).glob("page-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        for number, path in enumerate(rendered, start=1):
            with Image.open(path) as image:
                grey = np.asarray(image.convert("L"))
            strips = {
                "top": grey[:strip, :],
                "bottom": grey[-strip:, :],
                "left": grey[:, :strip],
                "right": grey[:, -strip:],
            }
            inked = [edge for edge, part in strips.items() if (part < INK_BELOW).any()]
            if inked:
                edges = f"{', '.join(inked[:-1])} and {inked[-1]} edges" if len(inked) > 1 else f"{inked[0]} edge"
                found.append(
                    f"page {number}: something is printed within {_pt(EDGE_MM)} mm of the {edges} of the paper,"
                    " so it is cut off or too close to the edge for a printer"
                )
    return found


def _html_problems(texts: list[str]) -> list[str]:
    """(d) No HTML tag or escaped entity in the text of any page."""
    found = []
    for number, text in enumerate(texts, start=1):
        tags = list(dict.fromkeys(m.group(0) for m in _TAG.finditer(text)))
        if tags:
            shown = ", ".join(_quote(tag) for tag in tags[:3])
            found.append(f"page {number}: HTML tags are printed as text ({shown}): text was inserted as HTML source")
        entities = list(dict.fromkeys(m.group(0) for m in _ENTITY.finditer(text)))
        if entities:
            shown = ", ".join(f'"{entity}"' for entity in entities[:3])
            found.append(f"page {number}: escaped HTML entities are printed as text ({shown}): text was escaped twice")
    return found


def _figure_counts(pdf: Path) -> Counter[int]:
    """Images drawn on each page (pdfimages -list), leaving out masks and images under SMALLEST_FIGURE_PX."""
    counts: Counter[int] = Counter()
    for row in _poppler("pdfimages", "-list", pdf).splitlines()[2:]:
        fields = row.split()
        if len(fields) < 5 or not fields[0].isdigit():
            continue
        page, kind, width, height = int(fields[0]), fields[2], int(fields[3]), int(fields[4])
        if kind == "image" and width >= SMALLEST_FIGURE_PX and height >= SMALLEST_FIGURE_PX:
            counts[page] += 1
    return counts


def _caption_problems(pdf: Path, texts: list[str], caption_word: str) -> list[str]:
    """(e) At least as many captions ('<caption_word> <number>.' starting a line or a column) as figures on each
    page, and no caption number used twice in the document."""
    caption = re.compile(
        rf"(?:^[ \t\u00a0]*|[ \t\u00a0]{{2,}}){re.escape(caption_word)}[ \t\u00a0]+(\d+)\.(?!\d)", re.MULTILINE
    )
    numbers: dict[int, list[int]] = defaultdict(list)
    found = []
    figures = _figure_counts(pdf)
    for number, text in enumerate(texts, start=1):
        captions = [int(n) for n in caption.findall(text)]
        for n in captions:
            numbers[n].append(number)
        if figures[number] > len(captions):
            found.append(
                f"page {number}: {figures[number]} figure(s) but {len(captions)} caption(s) starting "
                f'"{caption_word} <number>.": a figure has no caption'
            )
    for n, where in sorted(numbers.items()):
        if len(where) > 1:
            found.append(
                f'caption number {n} ("{caption_word} {n}.") is used {len(where)} times, on {_pages_named(where)}'
            )
    return found


def problems(
    pdf: Path,
    paper: str,
    *,
    max_pages: int | None = None,
    caption_word: str = "Figure",
    smallest_pt: float = 10.0,
) -> list[str]:
    """What would spoil this PDF on paper, one plain sentence per problem; [] when it is fine.

    paper: "Letter" or "A4" (PAPER). max_pages: the most pages allowed, if any. caption_word: "Figure", or "Figura"
    for the Spanish handouts. smallest_pt: the smallest text allowed, in points on paper.
    """
    if paper not in PAPER:
        raise ValueError(f"paper must be one of {sorted(PAPER)}, not {paper!r}")
    pdf = Path(pdf)
    try:
        count = pages(pdf)
        info = _poppler("pdfinfo", "-f", "1", "-l", str(count), pdf)
    except RuntimeError as error:
        return [f"{pdf.name} cannot be read as a PDF: {error}"]
    found: list[str] = []
    if max_pages is not None and count > max_pages:
        found.append(f"the PDF has {count} pages, more than the {max_pages} allowed")
    found += _size_problems(info, paper)
    lines, page_boxes = _lines(pdf)
    found += _font_problems(lines, smallest_pt)
    found += _text_edge_problems(lines, page_boxes)
    found += _ink_problems(pdf)
    texts = _page_texts(pdf, count)
    found += _html_problems(texts)
    found += _caption_problems(pdf, texts, caption_word)
    return found
