"""The handouts' parts (issue #24), without a browser: each lesson's prompts as the notebook has them, the guide's
sections, and the pages' HTML with every text escaped."""

from __future__ import annotations

import re

import nbformat
import pytest

from handouts import pages
from handouts.guide_parts import sections
from handouts.lesson_parts import NUMBERS, Lesson, Part, lesson, notebook_path
from tests.support.timing import lesson_cells

BOX = re.compile(r"widgets\.answer_box\(\"([^\"]+)\"\)")


@pytest.mark.parametrize("number", NUMBERS)
def test_a_lesson_has_every_send_box_question_of_the_lesson_cells_in_order(number: str) -> None:
    nb = nbformat.read(notebook_path(number), as_version=4)
    in_lesson = [q for cell in lesson_cells(nb) if cell.cell_type == "code" for q in BOX.findall(cell.source)]
    for language in ("en", "es"):
        shown = lesson(number, language)
        assert [p.question for p in shown.parts if p.question] == in_lesson, language
        assert len(shown.of_kind("exit")) == 1 and shown.of_kind("exit")[0].question == f"{number}-exit"


@pytest.mark.parametrize("number", NUMBERS)
def test_every_discussion_prompt_of_the_lesson_is_a_part_in_both_languages(number: str) -> None:
    nb = nbformat.read(notebook_path(number), as_version=4)
    prompts = [c.source.strip() for c in lesson_cells(nb) if c.source.lstrip().startswith("**Discuss:**")]
    english, spanish = lesson(number), lesson(number, "es")
    assert [p.text for p in english.of_kind("discuss")] == prompts
    assert [p.kind for p in spanish.parts] == [p.kind for p in english.parts]
    assert all(p.text != q.text for p, q in zip(spanish.of_kind("discuss"), english.of_kind("discuss")))


def test_a_key_picture_is_one_a_task_works_on() -> None:
    parts = (
        Part("heading", "A"),
        Part("figure", "ReadCard"),
        Part("discuss", "**Discuss:** x"),
        Part("figure", "AlertFinder"),
        Part("try", "**Now try:** y", "01-try-hotlist"),
        Part("heading", "B"),
        Part("figure", "HitRate"),
    )
    assert [p.text for p in pages.key_pictures_only(parts) if p.kind == "figure"] == ["AlertFinder"]


def test_the_guide_gives_each_notebook_its_plan_and_its_key_without_the_exit_ticket() -> None:
    found = sections()
    assert list(found) == list(NUMBERS)
    for number, section in found.items():
        assert (
            section.plan.startswith("| minutes |")
            and sum(int(row.split("|")[1]) for row in section.plan.splitlines()[2:]) <= 50
        )
        assert "Exit ticket" not in section.key and "guidance" in section.key.lower(), number
        assert "*Task answers" in section.key, number
        assert "| minutes |" not in section.intro and "| minutes |" not in section.key


def test_typed_html_in_any_part_prints_as_text() -> None:
    attack = "<img src=x onerror=alert(1)> & <b>bold</b>"
    shown = Lesson(
        "04", attack, f"- {attack}", (Part("heading", attack), Part("discuss", attack), Part("exit", attack))
    )
    made = pages.worksheet(shown, "en")
    assert "<img src=x" not in made and "<b>bold</b>" not in made
    # the page title, the heading, the aims, the section heading, the discussion prompt and the exit ticket
    assert made.count("&lt;img src=x onerror=alert(1)&gt;") == 6
    assert "<script" not in pages.guide("en")


def test_the_guides_contents_find_each_title_where_its_section_starts_not_where_it_is_mentioned() -> None:
    pages_text = [
        "Contents\nOne 00\nTwo, in a 50-minute class 00\n",  # the contents hold every title once
        "One\nSee Two, in a 50-minute class below.\n",  # a mention, not at the start of a line
        "Two, in a 50\nminute class\nThe section.\n",  # pdftotext joins the title's hyphenated word
    ]
    assert pages.find_pages(pages_text, ["One", "Two, in a 50-minute class"]) == {
        "One": 2,
        "Two, in a 50-minute class": 3,
    }
    with pytest.raises(ValueError, match="no section titled"):
        pages.find_pages(pages_text, ["One", "Three", "Two, in a 50-minute class"])


def test_a_printed_key_leaves_out_the_guides_notes_on_its_tests_and_nothing_else() -> None:
    text = (
        "Car D falls to 17. A test sets the switches as each task\n  asks and checks this line.\n\nA test counts them."
    )
    assert pages.for_paper(text) == "Car D falls to 17.\n\n"
    for number, section in sections().items():
        kept = pages.for_paper(section.key)
        assert "A test" not in kept and "*Task answers" in kept, number
        assert len(kept) > 0.9 * len(section.key), number


def test_a_class_activity_prints_without_its_words_on_the_widget() -> None:
    for language, widget_word in (("en", "widget"), ("es", "herramienta")):
        council = lesson("05", language).of_kind("activity")
        stand = lesson("06", language).of_kind("activity")
        assert len(council) == len(stand) == 1, language
        assert council[0].text.count("\n| ") >= 7, "the six role cards, as the notebook's table"
        assert len(re.findall(r"^\d\. ", stand[0].text, re.M)) == 3, "where I stand, my evidence, my reasoning"
        for part in (*council, *stand):
            assert widget_word not in part.text.lower() and not part.text.startswith("#"), language
    assert [lesson(n).of_kind("activity") for n in ("00", "01", "02", "03", "04")] == [[]] * 5
