"""`make handouts` on paper (issue #24): every PDF, in both papers and both languages, passes the print checks
(size, text of 10 pt or more, nothing off the page, no raw HTML, a caption for every figure, a worksheet of at
most four pages and a plan of one), and the keys' numbers are the widgets' own for the same controls."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from handouts.__main__ import KINDS, build
from handouts.guide_parts import GUIDE, TROUBLESHOOTING, sections
from handouts.lesson_parts import NUMBERS, lesson
from handouts.pages import flat
from handouts.printing import PAPERS
from handouts.words import LANGUAGES, word
from tests.support import pdf_check

pytestmark = pytest.mark.browser
MOST_PAGES = {"worksheet": 4, "key": None, "plan": 1}
CAPTION_WORD = {"en": "Figure", "es": "Figura"}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, browser) -> Path:
    """Every handout, printed with pytest-playwright's Chromium (a second Playwright in one process cannot start)."""
    out = tmp_path_factory.mktemp("handouts")
    written = build(out, browser=browser)
    assert len(written) == len(LANGUAGES) * len(NUMBERS) * len(KINDS) * len(PAPERS) + len(PAPERS)
    return out


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("paper", PAPERS)
def test_every_pdf_passes_the_print_checks(printed: Path, paper: str, language: str) -> None:
    found = {}
    for number in NUMBERS:
        for kind in KINDS:
            pdf = printed / language / paper.lower() / f"{number}-{kind}.pdf"
            found[pdf.name] = pdf_check.problems(
                pdf, paper, max_pages=MOST_PAGES[kind], caption_word=CAPTION_WORD[language]
            )
    if language == "en":
        found["guide.pdf"] = pdf_check.problems(printed / "en" / paper.lower() / "guide.pdf", paper)
    assert {name: p for name, p in found.items() if p} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_worksheet_has_every_prompt_and_a_plan_the_exit_ticket_in_its_language(printed: Path, language: str) -> None:
    for number in NUMBERS:
        text = flat(pdf_check.text_of(printed / language / "letter" / f"{number}-worksheet.pdf"))
        shown = lesson(number, language)
        assert flat(shown.title) in text
        for part in shown.parts:
            if part.kind in ("predict", "try", "discuss", "activity", "exit"):
                first_line = flat(part.text.strip().splitlines()[-1 if part.kind == "activity" else 0])
                assert first_line[:60] in text, (number, part.kind, first_line[:60])
        plan = flat(pdf_check.text_of(printed / language / "a4" / f"{number}-plan.pdf"))
        exit_ticket = flat(re.sub(r"^\*\*[^*]+\*\*", "", shown.of_kind("exit")[0].text))
        assert exit_ticket[:60] in plan and word(language, "fail") in plan, number


def widget_sentence(name: str, language: str) -> str:
    """The widget's sentence at its starting controls, built here on the class data, not by the handouts."""
    from platetrails import lab
    from platetrails.i18n import using_language

    with using_language(language):
        return " ".join(lab.build_widget(name).sentence.split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_keys_numbers_are_what_the_widgets_and_the_data_show(printed: Path, language: str) -> None:
    from handouts.pages import key_pictures_only
    from platetrails import questions
    from platetrails.i18n import using_language

    for number in NUMBERS:
        text = flat(pdf_check.text_of(printed / language / "letter" / f"{number}-key.pdf"))
        shown = lesson(number, language)
        pictures = [p.text for p in key_pictures_only(shown.parts) if p.kind == "figure"]
        for n, name in enumerate(pictures, start=1):
            expected = flat(word(language, "at_start", n=n, sentence=widget_sentence(name, language)))
            assert expected in text, (number, name)
            assert re.findall(r"\d[\d,.]*%?", expected), "a key picture's line carries numbers"
        for part in shown.of_kind("predict"):
            question = questions.find(part.question)
            if question.choices:
                with using_language(language):
                    label = question.choice_label(question.data_shows())
                assert flat(word(language, "supported", choice=label)) in text, part.question
        # The guide's task answers, which tests/test_task_answers.py checks against the widgets set as each
        # task asks, are in the key number for number.
        answers = re.findall(r"^- \*Task answers.*?(?=^\S|^- |\Z)", sections()[number].key, re.M | re.S)
        assert answers, number
        for bullet in answers:
            for figure in re.findall(r"\d[\d,]*(?:\.\d+)?%?", bullet):
                assert figure in text, (number, figure)


def squeezed(text: str) -> str:
    """Text without spaces, hyphens or markdown marks: a title wrapped or hyphenated across lines still matches."""
    return re.sub(r"[\s\-*_`]", "", text)


@pytest.mark.parametrize("paper", PAPERS)
def test_the_guides_contents_give_the_page_each_section_starts_on(printed: Path, paper: str) -> None:
    guide = printed / "en" / paper.lower() / "guide.pdf"
    headings = re.findall(r"^## (.+)$", GUIDE.read_text(encoding="utf-8"), re.M)
    headings.append(re.findall(r"^# (.+)$", TROUBLESHOOTING.read_text(encoding="utf-8"), re.M)[0])  # the last section
    contents = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(guide), "-"], capture_output=True, text=True, check=True
    ).stdout
    numbers = [int(n) for n in re.findall(r"\s(\d+)\s*$", contents.split("Contents", 1)[1], re.M)[: len(headings)]]
    assert len(numbers) == len(headings) and numbers == sorted(numbers) and numbers[-1] > 10
    for heading, number in zip(headings, numbers):
        page = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(guide), "-"], capture_output=True, text=True
        ).stdout
        assert squeezed(heading) in squeezed(page), (heading, number)
