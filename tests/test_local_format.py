"""Numbers, dates and times follow the language (platetrails.local_format): English exactly as the lab has always
shown them, Spanish in Spanish form (es_US: "1,234,567", "martes", "noviembre")."""

from __future__ import annotations

import datetime as dt
import random

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
