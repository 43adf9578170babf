"""Numbers, dates and times follow the language (platetrails.local_format): English exactly as the lab has always
shown them, Spanish in Spanish form (es_US: "1,234,567", "martes", "noviembre")."""

from __future__ import annotations

import ast
import datetime as dt
import random
import re

import pytest

from platetrails import i18n, local_format, rounding

WHEN = dt.datetime(2024, 11, 5, 14, 3, 7)  # a Tuesday


def test_english_numbers_read_as_before():
    assert local_format.whole(24217.5) == "24,218" == rounding.whole(24217.5)
    assert local_format.whole(7) == "7"
    assert local_format.percent(0.685) == "69%"
    assert local_format.percent(0.245, 1) == "24.5%"
    assert local_format.percent(0.2, 1) == "20%"
    assert local_format.percent(1.0) == "100%"
    assert local_format.significant(0.02561) == "0.026"
    assert local_format.significant(3.7592) == "3.8"
    assert local_format.significant(1.0) == "1"
    assert local_format.significant(153.4) == "150"
    assert local_format.significant(27836.2) == "28,000"
    assert local_format.significant(0) == "0"
    assert local_format.decimal(0.5, 2) == "0.50"
    assert local_format.decimal(1234.25, 1) == "1,234.3"  # halves up


def test_english_numbers_match_the_rounding_rule_everywhere():
    rng = random.Random(22)
    for _ in range(3000):
        share, value = rng.random(), rng.random() * rng.choice([1, 1e3, 1e6])
        assert local_format.percent(share) == rounding.percent(share)
        assert local_format.percent(share, 1) == rounding.percent(share, 1)
        assert local_format.whole(value) == rounding.whole(value)
        assert local_format.significant(value) == rounding.significant(value)
        assert local_format.significant(value, 3) == rounding.significant(value, 3)


def test_english_dates_read_as_strftime_did():
    assert local_format.day(WHEN) == WHEN.strftime("%a %d %b") == "Tue 05 Nov"
    assert local_format.day_month(WHEN) == WHEN.strftime("%d %B") == "05 November"
    assert local_format.time_of_day(WHEN) == WHEN.strftime("%H:%M") == "14:03"
    assert local_format.time_of_day(WHEN, seconds=True) == "14:03:07"
    assert local_format.day_and_time(WHEN) == WHEN.strftime("%a %d %b %H:%M")
    assert local_format.day_and_time(WHEN, ", ") == WHEN.strftime("%a %d %b, %H:%M")
    assert local_format.long_day_and_time(WHEN) == WHEN.strftime("%A %d %B %Y, %H:%M:%S")
    assert [local_format.weekday_name(d) for d in range(7)] == [
        (dt.date(2024, 11, 4) + dt.timedelta(days=d)).strftime("%A") for d in range(7)
    ]
    assert local_format.month_name(11) == "November"


def test_spanish_numbers_and_dates_are_in_spanish_form():
    with i18n.using_language("es"):
        assert str(local_format.locale()) == "es_US"
        assert local_format.whole(1234567) == "1,234,567"  # es_US: grouping comma, as in California classrooms
        assert local_format.percent(0.685) == "69%"
        assert local_format.percent(0.245, 1) == "24.5%"
        assert local_format.weekday_name(1) == "martes"
        assert local_format.month_name(11) == "noviembre"
        assert local_format.day_month(WHEN) == "5 de noviembre"
        assert local_format.day(WHEN) == "mar, 5 de nov"
        assert local_format.long_day_and_time(WHEN) == "martes, 5 de noviembre de 2024, 14:03:07"
        assert local_format.time_of_day(WHEN) == "14:03"
    assert local_format.weekday_name(1) == "Tuesday"  # back in English after the block


def test_a_language_without_a_catalogue_formats_as_english():
    with i18n.using_language("fr"):
        assert local_format.whole(24218) == "24,218"
        assert local_format.weekday_name(1) == "Tuesday"


# --- Widgets' sentences follow the language ------------------------------------------------------------


