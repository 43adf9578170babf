"""Print HTML pages to PDF with Debian's Chromium through Playwright (the engine the browser tests already use),
with page numbers in the footer."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

PAPERS = ("Letter", "A4")
MARGIN = {"top": "12mm", "bottom": "15mm", "left": "14mm", "right": "14mm"}
FOOTER = (
    "<div style='font-family: DejaVu Sans, Arial, sans-serif; font-size: 10pt; width: 100%; margin: 0 14mm; "
    "display: flex; justify-content: space-between'><span>{left}</span>"
    "<span>{page} <span class='pageNumber'></span> {of} <span class='totalPages'></span></span></div>"
)


def chromium_path() -> str:
    """Debian's Chromium (or $CHROMIUM): the handouts print with the browser the tests use."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).exists():
        raise SystemExit("Chromium is needed to print the handouts: on Debian, apt-get install chromium")
    return found


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser
        finally:
            browser.close()


def print_pdf(browser: Browser, page_html: str, paper: str, footer: str, words: tuple[str, str], out: Path) -> None:
    """One HTML page to one PDF on `paper`, its footer saying `footer` and "page X of Y" in the page's words."""
    out.parent.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    try:
        page.set_content(page_html, wait_until="load")
        page.emulate_media(media="print")
        page.pdf(
            path=str(out),
            format=paper,
            margin=MARGIN,
            print_background=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER.format(left=html.escape(footer), page=words[0], of=words[1]),
        )
    finally:
        page.close()


def page_texts(pdf: Path) -> list[str]:
    """A printed PDF's text, page by page (poppler's pdftotext), to find where each section landed."""
    if shutil.which("pdftotext") is None:
        raise SystemExit("poppler's pdftotext is needed to number the guide's contents: apt-get install poppler-utils")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True)
    return text.stdout.split("\f")[:-1]
