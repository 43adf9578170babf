"""State of the "how few sightings single out one car?" widget (notebook 03, "Public anyway?").

Every curve is computed once, when the widget is made (unicity.unicity_table); a change of control only
picks one out, so the widget answers at once. The case residents' plates are passed in (from
answer_key.case_plates), so this module never opens the answer key itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from platetrails import rounding, unicity
from platetrails.data import TownData
from platetrails.facts import Facts
from platetrails.i18n import N_, _, _n
from platetrails.mosaic import Analyst

ALL = "all"
DAYS_OPTIONS = (1, 7, 28)
PUBLISHED_K = 4  # both published results are for four points


@dataclass(frozen=True)
class Published:
    """A published share of people singled out by k points of place and time, and the size of its crowd."""

    who: str  # the authors and the year, for the legend and the sentence
    what: str  # the kind of data
    k: int
    percent: float
    people: float


# (share figure id, crowd figure id, who, what)
PUBLISHED = (
    ("unique_4_points", "unique_4_points_people", N_("de Montjoye et al. 2013"), N_("phone users")),
    ("country_unique_4_points", "country_unique_people", N_("Farzanehfar et al. 2021"), N_("people (estimate)")),
)


class PublicData:
    """What the widget works from, prepared once: every curve, the case residents' plates and the published figures."""

    def __init__(
        self,
        town_data: TownData,
        case_plates: dict[str, str],
        facts: Facts,
        days_options: tuple[int, ...] = DAYS_OPTIONS,
        draws: int = unicity.DRAWS,
        seed: int = 0,
    ) -> None:
        self.days_options = tuple(d for d in days_options if d <= town_data.days) or (town_data.days,)
        self.case_plates = dict(case_plates)
        self.curves = unicity.unicity_table(Analyst(town_data).s, self.days_options, draws=draws, seed=seed)
        self.published = tuple(
            Published(who, what, PUBLISHED_K, float(facts.figure(share).value), float(facts.figure(crowd).value))
            for share, crowd, who, what in PUBLISHED
        )
        self.home_work = (float(facts.figure("home_work_block").value), float(facts.figure("home_work_tract").value))


@dataclass(frozen=True)
class SingledOutState:
    level: str  # "exact" or "coarse"
    car: str  # ALL, or a case resident's label (Car A to Car F)
    days: int
    ks: tuple[int, ...]
    shares: tuple[float, ...]  # % singled out at each k: of all cars, or of the chosen car's draws
    town: tuple[float, ...]  # % of all cars singled out at each k, at this level
    other: tuple[float, ...]  # % of all cars singled out at each k, at the other level
    cars: int  # cars read in those days: the crowd to hide in
    short: tuple[int, ...]  # cars with fewer than k distinct points, for each k
    points: int  # the chosen car's distinct points (0 for all cars)
    draws: int
    published: tuple[Published, ...]
    home_work: tuple[float, float]  # median US workers sharing home and work: census block, census tract
    message: str = ""


def percents(values) -> tuple[float, ...]:
    return tuple(round(100 * float(v), 1) for v in values)


def compute_singled_out(data: PublicData, level: str = "exact", car: str = ALL, days: int = 28) -> SingledOutState:
    """Pick the precomputed curve for this level of detail, car and number of days."""
    days = int(days) if int(days) in data.days_options else data.days_options[-1]
    level = level if level in unicity.LEVELS else "exact"
    other_level = next(name for name in unicity.LEVELS if name != level)
    curve, other = data.curves[(level, days)], data.curves[(other_level, days)]
    message, points = "", 0
    if car == ALL:
        shares = curve.town_share
    elif car in data.case_plates:
        plate = data.case_plates[car]
        mine = curve.car_share(plate)
        if mine is None:
            message = _("The cameras did not read {car} in {days}, so no sighting can single it out.").format(
                car=_(car), days=first_days(days)
            )
            shares = curve.town_share * 0
        else:
            shares = mine
            points = int(curve.points[curve.plates.index(plate)])
    else:
        car, shares = ALL, curve.town_share
        message = _("Pick a car from the list.")
    return SingledOutState(
        level=level,
        car=car,
        days=days,
        ks=curve.ks,
        shares=percents(shares),
        town=percents(curve.town_share),
        other=percents(other.town_share),
        cars=len(curve.plates),
        short=tuple(curve.short_of(k) for k in curve.ks),
        points=points,
        draws=curve.draws,
        published=data.published,
        home_work=data.home_work,
        message=message,
    )


