"""`python -m handouts [--out FOLDER] [--language en es] [--paper Letter A4] [--notebook 04 ...]`: print every
lesson's worksheet, key and plan, and the guide, as PDFs into FOLDER/<language>/<paper>/ (default build/handouts)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from playwright.sync_api import Browser  # noqa: E402

from handouts import pages  # noqa: E402
from handouts.guide_parts import sections  # noqa: E402
from handouts.lesson_parts import NUMBERS, ROOT, lesson  # noqa: E402
from handouts.printing import PAPERS, chromium, page_texts, print_pdf  # noqa: E402
from handouts.words import LANGUAGES, word  # noqa: E402

OUT = ROOT / "build" / "handouts"
KINDS = ("worksheet", "key", "plan")


def build(
    out: Path = OUT,
    languages: tuple[str, ...] = LANGUAGES,
    papers: tuple[str, ...] = PAPERS,
    numbers: tuple[str, ...] = NUMBERS,
    with_guide: bool = True,
    browser: Browser | None = None,
) -> list[Path]:
    """Write the PDFs; return their paths. `browser`: a Chromium already running (the tests'), else one is started."""
    if browser is None:
        with chromium() as started:
            return build(out, languages, papers, numbers, with_guide, started)
    guide = sections()
    written = []
    for language in languages:
        words = (word(language, "page"), word(language, "of"))
        for number in numbers:
            shown = lesson(number, language)
            made = {
                "worksheet": pages.worksheet(shown, language),
                "key": pages.key(shown, guide[number], language),
                "plan": pages.plan(shown, guide[number], language),
            }
            for kind in KINDS:
                footer = f"Plate Trails · {word(language, 'notebook', n=number)} · {word(language, kind)}"
                for paper in papers:
                    path = out / language / paper.lower() / f"{number}-{kind}.pdf"
                    print_pdf(browser, made[kind], paper, footer, words, path)
                    written.append(path)
    if with_guide:
        for paper in papers:
            path = out / "en" / paper.lower() / "guide.pdf"
            footer = f"Plate Trails · {word('en', 'guide')}"
            print_pdf(browser, pages.guide("en"), paper, footer, ("page", "of"), path)
            on_page = pages.find_pages(page_texts(path), pages.guide_headings())
            print_pdf(browser, pages.guide("en", on_page), paper, footer, ("page", "of"), path)
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--language", nargs="+", default=list(LANGUAGES), choices=LANGUAGES)
    parser.add_argument("--paper", nargs="+", default=list(PAPERS), choices=PAPERS)
    parser.add_argument("--notebook", nargs="+", default=list(NUMBERS), choices=NUMBERS)
    parser.add_argument("--no-guide", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    written = build(args.out, tuple(args.language), tuple(args.paper), tuple(args.notebook), not args.no_guide)
    print(f"{len(written)} PDFs in {args.out} in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
