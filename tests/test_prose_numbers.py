"""Every number in the notebooks' markdown and in the instructor guide is computed or sourced (issue #20).

Each number in the prose must equal, at the precision the prose gives (halves rounded up, platetrails.rounding),
one of the allowed values: a row of data/headline.csv (written by `make data`), this town's figure or the
range of data/mosaic/seed_ranges.csv, a fact row of data/facts/*.csv, or an option of one of the lab's
controls (read from the package). In the guide, a number may also be one a widget's sentence shows in a state
the guide reports (widget_sentences: the same state functions compute it). After "about", "nearly" and the like
a number may be its value to one or two significant figures; after "under", "more than" and the like it is a
bound the value must keep. Both loosen only the precision, not the topic: a rounded number or a bound is
compared only with the values most about its own clause.

What a number counts must fit: a number followed by a noun ("28 days", "8 times as many") is explained only by
a value counting that noun (UNIT_NOUNS), and a percentage only by a share about the same thing (its sentence
and the value's definition share topic words, as many as the best-fitting value but TOPIC_SLACK; see TOPIC).
A number followed by no such noun is matched by value alone, so a small whole number there is a weak check.
What the prose says a figure is of must fit too (QUALIFIERS): when a percentage's clause names a network ("the
patrol cars"), a level of the realism dial ("Seattle-like"), a look-back ("at a 1-day look-back") or a number
of days of reads ("after 28 days"), and when a duration ("21 days") is said of a state, only a value whose
figure id or definition names the same explains it.

Some numbers are not figures, and each kind is skipped by one named rule below (SKIPS), with its reason:
text in `code spans`, link targets and web addresses, dates (a year next to a month, after "in", "since" and
the like, or in a citation; any other 19xx or 20xx is a number), names and numbering (notebook numbers,
list and task numbers, "Car A", "Route 9", "SB 34", "step 1"), lesson times (the "**Time:**" line, headings, stated
lengths of activities and parts, and the method's own words; not every "N minutes") and the tables of lesson times
(checked by tests/test_lesson_times.py), times of day, worked examples, misread characters, and words of the
article inside quotation marks.

Coverage: the markdown cells of all seven notebooks, and every section of instructors/guide.md
(GUIDE_SECTIONS must equal the guide's own sections), task answers included.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest

from platetrails import answer_key as truth
from platetrails import (
    audit_log,
    class_policy,
    data,
    evidence_catalogue,
    networks,
    policy_rules,
    rounding,
    sharing,
    sharing_tables,
    widgets,
)
from platetrails import facts as facts_module
from platetrails.build import headline, seed_ranges
from platetrails.facts import FACTS_DIR
from platetrails.states import casework, misread_scale, unicity
from platetrails.states import coverage as coverage_states
from platetrails.states import memory as memory_states
from platetrails.states import sharing as sharing_states

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
GUIDE = ROOT / "instructors" / "guide.md"
ARTICLE = ROOT.parent / "shared" / "source" / "article.txt"
# The guide's sections (headings up to the first comma or parenthesis), in the guide's order: all of them.
GUIDE_SECTIONS = (
    "Plate Trails: instructor guide",
    "Before the first lesson: students from mixed-status families",
    "Running the lab for a class",
    "The class view: the class's answers on the projector",
    "How the times were set",
    "Discussion prompts: which way each one leans",
    "The town",
    "Notebook 00",
    "Notebook 01",
    "Notebook 02",
    "Notebook 03",
    "Notebook 04",
    "Notebook 05",
    "Notebook 06",
    "Design decisions",
    "Teaching in Spanish or in two languages",
)

NUMBER = re.compile(
    r"(?<![\w.,/-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w/])"
    r"(?P<pct>\s?%|\s?percent\b)?(?P<scale>\s(?:million|billion|thousand)\b)?"
)
# Words before a number that make it a rounded figure ("about 2 million": one or two significant figures)
# or a bound ("under 8 hours": the value is at most 8; "more than 30": at least 30).
APPROXIMATE = re.compile(r"\b(about|nearly|almost|around|roughly|some|close to)\s+$", re.I)
AT_MOST = re.compile(r"\b(under|less than|fewer than|at most|up to|below)\s+$", re.I)
AT_LEAST = re.compile(r"\b(over|more than|at least|above)\s+$", re.I)
SCALES = {"million": 10**6, "billion": 10**9, "thousand": 10**3}
YEAR = r"(?<![\d,.])(?:19|20)\d\d(?![\d%])"
MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"

# --- What is not a figure: one named rule each, with its reason -------------------------------------------
SKIPS: dict[str, re.Pattern[str]] = {
    # Code is not prose: file names, commands and calls in `code spans` or fenced blocks.
    "code": re.compile(r"```.*?```|`[^`\n]*`", re.S),
    # Link targets and web addresses name a page; the link text stays.
    "link target": re.compile(r"\]\([^)]*\)|https?://\S+|^\[[^\]]+\]:.*$", re.M),
    # Dates name a day, not a quantity: a year next to a month ("Jan. 27, 2018", "October 2025"), after
    # "in", "since", "of" and the like ("in 2018", "since 2025", "late 2025", "2016 to 2017"), before the
    # thing it dates ("the 2020 Chamblee case", "Maryland's 2012 figures"), or in a citation ("(2012)",
    # "et al. 2013", "Patterns*, 2021: [", "(2018, the class data"). Any other 19xx or 20xx is a number.
    "date": re.compile(
        rf"\b{MONTHS}\s+\d{{1,2}},\s+\d{{4}}\b|\b{MONTHS}\s+\d{{4}}\b|\b{MONTHS}\s+\d{{1,2}}\b|"
        rf"\b(?:[Ii]n|[Ss]ince|by|of|from|until|before|during|late|early)\s+{YEAR}(?:\s*(?:to|-)\s*{YEAR})?|"
        rf"\b(?:the|a|[A-Z][a-z]+'s)\s+{YEAR}(?=\s\w)|\({YEAR}(?:\s*(?:to|-)\s*{YEAR})?[),]|"
        rf"\bet al\.,?\s+{YEAR}|[*\w\u201d\"],\s+{YEAR}(?=[\]:)]|\s\s)|\b{YEAR}-(?:19|20)?\d\d\b"
    ),
    # Names and numbering: notebooks and their lists ("notebooks 02 and 05", "00, 01, 02"), numbered
    # steps, tasks and questions, the cars "Car A", roads, bills, software versions, the slider's "k = 1".
    "name or numbering": re.compile(
        r"\b[Nn]otebooks?\s+\d\d(?:(?:,\s*|\s+(?:and|to|or)\s+)\d\d)*|(?<![\w.])0\d(?:,\s*0\d)+|\(0\d\)|"
        r"^\s*(?:[-*]\s+)?\d+\.\s|\(\d\)\s|\b(?:step|task|question|case|Task|Step|Question|[Cc]ase)\s+\d+\b|"
        r"\bRoute\s+\d+|\bSB\s+\d+|\bNotebook\s+7\b|\bPython\s+[\d.]+\+?|\bipywidgets\s+\d+|\bgrade-\d+|"
        r"\bk\s*=\s*\d+|\b\d+\s*x\s*\d+\b|\b\d+\s*px\b|\b(?:1st|2nd|3rd|\d+th)\b|^\|\s*0\d\s",
        re.M,
    ),
    # Lesson times are counted by the guide's method and checked by tests/test_lesson_times.py: the
    # "**Time:**" line, a heading's "(49 minutes", the class's "50-minute" length and "not in the 50 minutes",
    # an activity's or a part's stated length ("*(activity: 15 minutes)*", "(about 7 minutes)", a step's
    # "(5 minutes)."), the method's own words ("3 minutes per widget task", "about 12 minutes of reading",
    # "takes about 22 minutes") and its counts in parentheses ("(13)"). Any other "N minutes" is a figure
    # ("kept for 3 minutes unless a hit").
    "lesson time": re.compile(
        r"^\*\*Time:\*\*.*$|^#.*\(\d+\s+minutes.*$|\bnot\s+in\s+the\s+\d+\s+minutes\b|\b\d+-minute\s+(?:class|lesson)\b|"
        r"\((?:about\s+|activity:\s+)\d+\s+minutes?[^)]*\)|\(\d+\s+minutes?\)(?=[.,])|"
        r"\b\d+\s+minutes?\s+(?:per|to\s+look\s+at|of\s+reading|of\s+writing|of\s+prose|in\s+all|by\s+the\s+method|"
        r"with\s+discussion|away)\b|\b(?:takes|states|at\s+most|over)\s+(?:about\s+)?\d+\s+minutes\b|"
        r"[:;)]\s+about\s+\d+\s+minutes\b|\(\d+\)|\b[\d,]+\s+words\s+(?:at|of)\b|\b\d+\s+words\s+a\s+minute\b",
        re.M,
    ),
    # Times of day name a moment ("9 pm", "18:00").
    "time of day": re.compile(r"\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b"),
    # Worked examples that teach a way of reading, not a figure: a log scale's ticks, a confidence label's
    # form, what a 95% band means.
    "example": re.compile(r"so 0\.01, 0\.1 and 1 sit|\"seen on \d+ of \d+ nights\"|\b19 times in 20\b"),
    # Misread characters: a digit read as a letter is a character, not a quantity ("8 for B, 0 for O").
    "character": re.compile(r"\b\d\s+for\s+[A-Z]\b"),
}
# A row of a table of lesson times (a header naming minutes: "| minutes | step |", "| notebook | lesson (minutes) |"):
# its numbers are minutes, counted and checked by tests/test_lesson_times.py.
PLAN_HEADER = re.compile(r"^\|[^\n]*\bminutes\b[^\n]*\|\s*$", re.M)
QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]+?)[\"\u201d]")


@dataclass(frozen=True)
class Number:
    """One number found in prose: its value as written, its decimals, whether it is a percentage, its context."""

    value: Decimal
    decimals: int
    percent: bool
    approximate: str  # "", "about", "at most" or "at least": what the words before the number make it
    text: str
    context: str
    after: str = ""  # the words right after it
    topic: frozenset[str] = frozenset()  # the words of its sentence (see TOPIC)
    marks: frozenset[str] = frozenset()  # what it is said of: network, level, look-back, days, state (QUALIFIERS)
    near: frozenset[str] = frozenset()  # the topic words of its own clause, between commas (see near_topic)


# A percentage is explained only by a share about the same thing: the value's definition and the prose's
# sentence must share a topic word (a home share does not explain a figure about hits). Words that every
# definition uses say nothing about the topic and are left out.
TOPIC_STOP = frozenset(
    "a about after all alone an and any are as at be by can car cars day days each every for from had has have "
    "in into is it its more most network networks not of on one only or out over per share that the their them "
    "then there these they this those to under was were what when where which while who whose with within "
    "read reads block".split()
)


TOPIC_OVERLAP = 2  # topic words a percentage and its value must share
TOPIC_SLACK = 1
TOPIC_BEFORE, TOPIC_AFTER = 120, 60  # how many fewer topic words than the best-matching value a value may share
# Words that say the same thing in prose and in a definition.
SAME_TOPIC = {
    "found": "find",
    "finds": "find",
    "guessed": "find",
    "guess": "find",
    "towns": "town",
    "here": "town",
    "named": "name",
    "label": "routine",
}


# What a figure is about beyond its topic words: which network, which level of the realism dial, which
# look-back, after how many days of reads, which state. When the prose names one of these next to a number
# (QUALIFIED: for percentages, the first four; for a number of minutes, days, months or years, the state),
# only a value whose figure id, definition or own sentence names the same one explains it: the patrol cars'
# share does not explain a figure said of the fixed cameras, nor the 1-week look-back one said of 1 day.
NUMBER_WORDS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
STATES = tuple(pd.read_csv(FACTS_DIR / "state_laws.csv").state)
QUALIFIERS: dict[str, re.Pattern[str]] = {
    "network": re.compile(
        r"(?P<city_fixed>city(?:'s)?[ _]fixed)|(?P<city_patrol>\bpatrol cars?\b|city[ _]patrol)|"
        r"(?P<repo_fleet>repossession|repo[ _]fleet|private fleet)|(?P<county_fixed>county(?:'s)?[ _](?:fixed|cameras))|"
        r"(?P<every>every[ _]network|all (?:four )?networks)",
        re.I,
    ),
    "level": re.compile(
        r"(?P<seattle_like>seattle[- _]like|as rarely? as seattle)|(?P<one_third>one[ _]third)|(?P<one_tenth>one[ _]tenth)",
        re.I,
    ),
    "look-back": re.compile(
        r"(?:\bat (?:a |the real log's )?|\blook(?:s|ing)?[- ]back )(?P<n>\d+|one|a)[- ](?P<unit>day|week|month|year)s?\b",
        re.I,
    ),
    "days": re.compile(
        r"(?:\b(?:after|in|within) (?P<n>\d+|one|a|two|four) (?P<unit>day|week|year)s?\b)|\b(?P<d>\d+)d\b", re.I
    ),
    "state": re.compile("|".join(rf"(?P<s{i}>{re.escape(name)})" for i, name in enumerate(STATES))),
}
QUALIFIED = {"percent": ("network", "level", "look-back", "days"), "time": ("state",)}
TIME_NOUNS = ("minute", "hour", "day", "week", "month", "year")


def _mark(family: str, m: re.Match[str]) -> str:
    """One qualifier as 'family=key' ("network=city_patrol", "days=28", "look-back=7")."""
    groups = m.groupdict()
    if "unit" in groups:
        if groups.get("d"):
            return f"{family}={int(groups['d'])}"
        n = groups["n"].lower()
        count = NUMBER_WORDS.get(n) or int(n)
        return f"{family}={count * UNIT_DAYS[groups['unit'].lower()]}"
    key = next(k for k, v in groups.items() if v)
    return f"{family}={STATES[int(key[1:])] if family == 'state' else key}"


def marks(text: str) -> frozenset[str]:
    """Every qualifier `text` names (a value's figure id and definition), as 'family=key'."""
    flat = " ".join(text.replace("_", " ").split())
    return frozenset(_mark(family, m) for family, pattern in QUALIFIERS.items() for m in pattern.finditer(flat))


BREAK = r"\n\s*(?:\n|[-*]\s|\d+\.\s|#)"  # a new paragraph, list item or heading (a single newline is a soft wrap)
CLAUSE_END = re.compile(rf"[.?!]\s|[;:|]|{BREAK}")
AFTER_END = re.compile(rf"[.?!]\s|[;:,(|]|\d\s?%|{BREAK}")


def near_topic(text: str, start: int, end: int) -> frozenset[str]:
    """The topic words of the clause around text[start:end], between commas, brackets or sentence ends: what a
    rounded count or a bound ("about 3 times as many hits", "more than 30 days") is about."""
    before = re.split(rf"[,;:.!?()|]|{BREAK}", text[max(0, start - 120) : start])[-1]
    after = re.split(rf"[,;:.!?()|]|{BREAK}", text[end : end + 60])[0]
    return topic(f"{before} {after}")


def number_marks(text: str, start: int, end: int) -> frozenset[str]:
    """The qualifiers said of the number at text[start:end]: of each family, the one nearest to it in its clause
    before it, or after it up to the next comma, bracket or percentage."""
    before = text[max(0, start - 200) : start]
    cut = [m.end() for m in CLAUSE_END.finditer(before)]
    before = " ".join((before[cut[-1] :] if cut else before).split()) + " "
    after = text[end : end + 120]
    stop = AFTER_END.search(after)
    after = " " + " ".join((after[: stop.start()] if stop else after).split())
    found = []
    for family, pattern in QUALIFIERS.items():
        near = [(len(before) - m.end(), _mark(family, m)) for m in pattern.finditer(before)]
        near += [(m.start(), _mark(family, m)) for m in pattern.finditer(after)]
        if near:
            found.append(min(near)[1])
    return frozenset(found)


def topic(text: str) -> frozenset[str]:
    """The topic words of `text`: lower case, plural 's' dropped, common words left out."""
    words = re.findall(r"[a-z]+", text.lower().replace("_", " "))
    stems = (SAME_TOPIC.get(w, w).removesuffix("s") for w in words if w not in TOPIC_STOP and len(w) > 2)
    return frozenset(stems)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def mask(text: str, article: str = "") -> tuple[str, dict[str, int]]:
    """`text` with every span a skip rule covers replaced by spaces, and how many numbers each rule skipped."""
    skipped: dict[str, int] = {}

    def cover(pattern: re.Pattern[str], rule: str, keep: str) -> str:
        out = keep
        for m in pattern.finditer(keep):
            skipped[rule] = skipped.get(rule, 0) + len(NUMBER.findall(out[m.start() : m.end()]))
            out = _blank(out, m.start(), m.end())
        return out

    text = cover(SKIPS["code"], "code", text)
    text = cover(SKIPS["link target"], "link target", text)
    if article:
        flat = " ".join(article.split())
        for m in QUOTED.finditer(text):
            if " ".join(m.group(1).split()) in flat:
                skipped["article's words in quotation marks"] = skipped.get(
                    "article's words in quotation marks", 0
                ) + len(NUMBER.findall(m.group(0)))
                text = _blank(text, m.start(), m.end())
    for rule, pattern in SKIPS.items():
        if rule not in ("code", "link target"):
            text = cover(pattern, rule, text)
    return text, skipped


def table_line(text: str, at: int) -> bool:
    """True if position `at` of `text` is on a line of a Markdown table."""
    start = text.rfind("\n", 0, at) + 1
    return text[start:at].lstrip().startswith("|")


def table_words(text: str, at: int) -> str:
    """The words that say what a table cell at `at` is: its row, the table's header and the text just above."""
    lines = text[:at].split("\n")
    row = lines[-1] + text[at:].split("\n")[0]
    i = len(lines) - 1
    while i > 0 and lines[i - 1].lstrip().startswith("|"):
        i -= 1
    above = next((line for line in reversed(lines[:i]) if line.strip()), "")
    header = lines[i] if i < len(lines) - 1 else ""
    return f"{above} {header} {row}"


def numbers(text: str, article: str = "") -> tuple[list[Number], dict[str, int]]:
    """Every number left in `text` once the skip rules are applied, and the skipped counts by rule."""
    masked, skipped = mask(text, article)
    found = []
    for m in NUMBER.finditer(masked):
        raw = m.group("num").replace(",", "")
        value = Decimal(raw)
        if m.group("scale"):
            value *= SCALES[m.group("scale").strip()]
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        before = masked[max(0, m.start() - 20) : m.start()]
        context = " ".join(text[max(0, m.start() - 60) : m.end() + 40].split())
        after = " ".join(text[m.end() : m.end() + 30].split())
        approximate = next(
            (
                kind
                for kind, words in (("about", APPROXIMATE), ("at most", AT_MOST), ("at least", AT_LEAST))
                if words.search(before)
            ),
            "",
        )
        # Its topic: the words of its own sentence near it (TOPIC_BEFORE characters before, TOPIC_AFTER after).
        before_words = re.split(r"(?<=[.!?])\s", text[max(0, m.start() - TOPIC_BEFORE) : m.start()])[-1]
        sentence = before_words + text[m.start() : m.end() + TOPIC_AFTER].split(". ")[0]
        said_of = number_marks(text, m.start(), m.end())
        if table_line(text, m.start()):  # a table's cell: its topic is its row, the header and the line above
            sentence = table_words(text, m.start())
            said_of = frozenset()
        found.append(
            Number(
                value,
                decimals,
                bool(m.group("pct")),
                approximate,
                m.group(0),
                context,
                after,
                topic(sentence),
                said_of,
                near_topic(text, m.start(), m.end()),
            )
        )
    return found, skipped


# --- The allowed values ---------------------------------------------------------------------------------------

# The nouns that say what a number counts. When one follows a number ("28 days", "8 times as many"), the
# value that explains it must count the same thing (its unit or definition names the noun): a count of
# cars does not explain "8 times". A number followed by no such noun is matched by value alone.
UNIT_NOUNS = tuple(
    "agenc alert camera car case character corner day draw home hot_spot hour household investigation minute month "
    "neighbourhood network people person place plate read resident search sighting time trip user week word year".replace(
        "_", " "
    ).split(" ")
)


@dataclass(frozen=True)
class Value:
    """One value prose may quote: the number, what it counts (unit and definition words), where it comes from."""

    number: float
    counts: str
    source: str
    topic: frozenset[str] = frozenset()  # the words of its definition (see TOPIC)
    sentence: bool = False  # shown by a widget's sentence (see widget_sentences)
    marks: frozenset[str] = frozenset()  # the qualifiers its figure id and definition name (QUALIFIERS)


@dataclass(frozen=True)
class Allowed:
    """The values prose may quote: percentages (0 to 100) and other numbers, from the data and the code."""

    percents: tuple[Value, ...]
    plain: tuple[Value, ...]


def _float(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def _options(labels, source: str) -> list[Value]:
    """The values of a control's options, each with its own unit ("21 days" is 21 counting days)."""
    out = []
    for label in labels:
        for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", str(label)):
            out.append(Value(float(number), unit, source))
    return out


def _facts(percents: list[Value], plain: list[Value]) -> None:
    """Every number of the fact rows (data/facts/*.csv): figures, derived figures, bins and state laws' limits."""
    for path in sorted(FACTS_DIR.glob("*.csv")):
        table = pd.read_csv(path)
        units = (
            table["unit"].astype(str) if "unit" in table else table.get("retention_unit", pd.Series([""] * len(table)))
        )
        for column in ("value", "low", "high", "agencies", "retention_value"):
            if column not in table:
                continue
            what = table["what"].astype(str) if "what" in table else table.iloc[:, 0].astype(str)
            where = table["where"].astype(str) if "where" in table else table.iloc[:, 0].astype(str)
            for value, unit, name, words, place in zip(table[column], units, table.iloc[:, 0].astype(str), what, where):
                number = _float(value)
                if number is None:
                    continue
                counts = "agencies" if column == "agencies" else str(unit).lower()
                target = percents if unit == "percent" else plain
                about = f"{name} {words}"
                source = f"facts/{path.name} {name}"
                target.append(Value(number, counts, source, topic(about), marks=marks(f"{about} {place}")))
        if "when" in table:  # the period a figure covers ("30 days to 2024-04-26") is sourced with it
            for when, name, words, place in zip(table["when"].astype(str), table.iloc[:, 0].astype(str), what, where):
                period = re.match(r"(\d+) (days|weeks|months|years)\b", when)
                if period:
                    about = f"{name} {words}"
                    source = f"facts/{path.name} {name} (period)"
                    value = Value(float(period[1]), period[2], source, topic(about), marks=marks(f"{about} {place}"))
                    plain.append(value)


def allowed_values() -> Allowed:
    """Headline rows, seed ranges, fact rows and the lab's control options, as percentages and plain numbers."""
    percents: list[Value] = []
    plain: list[Value] = []
    _facts(percents, plain)  # first, so that a failure message names the fact a figure comes from
    for row in headline.load().itertuples():
        counts = str(row.unit).lower()
        about = f"{row.figure_id} {row.definition}"
        value = Value(float(row.value), counts, f"headline.csv {row.figure_id}", topic(about), marks=marks(about))
        if row.unit == "share":
            percents.append(replace(value, number=100 * value.number))
        else:
            plain.append(value)
    columns = ["in_this_town", "lowest", "highest"]  # what prose quotes: this town's figure and the range
    for row in seed_ranges.load().itertuples():
        for column in columns:
            value = _float(getattr(row, column))
            source = f"seed_ranges.csv {row.figure} {column}"
            if value is None:
                continue
            about = f"{row.figure} {row.what}"
            if row.unit == "share":
                words = "eight towns" if column != "in_this_town" else "this town"
                percents.append(Value(100 * value, "share", source, topic(f"{about} {words}"), marks=marks(about)))
            else:
                plain.append(Value(value, str(row.unit), source, topic(about), marks=marks(about)))
    # The lab's controls: the values a student may pick, or a sentence names as an option.
    plain += _options(policy_rules.RETENTION_OPTIONS, "policy_rules.RETENTION_OPTIONS")
    plain += _options(policy_rules.LOOK_BACK_OPTIONS, "policy_rules.LOOK_BACK_OPTIONS")
    plain += _options(casework.RULES, "states.casework.RULES") + _options(casework.DELAYS, "states.casework.DELAYS")
    plain += [Value(float(d), "days", "states.memory.NETWORK_DAYS") for d in memory_states.NETWORK_DAYS]
    plain.append(Value(float(class_policy.DEFAULT_KEEP_DAYS), "days", "class_policy.DEFAULT_KEEP_DAYS"))
    plain += [Value(float(d), "days", "states.unicity.DAYS_OPTIONS") for d in unicity.DAYS_OPTIONS]
    plain += [Value(float(y), "years", "sharing.YEAR_CHOICES") for y in sharing.YEAR_CHOICES]
    rates = misread_scale.RATE_SLIDER
    steps = int(round((rates["max"] - rates["min"]) / rates["step"]))
    for i in range(steps + 1):
        rate = rates["min"] + i * rates["step"]
        percents.append(Value(rate, "share", "states.misread_scale.RATE_SLIDER", topic("misread rate")))
    return Allowed(tuple(percents), tuple(plain))


# --- What the widgets say: the guide's "What students usually find" reports their sentences ---------------


def sentence_values(sentences: list[str], source: str) -> tuple[list[Value], list[Value]]:
    """Every number a widget's sentence shows, as allowed values (a percentage with its sentence's topic, a
    count with the noun after it), so the guide may report what the widget computes."""
    percents, plain = [], []
    for sentence in sentences:
        for n in numbers(sentence)[0]:
            value = float(n.value)
            if n.percent:
                percents.append(Value(value, "share", source, topic(n.context), sentence=True, marks=n.marks))
            else:  # what it counts; "*" (any noun) when the sentence names none right after it
                plain.append(Value(value, counted(n) or "*", source, topic(n.context), sentence=True, marks=n.marks))
    return percents, plain


def widget_sentences(town: data.TownData, key) -> dict[str, list[str]]:
    """The sentences of the widgets whose results the guide reports, in the states the guide describes, computed
    by the widgets' own state functions (by widget)."""
    facts = facts_module.load_facts()
    cars = truth.case_plates(key)
    out: dict[str, list[str]] = {}
    catalogue = evidence_catalogue.EvidenceCatalogue(town, facts, key, cars)
    out["notebook 06's evidence"] = [f"{p.finding} {p.note}" for p in catalogue.pieces.values()]
    flows = sharing_states.SharingData(town, key, facts.figure("ice_history_years").value, cars)
    table = flows.scenario_table()
    rows = [
        f"{r.scenario}: homes a query could guess {r.homes_found} ({rounding.percent(r.share)} of cars), "
        f"{r.lost} homes lost against all flows on"
        for r in table.itertuples()
    ]

    maps = []
    for years in sharing.YEAR_CHOICES:
        codes = networks.switch_codes()
        for flags in itertools.product((False, True), repeat=len(codes)):
            switches = sharing.Switches.of(dict(zip(codes, flags)), years)
            state = sharing_states.compute_sharing_map(flows, switches)
            maps.append(sharing_states.describe_sharing_map(state))
            maps += [f"{owner} holds {held} reads, {seen} reads seen" for owner, held, seen in state.reads_by_party]
            maps.append(f"{state.homes_found} homes found")
    out["notebook 04's sharing map"] = rows + maps
    log = audit_log.county_log(flows.model, facts, exclude=set(cars.values()))
    got = audit_log.audit_summary(log)
    out["notebook 04's audit page"] = [
        f"{row.networks:,} networks, {row.networks - 1:,} other networks, {row.cameras:,} cameras, "
        f"{sharing_tables.window_words(row.look_back_days)}"
        for row in log.itertuples()
    ] + [f"{got[k]:,} searches ({k})" for k in got]
    memory = memory_states.MemoryData(town, cars, facts, truth.case_places(key, town.places))
    out["notebook 03's memory"] = [
        memory_states.describe_memory(memory_states.compute_memory(memory, car, option))
        for car in cars
        for _label, option in memory_states.memory_options(memory)
    ]
    line = coverage_states.LineData(truth.load_candidate_trips(), facts)
    out["notebook 03's camera line"] = [
        coverage_states.describe_camera_line(coverage_states.compute_camera_line(line, car, n))
        for car in (coverage_states.ALL_SIX, *line.labels)
        for n in range(line.max_cameras + 1)
    ]
    singled = unicity.PublicData(town, cars, facts)
    out["notebook 03's singling out"] = [
        unicity.describe_singled_out(unicity.compute_singled_out(singled, level, unicity.ALL, days))
        for level in ("exact", "coarse")
        for days in singled.days_options
    ] + [
        f"{rounding.percent(v)} singled out by {k} sightings at {unicity.level_words(level)}"
        for level in ("exact", "coarse")
        for k, v in enumerate(singled.curves[(level, town.days)].town_share, start=1)
    ]
    finder = widgets.AlertFinder(town, cars)
    out["notebook 01's alert finder"] = []
    for plate in cars.values():
        finder.car.value = plate
        for on in (False, True):  # the city's own networks, then every network
            for name in ("repo_fleet", "county_fixed"):
                finder.boxes[name].value = on
            out["notebook 01's alert finder"].append(finder.sentence)
    misreads = misread_scale.MisreadData(town, facts)
    rates = misread_scale.RATE_SLIDER
    steps = int(round((rates["max"] - rates["min"]) / rates["step"]))
    out["notebook 01's misread"] = [
        misread_scale.describe_misread_at_scale(
            misread_scale.compute_misread_at_scale(misreads, cars["Car C"], rates["min"] + i * rates["step"])
        )
        for i in range(steps + 1)
    ]
    return out


def _significant(value: float, figures: int) -> Decimal:
    if value == 0:
        return Decimal(0)
    d = Decimal(str(value))
    exponent = d.adjusted() - figures + 1
    return d.scaleb(-exponent).quantize(Decimal(1), rounding=ROUND_HALF_UP).scaleb(exponent)


def counted(number: Number) -> str:
    """The noun the prose puts after the number ("days" in "28 days", "cars" in "13 of 20 cars"), or "" if none
    of UNIT_NOUNS follows."""
    words = re.sub(r"^of [\d,]+\s", "", number.after.lower())  # "13 of 20 cars" counts cars too
    return next((noun for noun in UNIT_NOUNS if re.match(rf"(?:[a-z-]+\s)?{noun}", words)), "")


def source_of(number: Number, allowed: Allowed) -> str:
    """Where the number comes from: an allowed value counting the same thing, equal at the prose's precision (or,
    after 'about' and the like, to one or two significant figures); "" if there is none."""
    pool = allowed.percents if number.percent else allowed.plain
    noun = "" if number.percent else counted(number)
    fits = [v for v in pool if v.counts == "*" or any(u.startswith(noun) for u in v.counts.split(" or "))]
    # What the prose says the number is of (a network, a dial level, a look-back, days, a state): only values
    # that name the same.
    duration = re.match(rf"(?:{'|'.join(TIME_NOUNS)})s?\b", number.after.lower())  # "21 days", not "a day"
    families = QUALIFIED["percent"] if number.percent else QUALIFIED["time"] if duration else ()
    said = {m for m in number.marks if m.split("=")[0] in families}
    fits = [v for v in fits if said <= v.marks]
    loose = number.approximate != ""  # "about", "under", "more than": only the values most on its topic
    if number.percent:
        # Only the values most about the sentence's topic: a figure about something else that happens to
        # round the same way (another share of homes found) does not explain it.
        # A widget's sentence is not a table row: its values need TOPIC_OVERLAP words near them, and do not
        # raise the bar for the table rows.
        # A bound ("under 1%") needs one topic word, as many as the best-fitting value but TOPIC_SLACK.
        best = max((len(v.topic & number.topic) for v in fits if not v.sentence), default=0)
        need = max(1 if number.approximate in ("at most", "at least") else TOPIC_OVERLAP, best - TOPIC_SLACK)
        fits = [v for v in fits if len(v.topic & number.topic) >= (TOPIC_OVERLAP if v.sentence else need)]
    elif loose:  # a rounded count or a bound: only the values most about its own clause, and at least one word
        best = max((len(v.topic & number.near) for v in fits), default=0)
        fits = [v for v in fits if len(v.topic & number.near) >= max(min(1, best), best - TOPIC_SLACK)]
    for value in fits:
        if rounding.half_up(value.number, number.decimals) == number.value:
            return value.source
    for value in fits:
        near = Decimal(str(value.number))
        if number.approximate == "about" and any(_significant(value.number, f) == number.value for f in (1, 2)):
            return value.source
        if number.approximate == "at most" and near <= number.value:
            return value.source
        if number.approximate == "at least" and near >= number.value:
            return value.source
    return ""


def matches(number: Number, allowed: Allowed) -> bool:
    return bool(source_of(number, allowed))


def check(text: str, allowed: Allowed, where: str, article: str = "") -> tuple[list[str], int, dict[str, int]]:
    """The numbers of `text` that no allowed value explains, each as 'where: number (context)'."""
    found, skipped = numbers(text, article)
    bad = [
        f"{where}: {n.text.strip()} ({counted(n) or 'no noun'}; ... {n.context} ...)"
        for n in found
        if not matches(n, allowed)
    ]
    return bad, len(found), skipped


def strip_plan_tables(text: str) -> str:
    """The text without the lesson-plan tables' rows (their numbers are minutes; tests/test_lesson_times.py)."""
    lines, out, in_plan = text.split("\n"), [], False
    for line in lines:
        if PLAN_HEADER.match(line):
            in_plan = True
        elif not line.startswith("|"):
            in_plan = False
        out.append("" if in_plan else line)
    return "\n".join(out)


def notebook_prose(path: Path) -> str:
    cells = json.loads(path.read_text())["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def guide_sections() -> dict[str, str]:
    """The guide split at its '## ' headings (the part before the first is the title's)."""
    text = GUIDE.read_text()
    parts = re.split(r"^## ", text, flags=re.M)
    out = {parts[0].splitlines()[0].removeprefix("# ").strip(): parts[0]}
    for part in parts[1:]:
        heading = part.splitlines()[0]
        out[re.split(r"[,(]", heading)[0].strip()] = "## " + part
    return out


@pytest.fixture(scope="module")
def allowed() -> Allowed:
    return allowed_values()


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE.read_text() if ARTICLE.is_file() else ""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_every_number_in_a_notebooks_markdown_is_computed_or_sourced(path: Path, allowed, article) -> None:
    bad, checked, _skipped = check(notebook_prose(path), allowed, path.name, article)
    assert checked > 0
    assert bad == [], "numbers in the prose that no table explains:\n" + "\n".join(bad)


@pytest.fixture(scope="module")
def allowed_in_guide(allowed, town_data, answer_key) -> Allowed:
    """The allowed values, and what the widgets' sentences show in the states the guide reports."""
    percents, plain = list(allowed.percents), list(allowed.plain)
    for widget, sentences in widget_sentences(town_data, answer_key).items():
        more_percents, more_plain = sentence_values(sentences, widget)
        percents += more_percents
        plain += more_plain
    return Allowed(tuple(percents), tuple(plain))


@pytest.mark.parametrize("section", GUIDE_SECTIONS)
def test_every_number_in_the_guide_is_computed_or_sourced(section: str, allowed_in_guide, article) -> None:
    text = strip_plan_tables(guide_sections()[section])
    bad, _checked, _skipped = check(text, allowed_in_guide, f"guide, {section}", article)
    assert bad == [], "numbers in the prose that no table explains:\n" + "\n".join(bad)


def test_the_guide_sections_checked_are_the_guides_own() -> None:
    """Every section of the guide is checked: one added later fails here until it is listed."""
    assert list(GUIDE_SECTIONS) == list(guide_sections())


# Wrong numbers a looser check once passed (review of issue #20, finding 1), each with what is true.
WRONG = [
    # 69% is the town's every-network figure after 28 days; the Seattle-like level after a year is 36%.
    "At the Seattle-like level, a year of reads finds 69% of homes after a year.",
    "At the dial's Seattle-like level, 28 days of reads find 69% of homes within a block.",
    # 25% is the city's fixed cameras'; the patrol cars alone find 59%.
    "After 28 days the patrol cars alone find 25% of homes.",
    "The city's fixed cameras alone find 59% of homes after 28 days.",
    "The repossession cars alone find 5% of homes after 28 days.",
    # 80% is the 1-week look-back's; at a 1-day look-back the help kept is 94%.
    "With 30 days and a warrant, the help kept is about 80% at a 1-day look-back.",
    "With 30 days and a warrant, the help kept is about 94% at 3 months.",
    # Bounds that no value on their topic keeps.
    "With every network the analyst finds the home of under 5% of cars after 28 days.",
    "With every network the analyst finds the home of more than 95% of cars after 28 days.",
    "The town has more than 5000 cars.",
    "The town has under 3 cars.",
    # "about" only with values on its topic: 80,000 is no figure about federal reads.
    "Reads open to federal agencies drop from about 2 million to about 80,000.",
    # A retention rule is a figure, not a lesson time; New Hampshire's is 3 minutes, Maine's 21 days.
    "New Hampshire lets reads be kept for 5 minutes.",
    "Maine keeps reads for 60 days.",
    # A count that looks like a year is a count.
    "The real log has 1999 searches past 30 days.",
]


@pytest.mark.parametrize("sentence", WRONG)
def test_a_wrong_number_said_of_another_figure_is_flagged(sentence: str, allowed) -> None:
    bad, checked, _ = check(sentence, allowed, "wrong")
    assert checked >= 1 and len(bad) == 1, bad


def test_each_wrong_sentence_passes_once_its_number_is_right(allowed) -> None:
    """The negative cases fail for their number, not for their words: with the true figure each one passes."""
    figures = headline.load().set_index("figure_id").shown
    derived = pd.read_csv(FACTS_DIR / "derived_figures.csv").set_index("figure_id")
    searches = int(derived.value["okaloosa_searches"])
    right = [
        f"At the Seattle-like level, a year of reads finds {figures.dial_seattle_like_home_365d} of homes after a year.",
        f"After 28 days the patrol cars alone find {figures.home_city_patrol_alone_28d} of homes.",
        f"The city's fixed cameras alone find {figures.home_city_fixed_alone_28d} of homes after 28 days.",
        "With 30 days and a warrant, the help kept is about "
        f"{figures.policy_30_days_warrant_help_kept_look_back_1_day} at a 1-day look-back.",
        "With every network the analyst finds the home of under 75% of cars after 28 days.",
        "The town has more than 150 cars.",
        "New Hampshire lets reads be kept for 3 minutes.",
        "Maine keeps reads for 21 days.",
        f"The real log has {searches:,} searches.",
    ]
    for sentence in right:
        assert check(sentence, allowed, "right")[0] == [], sentence


def test_a_wrong_number_is_flagged_and_a_right_one_passes(allowed) -> None:
    figures = headline.load().set_index("figure_id")
    home, cars = figures.loc["home_every_network_28d"], figures.loc["town_cars"]
    right = f"With every network the analyst finds the home of {home.shown} of the {cars.shown} cars after 28 days."
    assert check(right, allowed, "right") == ([], 3, {})
    # The same paragraph with the home share a few tenths of a point off, and one car too many.
    off = rounding.percent_value(home.value, 1) + Decimal("0.3")
    wrong = f"With every network the analyst finds the home of {off}% of the {int(cars.value) + 1} cars after 28 days."
    bad, checked, _ = check(wrong, allowed, "wrong")
    assert checked == 3 and len(bad) == 2
    assert f"wrong: {off}%" in bad[0] and "finds the home of" in bad[0]
    assert f"wrong: {int(cars.value) + 1} (car;" in bad[1]


def test_a_percentage_must_be_about_the_same_thing_as_its_value(allowed) -> None:
    # The class data's home share, quoted about hits, is not explained by the home share.
    home = headline.load().set_index("figure_id").loc["home_every_network_28d"]
    found, _ = numbers(f"Of all reads, {home.shown} are hits on the hot list.")
    assert source_of(found[0], allowed) != "headline.csv home_every_network_28d"


def test_halves_round_up_so_one_figure_reads_the_same_everywhere() -> None:
    home = headline.load().set_index("figure_id").loc["home_every_network_28d"]
    assert home.shown == rounding.percent(home.value) == f"{rounding.percent_value(home.value)}%"
    assert (
        rounding.percent(0.685) == "69%"
        and rounding.percent(0.245, 1) == "24.5%"
        and rounding.percent(0.26, 1) == "26%"
    )
    assert f"{rounding.rounded_share(0.685):.0%}" == "69%"  # a sentence's own format shows the same


def test_dates_and_lesson_times_are_skipped_only_where_they_are_dates_and_lesson_times() -> None:
    kept = "Reads are kept for 3 minutes unless a hit. The log has 2018 searches, and 2025 reads."
    assert [n.value for n in numbers(kept)[0]] == [3, 2018, 2025]
    skipped = "**Time:** about 49 minutes.\nIn 2018, (*Patterns*, 2021: [x]) the 2020 case; not in the 50 minutes."
    assert numbers(skipped)[0] == []


def test_skip_rules_leave_figures_and_skip_only_their_kind() -> None:
    found, skipped = numbers(
        "In 2018 (Jan. 27, 2018) notebook 02 set `days=28` for Car A on Route 9 [link](https://x.org/12) "
        "(about 22 minutes) at 9 pm; 137 homes."
    )
    assert [n.value for n in found] == [Decimal(137)]
    assert {"date", "code", "link target", "name or numbering", "lesson time", "time of day"} <= set(skipped)


def test_the_headline_table_is_what_a_fresh_run_writes_byte_for_byte(tmp_path: Path) -> None:
    stored = data.DATA_DIR / headline.FILE
    assert (
        stored.read_bytes()
        == headline.figures(data.DATA_DIR).to_csv(index=False, lineterminator="\n", float_format="%.10g").encode()
    )
    table = headline.load()
    assert table.figure_id.is_unique and (table.definition.str.len() > 10).all()
    share = table[table.unit == "share"]
    assert (share.shown == [rounding.percent(v) for v in share.value]).all()