def level_words(level: str) -> str:
    """The level of detail as words in a sentence."""
    if level == "exact":
        return _("the street corner and the hour")
    return _("the neighbourhood and the part of the day (night, morning, afternoon or evening)")


def percent_words(value: float) -> str:
    """A share as a whole percent, never rounded up to 100% or down to 0% when it is not."""
    if 0 < value < 1:
        return _("under 1%")
    if 99 < value < 100:
        return _("over 99%")
    return _("{p:.0f}%").format(p=rounding.percent_value(value / 100))


def first_days(days: int) -> str:
    return _n("the first day", "the first {n} days", days).format(n=days)


def first_paragraph(state: SingledOutState, k: int) -> str:
    """What k sightings do at this level, for all cars or for the chosen car; then, as a paragraph of its own, the
    rule for cars seen too little."""
    where = level_words(state.level)
    if state.car == ALL:
        text = _(
            "Say you know {k} places and times where a car was seen, down to {where}. In Alder Falls, that fits "
            "one car and no other for {share} of the town's {cars} cars. One sighting alone does it for {one}."
        ).format(
            k=k,
            where=where,
            share=percent_words(state.shares[k - 1]),
            cars=state.cars,
            one=percent_words(state.shares[0]),
        )
    elif state.points < k:
        text = _n(
            "In {days}, {car} was seen at only {points} point, down to {where}. Nobody can pick {k} "
            "of them, so {k} sightings cannot single it out.",
            "In {days}, {car} was seen at only {points} different points, down to {where}. Nobody can pick {k} "
            "of them, so {k} sightings cannot single it out.",
            state.points,
        ).format(days=first_days(state.days), car=_(state.car), points=state.points, where=where, k=k)
    else:
        text = _(
            "We picked {draws} random sets of {car}'s sightings, each known down to {where}. With {k} sightings, "
            "{share} of the sets fit {car} and no other car. With one sighting, {one} did."
        ).format(
            draws=state.draws,
            car=_(state.car),
            where=where,
            k=k,
            share=percent_words(state.shares[k - 1]),
            one=percent_words(state.shares[0]),
        )
    kmax = state.ks[-1]
    # The rule goes after the headline (a paragraph of its own, one click away on the page).
    text += "\n\n" + _("A car seen at fewer different points than the number you know counts as not singled out.")
    if state.short[-1]:
        text += " " + _n(
            "In {days}, {short} of the {cars} cars was seen at fewer than {kmax} points.",
            "In {days}, {short} of the {cars} cars were seen at fewer than {kmax} points.",
            state.short[-1],
        ).format(days=first_days(state.days), short=state.short[-1], cars=state.cars, kmax=kmax)
    return text


def describe_singled_out(state: SingledOutState) -> str:
    k = min(PUBLISHED_K, len(state.ks))
    phones, country = state.published
    block, tract = state.home_work
    lines = [
        state.message if state.message and state.car != ALL else first_paragraph(state, k),
        _(
            "A small town makes this easier: with only {cars} cars, few others are at the same place at the same "
            "time, so there are few cars to hide among. A city of millions has far more. Yet studies find that "
            "four points still single out most people: {p1:.0f}% of {n1:g} million phone users ({who1}), and an "
            "estimated {p2:.0f}% of {n2:g} million people ({who2})."
        ).format(
            cars=state.cars,
            p1=phones.percent,
            n1=phones.people / 1e6,
            who1=_(phones.who),
            p2=country.percent,
            n2=country.people / 1e6,
            who2=_(country.who),
        ),
        _(
            "Golle and Partridge (2009) measured something else: how many US workers share both the area where "
            "they live and the area where they work. For small areas (census blocks), the typical pair fits "
            "{block}. For larger areas (census tracts), it fits {tract}."
        ).format(
            block=_n("{n:g} person", "{n:g} people", int(block)).format(n=block),
            tract=_n("{n:g} person", "{n:g} people", int(tract)).format(n=tract),
        ),
    ]
    return "\n\n".join(lines)
