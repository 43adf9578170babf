"""Numbers, dates and times as students read them in the current language, from Babel (the CLDR data browsers use).

English renders exactly as the lab always has ("24,218", "69%", "Tue 05 Nov 14:03"): its date patterns are
spelled out below. Other languages take CLDR's own pattern for the same fields (a skeleton), so Spanish reads
"mar, 5 de nov" and "5 de noviembre", not English word order with Spanish words.

Percentages keep the project's one rounding rule (rounding.py: halves up): the value is rounded first with
Decimal and Babel only writes it down, so 0.685 reads "69%" in every language.

Locale choice: the language "es" formats as CLDR `es_US`, the Spanish of the United States, because the lab's
Spanish is US school Spanish as spoken in California. `es_US` writes numbers as California classrooms and
textbooks do, "1,234,567.5" and "69%" (grouping comma, decimal point, no space before %), while CLDR's `es`
(Spain) writes "1.234.567,5" and "69 %", which a California student would misread (1.234 as one and a bit).
Its day and month names are the same lower-case Spanish ("martes", "noviembre"). A regional code such as
"es_MX" is used as given; English, a language without a catalogue (its words show in English) and one Babel
does not know format as `en_US`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from decimal import Decimal

from babel import Locale, UnknownLocaleError, dates, numbers

from platetrails import i18n, rounding

ENGLISH = "en_US"
# A bare language code -> the CLDR locale its students' numbers and dates follow (see the module docstring).
LOCALES = {"en": ENGLISH, "es": "es_US"}

# Date and time forms: name -> (the English pattern the lab has always shown, the CLDR skeleton for other languages).
FORMS = {
    "day": ("EEE dd MMM", "MMMEd"),  # Tue 05 Nov / mar, 5 de nov
    "day_month": ("dd MMMM", "MMMMd"),  # 05 November / 5 de noviembre
    "long_day": ("EEEE dd MMMM y", "full"),  # Tuesday 05 November 2024 / martes, 5 de noviembre de 2024
    "time": ("HH:mm", "Hm"),  # 14:03 in every language (the lab's hours are 24-hour: "around 14:00")
    "time_seconds": ("HH:mm:ss", "Hms"),  # 14:03:07
}


@functools.cache
def _locale(lang: str) -> Locale:
    if lang.split("_")[0] not in i18n.available_languages():  # its words show in English: so do its numbers
        return Locale.parse(ENGLISH)
    try:
        return Locale.parse(LOCALES.get(lang, lang))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(LOCALES.get(lang.split("_")[0], ENGLISH))


def locale() -> Locale:
    """The Babel locale of the current language (i18n.language()): en_US, es_US, ..."""
    return _locale(i18n.language())


def _is_english() -> bool:
    return str(locale()) == ENGLISH


def _plain(value: Decimal) -> Decimal:
    """`value` without trailing zeros after the point (and never in exponent form): 24.50 -> 24.5, 69.0 -> 69."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


# ------------------------------------------------------------------------------------------------- numbers


def whole(value: float) -> str:
    """A count, halves rounded up, with thousands grouped: 24217.5 is "24,218" (es: "24,218" too, es_US)."""
    return numbers.format_decimal(int(rounding.half_up(value)), locale=locale())


def percent(share: float, decimals: int = 0) -> str:
    """A share as a percentage by the one rule (halves up), never a trailing ".0": 0.685 is "69%", 0.245 "24.5%"
    with one decimal."""
    shown = _plain(rounding.percent_value(share, decimals)) / 100
    return numbers.format_percent(shown, locale=locale(), decimal_quantization=False)


def significant(value: float, digits: int = 2) -> str:
    """A measured quantity to `digits` significant figures, halves up, never in exponent form: 0.02561 is
    "0.026", 3.7592 "3.8", 1.0 "1", 27836.2 "28,000" (as rounding.significant, in the current language)."""
    if value == 0:
        return numbers.format_decimal(0, locale=locale())
    places = digits - 1 - math.floor(math.log10(abs(value)))
    rounded = rounding.half_up(value, places) if places > 0 else Decimal(int(rounding.half_up(value, places)))
    return numbers.format_decimal(_plain(rounded), locale=locale(), decimal_quantization=False)