def test_widget_sentences_show_spanish_day_names(town_data, answer_key) -> None:
    from platetrails import answer_key as truth
    from platetrails.states import alerts, reading

    index = reading.CameraIndex(town_data)
    with i18n.using_language("es"):
        assert reading.compute_camera_day(index, "CITY-09", 1).day_label == "mar, 4 de nov"
    assert reading.compute_camera_day(index, "CITY-09", 1).day_label == "Tue 04 Nov"

    plate = truth.case_plates(answer_key)["Car A"]
    every = list(town_data.cameras.network.unique())
    state = alerts.compute_alert(town_data, "Car A", plate, 2, 9, every)
    english = alerts.describe_alert(state)
    with i18n.using_language("es"):
        spanish = alerts.describe_alert(state)
    spanish_day = re.search(r"\b(lun|mar|mié|jue|vie|sáb|dom), \d{1,2} de (nov|dic)\b", spanish)
    assert spanish_day, spanish
    assert re.search(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d (Nov|Dec)\b", english), english


def test_routines_are_named_in_the_language_of_the_moment(town_data, answer_key) -> None:
    from platetrails import answer_key as truth
    from platetrails import mosaic, networks

    p = mosaic.Analyst(town_data).profile(truth.case_plates(answer_key)["Car A"], 28, networks.names())
    legal = [r for r in p.routines if r.place == "Riverside Legal Aid Center"]
    assert legal and isinstance(legal[0].weekday, int)
    with i18n.using_language("es"):
        assert local_format.weekday_name(legal[0].weekday) == "martes"
    assert local_format.weekday_name(legal[0].weekday) == "Tuesday"


# --- No student-facing module formats a date by hand -----------------------------------------------------

# Modules whose strftime writes a machine stamp, never a student's sentence, with the reason.
STRFTIME_ALLOWED = {
    "position_file.py": "file names and the saved-at stamp in a student's position file (ISO order, not prose)",
    "save_files.py": "the stamp in the name of a save file kept apart or set aside (ISO order, not prose)",
    "day_plans.py": "the simulator matches days against the holiday list by ISO date",
    "build/generate.py": "make data writes ISO dates into data files",
    "build/horizon.py": "make data writes ISO timestamps into data files",
}
ENGLISH_NAMES = {
    *(dt.date(2024, 11, 4 + d).strftime(f) for d in range(7) for f in ("%A", "%a")),
    *(dt.date(2024, m, 1).strftime(f) for m in range(1, 13) for f in ("%B", "%b")),
} - {"May"}  # "May" alone is also a verb


def _package_files():
    root = i18n.PACKAGE_DIR
    return [(p.relative_to(root).as_posix(), p) for p in i18n.source_files(root)]


def test_no_student_facing_module_uses_strftime() -> None:
    found = []
    for name, path in _package_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr == "strftime" and name not in STRFTIME_ALLOWED:
                found.append(f"{name}:{node.lineno}")
    assert found == [], f"use platetrails.local_format for dates students read, not strftime: {found}"
    assert set(STRFTIME_ALLOWED) <= {name for name, _p in _package_files()}, "STRFTIME_ALLOWED names a gone file"


def test_no_module_spells_a_list_of_english_weekday_or_month_names() -> None:
    found = []
    for name, path in _package_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                words = {
                    arg.value
                    for item in items
                    for arg in ([item] if isinstance(item, ast.Constant) else getattr(item, "args", []))
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                }
                if len(words & ENGLISH_NAMES) >= 2:
                    found.append(f"{name}:{node.lineno}")
    assert found == [], f"name weekdays and months with local_format.weekday_name / month_name: {found}"


def test_the_scan_would_catch_a_hand_written_weekday_list() -> None:
    tree = ast.parse('WEEKDAYS = [N_("Monday"), N_("Tuesday")]')
    lists = [n for n in ast.walk(tree) if isinstance(n, ast.List)]
    assert {a.args[0].value for a in lists[0].elts} <= ENGLISH_NAMES


@pytest.mark.parametrize("pattern", [r"\{[a-z_]+:,\}", r"\{[a-z_]+:\.0%\}"])
def test_no_translatable_text_formats_a_grouped_count_or_a_percentage_itself(pattern) -> None:
    found = [name for name, path in _package_files() if re.search(pattern, path.read_text())]
    # make data's own log lines, and rounding.py's docstring that names the old way
    found = [name for name in found if not name.startswith("build/") and name != "rounding.py"]
    assert found == [], f"fill {{n}} with local_format.whole / percent instead of {pattern}: {found}"


FORMAT_SPEC = re.compile(r"\{\w+:([^{}]*)\}")


def _template_specs() -> set[str]:
    from babel.messages.pofile import read_po

    with open(i18n.POT_PATH, "rb") as f:
        catalog = read_po(f)
    texts = [t for m in catalog if m.id for t in ([m.id] if isinstance(m.id, str) else m.id)]
    return {spec for text in texts for spec in FORMAT_SPEC.findall(text)}


def test_number_formats_left_in_translatable_text_already_read_as_each_language_writes_them() -> None:
    """Plain decimals ({x:.1f}, {x:g}...) stay in a few sentences: they are right only while every language's
    CLDR form writes a decimal point, a comma between thousands and a percent sign with no space, as Python does."""
    specs = _template_specs()
    assert specs, "no format spec found: the scan is broken"
    assert all(re.fullmatch(r",?(\.\d)?[fg%]", spec) for spec in specs), sorted(specs)
    for lang in local_format.LOCALES:
        with i18n.using_language(lang):
            assert local_format.decimal(1234.5, 1) == f"{1234.5:,.1f}"
            assert local_format.percent(0.125) == "13%"


def test_the_format_check_would_catch_a_language_with_a_decimal_comma(monkeypatch) -> None:
    monkeypatch.setitem(local_format.LOCALES, "es", "es_ES")  # Spain writes 1.234,5
    local_format._locale.cache_clear()
    with i18n.using_language("es"):
        assert local_format.decimal(1234.5, 1) != f"{1234.5:,.1f}"
    monkeypatch.undo()
    local_format._locale.cache_clear()


def test_lists_are_joined_as_each_language_writes_them() -> None:
    assert local_format.and_list(["Maine", "Utah", "Iowa"]) == "Maine, Utah, and Iowa"
    assert local_format.and_list(["Maine"]) == "Maine"
    with i18n.using_language("es"):
        assert local_format.and_list(["Maine", "Utah", "Iowa"]) == "Maine, Utah e Iowa"  # "e" before an i- sound
        assert local_format.and_list(["Maine", "Utah"]) == "Maine y Utah"
        assert local_format.and_list(["Maine", "hielo"]) == "Maine y hielo"  # hie- is not an i- sound
