"""The printable stand page in a real browser (Debian's headless Chromium): the student's words show as text,
typed HTML and script never become elements or run, and each figure is an <img> with alt text that loads."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from platetrails import answer_key as truth
from platetrails import evidence_catalogue, position_page
from platetrails.facts import load_facts
from platetrails.states.evidence import compute_stand

pytestmark = pytest.mark.browser  # pytest-playwright's browser fixture launches Debian's Chromium (conftest)

REASONING = (
    "Readers find stolen cars.\n\n<script>window.__hacked = 1; alert('x')</script>"
    '<img src=x onerror="window.__hacked = 2"> & <h1>BIG</h1> "quotes"'
)
REBUTTAL = "They say 99% of reads are innocent. <b>But</b> alerts only <iframe src='https://example.org'></iframe>"
NAME = "Ana <marquee>López</marquee>"
CHOSEN = ["mesa_trial", "town_labels", "retention"]


@pytest.fixture(scope="module")
def page_path(town_data, answer_key, tmp_path_factory) -> Path:
    catalogue = evidence_catalogue.EvidenceCatalogue(town_data, load_facts(), answer_key, truth.case_plates(answer_key))
    state = compute_stand(catalogue, "use_with_rules", CHOSEN, REASONING, REBUTTAL, NAME)
    return position_page.write_page(state, tmp_path_factory.mktemp("stand"), when="2026-01-01 10:00")


def test_the_page_shows_the_students_words_as_text_and_runs_nothing(browser, page_path: Path) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    typed = page.locator(".typed")
    assert typed.count() == 2
    assert typed.nth(0).inner_text() == REASONING  # line breaks kept, every character shown as typed
    assert typed.nth(1).inner_text() == REBUTTAL
    assert NAME in page.locator(".who").inner_text()
    assert page.locator("script, iframe, marquee, h1 + h1").count() == 0
    assert page.locator("h1").count() == 1 and page.locator(".typed *").count() == 0
    assert page.evaluate("window.__hacked") is None and dialogs == []
    assert all(url.startswith(("file://", "data:")) for url in requests), requests  # nothing fetched from outside
    assert NAME in page.title()
    page.close()


def test_the_figures_are_images_with_alt_text_that_load(browser, page_path: Path) -> None:
    page = browser.new_page()
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    images = page.locator("img")
    assert images.count() == 1 + len(CHOSEN)
    for i in range(images.count()):
        img = images.nth(i)
        assert len(img.get_attribute("alt") or "") > 40
        assert img.evaluate("el => el.complete && el.naturalWidth") == 840
    sections = page.locator("section.evidence")
    assert [sections.nth(i).get_attribute("id") for i in range(sections.count())] == CHOSEN
    assert "Use them, with public rules" in page.locator("body").inner_text()
    assert page.locator("section.evidence .source a").count() >= len(CHOSEN) - 1  # the made-up town has no link
    page.close()


def test_the_page_prints(browser, page_path: Path, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(page_path.as_uri())
    page.emulate_media(media="print")
    start = time.perf_counter()
    pdf = page.pdf(path=str(tmp_path / "stand.pdf"), format="Letter")
    assert pdf[:4] == b"%PDF" and len(pdf) > 20_000 and time.perf_counter() - start < 30
    width = page.evaluate("Math.max(...[...document.images].map(i => i.getBoundingClientRect().right))")
    assert width <= page.evaluate("document.documentElement.clientWidth") + 1  # no figure runs off the paper
    page.close()
