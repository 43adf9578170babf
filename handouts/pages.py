"""The handouts as self-contained HTML pages for print: a worksheet, a key and a plan per lesson, and the guide.

Every word from a notebook, the guide or a widget goes through markdown with HTML escaped (mistune with
escape=True) or through html.escape, so typed or data text prints as text. Pictures are the widgets' own
figures at their starting settings, as the widget's own PNG (840 px wide, about 120 dots an inch on paper: some
pictures paste a background drawn once at screen resolution, so they cannot be drawn finer), each with its caption
and description.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import mistune

from handouts.guide_parts import GUIDE, TROUBLESHOOTING, GuideSection
from handouts.lesson_parts import Lesson, Part
from handouts.words import word

WRITING_LINES = {"predict": 2, "try": 4, "discuss": 3, "activity": 3, "exit": 3}
WRITING_ACTIVITY_LINES = 10  # a written activity (notebook 06's stand: claim, evidence, reasoning, rebuttal)
LINE_PT = 20  # college-ruled spacing (7 mm)
PLAN_COLUMNS = "| minutes | step | purpose |"  # the guide's plan tables' heading row

CSS = """
html { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 11pt; line-height: 1.35; color: #000; }
body { margin: 0; }
h1 { font-size: 17pt; margin: 0 0 4pt 0; }
h2 { font-size: 14pt; margin: 12pt 0 4pt 0; break-after: avoid; }
h3 { font-size: 12pt; margin: 10pt 0 3pt 0; break-after: avoid; }
p, li { margin: 3pt 0; }
ul, ol { margin: 3pt 0; padding-left: 18pt; }
.kind { font-size: 10pt; text-transform: uppercase; letter-spacing: 0.05em; margin: 0; }
.who { display: flex; gap: 24pt; margin: 6pt 0 8pt 0; font-size: 11pt; }
.who span { flex: 1; border-bottom: 1px solid #000; padding-bottom: 2pt; }
figure { margin: 6pt 0; break-inside: avoid; }
figure img { width: 100%; height: auto; display: block; }
figcaption { font-size: 10pt; margin-top: 2pt; }
.prompt { break-inside: avoid; margin: 8pt 0; }
.lines { background: repeating-linear-gradient(to bottom, transparent 0, transparent 19pt, #777 19pt, #777 20pt);
         margin-top: 2pt; }
.choices { margin: 3pt 0; }
.choices span { margin-right: 18pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 10pt; break-inside: auto; }
th, td { border: 1px solid #555; padding: 2pt 4pt; text-align: left; vertical-align: top; }
tr { break-inside: avoid; }
table { break-inside: avoid; }  /* a table longer than a page still breaks */
a { color: #000; text-decoration: none; }
code { font-family: 'DejaVu Sans Mono', monospace; font-size: 10pt; }
.computed li { margin: 4pt 0; }
nav li a { flex: 1; }
nav li { display: flex; gap: 8pt; }
nav li .pn { min-width: 2em; text-align: right; }
.plan p, .plan li { margin: 2pt 0; }
"""

_markdown = mistune.create_markdown(escape=True, plugins=["table"])


def markdown(text: str) -> str:
    """Markdown to HTML with any HTML in the text shown as text."""
    return str(_markdown(text))


def inline(text: str) -> str:
    """One paragraph of markdown, without the <p> around it."""
    return re.sub(r"^<p>|</p>\s*$", "", markdown(text).strip())


def page(title: str, language: str, body: str) -> str:
    return (
        f"<!doctype html><html lang='{html.escape(language)}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>{body}</body></html>"
    )


@dataclass(frozen=True)
class Picture:
    """A widget's figure at its starting settings: its PNG, its description, and its sentence."""

    png: bytes
    description: str
    sentence: str


@cache
def picture(widget: str, language: str) -> Picture:
    """The figure the widget draws on the class data when it opens, in `language`."""
    from platetrails import lab, style
    from platetrails.i18n import using_language

    with using_language(language):
        shown = lab.build_widget(widget, _made(language))
        return Picture(shown.png, style.description_of(shown.figure), shown.sentence)


@cache
def _made(language: str) -> dict[str, Any]:
    """The widgets' inputs, built once per language (some, like the evidence cards, hold translated text)."""
    return {}


def headline(sentence: str) -> str:
    """A widget's first sentence: the figure's caption."""
    first = sentence.strip().split("\n")[0]
    match = re.match(r"(.+?[.!?])(\s|$)", first)
    return match.group(1) if match else first


def figure_html(n: int, widget: str, language: str) -> str:
    shown = picture(widget, language)
    data = base64.b64encode(shown.png).decode("ascii")
    caption = f"<b>{html.escape(word(language, 'figure', n=n))}</b> {html.escape(headline(shown.sentence))}"
    described = f"<i>{html.escape(word(language, 'description'))}</i> {html.escape(shown.description)}"
    return (
        f"<figure><img src='data:image/png;base64,{data}' alt='{html.escape(shown.description, quote=True)}'>"
        f"<figcaption>{caption}<br>{described}</figcaption></figure>"
    )


def key_pictures_only(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """The lesson without the pictures no task works on: a key picture is one followed by a "Now try" before the
    next picture or heading (the others are in the notebook; the worksheet keeps to four pages)."""
    kept = []
    for i, part in enumerate(parts):
        if part.kind == "figure":
            after = next((p for p in parts[i + 1 :] if p.kind in ("figure", "heading", "try")), None)
            if after is None or after.kind != "try":
                continue
        kept.append(part)
    return tuple(kept)


def title_block(lesson: Lesson, language: str, kind: str) -> str:
    label = f"{word(language, 'notebook', n=lesson.number)} · {word(language, kind)}"
    return f"<p class='kind'>{html.escape(label)}</p><h1>{html.escape(lesson.title)}</h1>"


def lines(n: int) -> str:
    return f"<div class='lines' style='height:{LINE_PT * n}pt'></div>"


def worksheet(lesson: Lesson, language: str) -> str:
    """The student's worksheet: the notebook's aims, its key pictures, every prompt with room to write."""
    from platetrails import questions
    from platetrails.i18n import using_language

    body = [title_block(lesson, language, "worksheet")]
    body.append(
        f"<div class='who'><span>{html.escape(word(language, 'name'))}:</span>"
        f"<span>{html.escape(word(language, 'date'))}:</span></div>"
    )
    body.append(f"<h3>{html.escape(word(language, 'aims'))}</h3>{markdown(lesson.aims)}")
    figures = 0
    parts = key_pictures_only(lesson.parts)
    for i, part in enumerate(parts):
        if part.kind == "heading":
            if i + 1 < len(parts) and parts[i + 1].kind not in ("heading", "exit"):  # not a title over nothing
                body.append(f"<h2>{html.escape(part.text)}</h2>")
        elif part.kind == "figure":
            figures += 1
            body.append(figure_html(figures, part.text, language))
        elif part.kind == "predict":
            question = questions.find(part.question)
            text = f"<p><b>{html.escape(word(language, 'predict'))}</b> {html.escape(part.text)}</p>"
            if question.choices:
                with using_language(language):
                    labels = [question.choice_label(key) for key, _english in question.choices]
                boxes = "".join(f"<span>☐ {html.escape(label)}</span>" for label in labels)
                text += f"<p class='choices'>{html.escape(word(language, 'your_choice'))} {boxes}</p>"
                text += f"<p>{html.escape(word(language, 'why'))}</p>"
            body.append(f"<div class='prompt'>{text}{lines(WRITING_LINES['predict'])}</div>")
        else:
            steps = len(re.findall(r"^\d+\. ", part.text, re.M))
            room = max(WRITING_LINES[part.kind], 2 * steps)  # two lines for each numbered step
            if part.kind == "activity":  # a talking activity's steps need no lines each; a written one needs many
                room = WRITING_ACTIVITY_LINES if part.writing else WRITING_LINES["activity"]
            body.append(f"<div class='prompt'>{markdown(part.text)}{lines(room)}</div>")
    return page(f"{lesson.title}: {word(language, 'worksheet')}", language, "".join(body))


def computed(lesson: Lesson, language: str) -> list[str]:
    """The key's computed lines: the choice the class data supports for each prediction, and each key picture's
    sentence at its starting settings, as the widget says it."""
    from platetrails import questions
    from platetrails.i18n import using_language

    found = []
    figures = 0
    for part in key_pictures_only(lesson.parts):
        if part.kind == "predict":
            question = questions.find(part.question)
            shows = question.data_shows()
            if shows is not None:
                with using_language(language):
                    choice = question.choice_label(shows)
                found.append(f"{word(language, 'predict')} {part.text} {word(language, 'supported', choice=choice)}")
        elif part.kind == "figure":
            figures += 1
            sentence = " ".join(picture(part.text, language).sentence.split())
            found.append(word(language, "at_start", n=figures, sentence=sentence))
    return found


TEST_NOTE = re.compile(r"(?:(?<=\.)[ \t]*\n?[ \t]*|^)A test\b[^.]*\.", re.M)


def for_paper(guide_text: str) -> str:
    """The guide's text without its sentences on how the tests check it ("A test sets ..."): they tell a teacher
    on screen that a figure is checked, and are noise on a printed key."""
    return TEST_NOTE.sub("", guide_text)


def guide_language_note(language: str) -> str:
    """Where a page in another language carries the guide's English text, a line that says so; else nothing."""
    note = word(language, "guide_language")
    return f"<p><i>{html.escape(note)}</i></p>" if note else ""


def key(lesson: Lesson, section: GuideSection, language: str) -> str:
    """The teacher's key: what the class data shows, computed, then the guide's findings, task answers and
    discussion guidance for this lesson."""
    body = [title_block(lesson, language, "key")]
    body.append(f"<h2>{html.escape(word(language, 'computed'))}</h2><ul class='computed'>")
    body.extend(f"<li>{html.escape(line)}</li>" for line in computed(lesson, language))
    body.append("</ul>")
    body.append(f"<h2>{html.escape(word(language, 'from_guide'))}</h2>")
    body.append(guide_language_note(language))
    body.append(f"<div lang='en'>{markdown(for_paper(section.key))}</div>")
    return page(f"{lesson.title}: {word(language, 'key')}", language, "".join(body))


def plan(lesson: Lesson, section: GuideSection, language: str) -> str:
    """The one-page plan: the guide's minute-by-minute table, materials, the exit ticket, what to do if the
    computers fail."""
    intro = section.intro.split("\n\n")[0]
    exits = lesson.of_kind("exit")
    body = [title_block(lesson, language, "plan"), "<div class='plan'>"]
    body.append(f"<p><b>{html.escape(word(language, 'minutes', n=section.minutes))}.</b></p>")
    body.append(guide_language_note(language))
    # the guide's table, headed in the page's language
    columns = section.plan.replace(PLAN_COLUMNS, word(language, "plan_columns"), 1)
    body.append(f"<div lang='en'>{markdown(intro)}{markdown(columns)}</div>")
    body.append(
        f"<h3>{html.escape(word(language, 'materials'))}</h3><p>{html.escape(word(language, 'materials_text'))}</p>"
    )
    body.append(f"<h3>{html.escape(word(language, 'exit'))}</h3>")
    # the heading names the exit ticket; the notebook's own bold lead-in would name it twice
    body.extend(markdown(re.sub(r"^\*\*[^*]+\*\*\s*", "", part.text)) for part in exits)
    body.append(f"<h3>{html.escape(word(language, 'fail'))}</h3><p>{html.escape(word(language, 'fail_text'))}</p>")
    body.append("</div>")
    return page(f"{lesson.title}: {word(language, 'plan')}", language, "".join(body))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def guide_markdown() -> str:
    """The guide, then "When something breaks" (instructors/troubleshooting.md) as its last section, so a teacher
    on paper has the fixes too; the guide's links to that page point into the document."""
    trouble = re.sub(r"^(#+) ", r"#\1 ", TROUBLESHOOTING.read_text(encoding="utf-8"), flags=re.M)
    text = GUIDE.read_text(encoding="utf-8").replace("](troubleshooting.md)", "](#when-something-breaks)")
    return text.rstrip() + "\n\n" + trouble


def guide_headings() -> list[str]:
    """The printed guide's section titles ('## ...'), in order."""
    return re.findall(r"^## (.+)$", guide_markdown(), re.M)


def flat(text: str) -> str:
    """Text without markdown marks or line breaks, to find a title in a printed page's text."""
    return " ".join(re.sub(r"[*_`]", "", text).split())


def guide(language: str = "en", page_numbers: dict[str, int] | None = None) -> str:
    """The whole instructor guide as one page with a table of contents (the guide is written in English).

    Printed twice: first without page numbers (a placeholder of the same width), then with the page each section
    starts on, found in the first print (`find_pages`), so the contents serve a teacher who reads on paper."""
    text = guide_markdown()
    headings = guide_headings()
    body = markdown(text)
    for heading in headings:
        shown = inline(heading)
        body = body.replace(f"<h2>{shown}</h2>", f"<h2 id='{slug(heading)}'>{shown}</h2>", 1)
    numbers = page_numbers or {}
    contents = "".join(
        f"<li><a href='#{slug(h)}'>{inline(h)}</a><span class='pn'>{numbers.get(h, '00')}</span></li>" for h in headings
    )
    nav = f"<nav><h2>{html.escape(word(language, 'contents'))}</h2><ol>{contents}</ol></nav>"
    first_break = body.find("<h2")
    body = body[:first_break] + nav + body[first_break:]
    return page(word(language, "guide"), "en", body)


def find_pages(page_texts: list[str], headings: list[str]) -> dict[str, int]:
    """The page (from 1) each section title starts on, from a printed guide's text page by page: each title is
    looked for, in order, at the start of a line after the contents (which hold every title once)."""
    joined = "\n".join(page_texts)
    starts = [sum(len(t) + 1 for t in page_texts[:i]) for i in range(len(page_texts))]

    def title(heading: str) -> re.Pattern[str]:
        # a title may wrap, and pdftotext joins a word broken at its hyphen ("50-" + "minute" gives "50minute")
        words = (r"-?\s*".join(re.escape(piece) for piece in w.split("-")) for w in flat(heading).split())
        return re.compile(r"(?:^|\n)" + r"\s+".join(words))

    cursor = title(headings[-1]).search(joined).end()  # the end of the contents
    found = {}
    for heading in headings:
        match = title(heading).search(joined, cursor)
        if match is None:
            raise ValueError(f"the printed guide has no section titled {heading!r} after its contents")
        found[heading] = max(i for i, start in enumerate(starts) if start <= match.start() + 1) + 1
        cursor = match.end()
    return found