def decimal(value: float, places: int) -> str:
    """`value` with exactly `places` decimals, halves up, thousands grouped: decimal(0.5, 2) is "0.50"."""
    return numbers.format_decimal(
        rounding.half_up(value, places), format="#,##0." + "0" * places if places else "#,##0", locale=locale()
    )


# ----------------------------------------------------------------------------------------- dates and times


def _form(when: dt.datetime | dt.date, form: str) -> str:
    english, skeleton = FORMS[form]
    if _is_english():
        return dates.format_datetime(when, english, locale=locale())
    if skeleton == "full":  # CLDR's full date, weekday and month spelled out
        return dates.format_date(when, "full", locale=locale())
    return dates.format_skeleton(skeleton, when, locale=locale())


def day(when: dt.datetime | dt.date) -> str:
    """A day of the data, short: "Tue 05 Nov" (es: "mar, 5 de nov")."""
    return _form(when, "day")


def day_month(when: dt.datetime | dt.date) -> str:
    """A day and month: "05 November" (es: "5 de noviembre")."""
    return _form(when, "day_month")


def long_day(when: dt.datetime | dt.date) -> str:
    """A full date: "Tuesday 05 November 2024" (es: "martes, 5 de noviembre de 2024")."""
    return _form(when, "long_day")


def time_of_day(when: dt.datetime | dt.time, seconds: bool = False) -> str:
    """A time of day on the 24-hour clock: "14:03" ("14:03:07" with seconds), in every language."""
    return _form(when, "time_seconds" if seconds else "time")


def _with_time(date_text: str, when: dt.datetime, separator: str, seconds: bool = False) -> str:
    if _is_english():
        return date_text + separator + time_of_day(when, seconds)
    # CLDR's own way of joining a date and a time ("{1}, {0}" in Spanish).
    return (
        dates.get_datetime_format("medium", locale=locale())
        .replace("{1}", date_text)
        .replace("{0}", time_of_day(when, seconds))
    )


def day_and_time(when: dt.datetime, separator: str = " ") -> str:
    """A moment, short: "Tue 05 Nov 14:03" (separator ", ": "Tue 05 Nov, 14:03"; es: "mar, 5 de nov, 14:03")."""
    return _with_time(day(when), when, separator)


def long_day_and_time(when: dt.datetime) -> str:
    """A moment in full, to the second: "Tuesday 05 November 2024, 14:03:07"."""
    return _with_time(long_day(when), when, ", ", seconds=True)


def weekday_name(weekday: int, width: str = "wide") -> str:
    """The name of a weekday, 0 = Monday: "Tuesday" (es: "martes"); width "abbreviated" gives "Tue"."""
    return dates.get_day_names(width, context="format", locale=locale())[weekday]


def month_name(month: int, width: str = "wide") -> str:
    """The name of a month, 1 = January: "November" (es: "noviembre")."""
    return dates.get_month_names(width, context="format", locale=locale())[month]


# Spanish writes "e", not "y", before a word that starts with the sound i- ("Maine e Idaho"), but not before
# "hie"/"hia"/"hio"/"hiu" ("agua y hielo"); CLDR's list patterns do not carry the rule, so it is applied here.
_SPANISH_E = re.compile(r" y (?=[IiÍí]|[Hh][IiÍí](?![aeoáéó]))")


def and_list(items: list[str]) -> str:
    """Items joined as the language writes a list ('Maine, Utah, and Iowa'; 'Maine, Utah e Iowa'), via CLDR."""
    from babel.lists import format_list

    text = format_list([str(i) for i in items], locale=locale())
    return _SPANISH_E.sub(" e ", text) if locale().language == "es" else text
