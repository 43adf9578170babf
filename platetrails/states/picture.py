"""State of the mosaic explorer (notebook 02): the analyst's picture of one car, and, on request, the truth.

The guesses come from the reads alone (mosaic.py); the truth comes through the answer key's door
and is only put into the state when the student asks to reveal it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from platetrails import answer_key, local_format, mosaic, plates
from platetrails.answer_key import AnswerKey
from platetrails.data import TownData
from platetrails.i18n import _, _n
from platetrails.states.reading import day_words, network_label

RANDOM = "random"
TYPED = "typed"
COLOUR_BY = ("time", "network")


class MosaicData:
    """What the explorer works from, prepared once: the analyst's sightings, the case residents, the answer key."""

    def __init__(self, town_data: TownData, key: AnswerKey) -> None:
        self.town = town_data
        self.key = key
        self.analyst = mosaic.Analyst(town_data)
        self.case_plates = answer_key.case_plates(key)
        self.car_plates = answer_key.plates(key)
        counts = pd.Series(self.analyst.s.plate).value_counts()
        self.sightings_in_all = {self.analyst.s.plates[c]: int(n) for c, n in counts.items()}


@dataclass(frozen=True)
class Truth:
    """What the answer key says about the chosen car, and how far off the guesses were."""

    known: bool
    home: tuple[int, int] | None = None
    work: tuple[int, int] | None = None
    work_name: str = ""
    home_off: int | None = None
    work_off: int | None = None
    story: str = ""


@dataclass(frozen=True)
class MosaicState:
    town: TownData
    plate: str | None
    label: str
    days: int
    networks: tuple[str, ...]
    colour_by: str
    revealed: bool
    profile: mosaic.Profile | None
    points: pd.DataFrame  # x, y, group (index into groups), count: the sightings as drawn
    groups: tuple[str, ...]  # what each group is: a time of week or a network code
    truth: Truth | None
    sightings_in_all: int  # this plate's sightings in all the data, every network
    message: str = ""


def choose_car(data: MosaicData, car: str, typed_plate: str, random_plate: str) -> tuple[str | None, str, str]:
    """(plate, label, message) for the student's choice of car."""
    if car == RANDOM:
        return random_plate, _("A random car"), ""
    if car == TYPED:
        plate, problem = plates.clean_plate(typed_plate)
        if plate is None:
            return None, "", problem
        if plate not in data.sightings_in_all:
            message = _(
                "No camera read the plate {plate} in these {days} days. Check each character (0 and O, 1 and I, "
                "8 and B look alike), or pick a car from the list."
            ).format(plate=plate, days=data.town.days)
            return None, "", message
        return plate, _("Plate {plate}").format(plate=plate), ""
    if car in data.case_plates:
        return data.case_plates[car], _(car), ""
    return None, "", _("Pick a car from the list.")


def truth_for(data: MosaicData, p: mosaic.Profile) -> Truth:
    """The truth about the profiled car, and how far the guesses fell from it (in blocks)."""
    t = answer_key.car_truth(data.key, data.town.places, p.plate)
    if t is None:
        return Truth(known=False)
    home_off = abs(p.home[0] - t.home[0]) + abs(p.home[1] - t.home[1]) if p.home else None
    work_off = abs(p.work[0] - t.work[0]) + abs(p.work[1] - t.work[1]) if p.work and t.work else None
    return Truth(True, t.home, t.work, t.work_name, home_off, work_off, t.story)


def sighting_points(data: MosaicData, profile: mosaic.Profile, colour_by: str) -> tuple[pd.DataFrame, tuple]:
    """The profile's sightings counted by corner and by group (time of week, or network), ready to draw."""
    s = data.analyst.s
    rows = profile.rows
    if colour_by == "network":
        keys, groups = s.network[rows], tuple(s.network_names)
    else:
        keys, groups = s.period[rows], tuple(mosaic.PERIODS)
    table = pd.DataFrame({"x": s.x[rows], "y": s.y[rows], "group": keys})
    return table.value_counts().rename("count").reset_index(), groups


def compute_mosaic(
    data: MosaicData,
    car: str,
    typed_plate: str = "",
    random_plate: str = "",
    days: int = 7,
    networks: tuple[str, ...] | list[str] = (),
    colour_by: str = "time",
    reveal: bool = False,
) -> MosaicState:
    """The analyst's picture of the chosen car after `days` days of the chosen networks."""
    plate, label, message = choose_car(data, car, typed_plate, random_plate)
    networks = tuple(networks)
    if plate is not None and not networks:
        message = _("Tick at least one camera network to see any sightings.")
    profile = data.analyst.profile(plate, days, list(networks)) if plate else None
    empty = pd.DataFrame({"x": [], "y": [], "group": [], "count": []})
    points, groups = sighting_points(data, profile, colour_by) if profile else (empty, ())
    return MosaicState(
        town=data.town,
        plate=plate,
        label=label,
        days=days,
        networks=networks,
        colour_by=colour_by,
        revealed=bool(reveal),
        profile=profile,
        points=points,
        groups=groups,
        truth=truth_for(data, profile) if profile is not None and reveal else None,
        sightings_in_all=data.sightings_in_all.get(plate, 0) if plate else 0,
        message=message,
    )


def confidence(hits: int, out_of: int) -> str:
    """A plain word for how sure a guess is, from how often the car was seen there."""
    if hits == 0:
        return _("no idea")
    if mosaic.fairly_sure(hits, out_of):
        return _("fairly sure")
    if hits >= 3:
        return _("somewhat sure")
    return _("only a hunch")


def title_of(state: MosaicState) -> str:
    """The map's title: which car, its plate, and how many days of sightings."""
    if not state.plate:
        return _("No car chosen")
    if state.label.startswith(_("Plate")):
        return _("{label}: {days} of sightings").format(label=state.label, days=day_words(state.days))
    return _("{label} (plate {plate}): {days} of sightings").format(
        label=state.label, plate=state.plate, days=day_words(state.days)
    )


def believe_sentence(state: MosaicState) -> str:
    """What an analyst would now believe about this car, and how sure, in plain sentences."""
    p = state.profile
    if p.sightings == 0:
        text = _("In {days}, the ticked networks never read this plate, so an analyst knows nothing about it.").format(
            days=day_words(p.days)
        )
        if state.sightings_in_all:
            text += " " + _n(
                "Across all the data and every network it was seen {n} time.",
                "Across all the data and every network it was seen {n} times.",
                state.sightings_in_all,
            ).format(n=state.sightings_in_all)
        return text
    sightings = _n("{n} sighting", "{n} sightings", p.sightings).format(n=p.sightings)
    parts = [
        _("From {sightings} in {days}, an analyst would believe:").format(sightings=sightings, days=day_words(p.days))
    ]
    if p.home:
        if p.home_from_evenings:
            parts.append(
                _(
                    "it probably sleeps near {place}, where its last sighting of the day was on {days} "
                    "(it was never seen at night; {sure})."
                ).format(place=p.home_place, days=day_words(p.home_nights), sure=confidence(min(p.home_nights, 2), 3))
            )
        elif p.home_parked:
            parts.append(
                _n(
                    "it sleeps near {place} (seen parked there on {n} of the {of} night it was seen at night: {sure}).",
                    "it sleeps near {place} (seen parked there on {n} of the {of} nights it was seen at night: {sure}).",
                    p.nights_seen,
                ).format(
                    place=p.home_place, n=p.home_nights, of=p.nights_seen, sure=confidence(p.home_nights, p.nights_seen)
                )
            )
        else:
            parts.append(
                _n(
                    "it sleeps near {place}. It was never seen parked at night, so this guess rests on a camera it "
                    "drove past at night ({n} of the {of} night it was seen): {sure}.",
                    "it sleeps near {place}. It was never seen parked at night, so this guess rests on a camera it "
                    "drove past at night ({n} of the {of} nights it was seen): {sure}.",
                    p.nights_seen,
                ).format(
                    place=p.home_place, n=p.home_nights, of=p.nights_seen, sure=confidence(min(p.home_nights, 2), 3)
                )
            )
    if p.work:
        parts.append(
            _(
                "On weekdays it spends the day near {place} (seen there on {n} of the {of} weekdays it was seen in "
                "working hours: {sure})."
            ).format(
                place=p.work_place, n=p.work_days, of=p.workdays_seen, sure=confidence(p.work_days, p.workdays_seen)
            )
        )
    elif p.days >= 2:
        parts.append(_("No weekday daytime spot stands out yet."))
    if p.routines:
        r = p.routines[0]
        parts.append(
            _("A routine: {place} on {weekday}s around {hour}:00 ({weeks} of {of} weeks).").format(
                place=r.place, weekday=local_format.weekday_name(r.weekday), hour=r.hour, weeks=r.weeks, of=r.of_weeks
            )
        )
    parked = [v for v in p.sensitive if v.parked]
    passed = [v for v in p.sensitive if not v.parked]
    if parked:
        v = parked[0]
        parts.append(
            _("It was seen parked at {place} ({what}) on {when}.").format(
                place=v.place, what=_(v.sensitive), when=local_format.day_and_time(v.when, ", ")
            )
        )
    if passed:
        names = ", ".join(sorted({v.place for v in passed}))
        parts.append(
            _("A camera by {places} read it {n} times: passing or visiting, a camera cannot tell.").format(
                places=names, n=len(passed)
            )
        )
    return " ".join(parts)


def truth_sentence(state: MosaicState) -> str:
    """What the answer key says, and whether each guess was right."""
    t, p = state.truth, state.profile
    if t is None or p is None:
        return ""
    if not t.known:
        return _("The answer key has no car with this plate: it is probably a misread of another car's plate.")
    bits = [_("The truth:") + (" " + _(t.story) if t.story else "")]
    if t.home_off is None:
        bits.append(_("No home guess was made."))
    else:
        verdict = _("right (within a block)") if t.home_off <= 1 else _("wrong")
        bits.append(
            _n(
                "The home guess is {n} block off: {verdict}.",
                "The home guess is {n} blocks off: {verdict}.",
                t.home_off,
            ).format(n=t.home_off, verdict=verdict)
        )
    if t.work is None:
        bits.append(
            _("This driver has no workplace.")
            if p.work is None
            else _("This driver has no workplace, so the work guess is wrong.")
        )
    elif t.work_off is None:
        bits.append(_("They work at {place}, which the analyst has not found yet.").format(place=t.work_name))
    else:
        verdict = _("right") if t.work_off <= 1 else _("wrong")
        bits.append(
            _n(
                "They work at {place}; the guess is {n} block off: {verdict}.",
                "They work at {place}; the guess is {n} blocks off: {verdict}.",
                t.work_off,
            ).format(place=t.work_name, n=t.work_off, verdict=verdict)
        )
    return " ".join(bits)


def describe_mosaic(state: MosaicState) -> str:
    """The sentence under the map: a headline (home, work and, if revealed, whether each guess was right), then
    what the analyst believes and the truth in full, as paragraphs the page shows one click away."""
    if state.profile is None:
        return state.message
    text = headline_mosaic(state)
    if state.profile.sightings:
        text += "\n\n" + believe_sentence(state)
    if state.revealed:
        text += "\n\n" + truth_sentence(state)
    return text


def home_confidence(p) -> str:
    """How sure the home guess is, by the rule that made it (see `believe_sentence`)."""
    if p.home_parked and not p.home_from_evenings:
        return confidence(p.home_nights, p.nights_seen)
    return confidence(min(p.home_nights, 2), 3)


def headline_mosaic(state: MosaicState) -> str:
    """One or two lines a class can read from the back row: the home and work guesses, how sure, and the truth."""
    p = state.profile
    if p.sightings == 0:
        return believe_sentence(state)
    bits = []  # how many sightings: in the title and the full account, so the headline stays short
    if p.home:
        bits.append(_("Home: near {place}, {sure}.").format(place=p.home_place, sure=home_confidence(p)))
    else:
        bits.append(_("No home guess yet."))
    if p.work:
        bits.append(
            _("Work: near {place}, {sure}.").format(place=p.work_place, sure=confidence(p.work_days, p.workdays_seen))
        )
    else:
        bits.append(_("No work guess yet."))
    t = state.truth
    if state.revealed and t is not None and t.known:
        if t.home_off is None:
            home = _("no home guess was made")
        else:
            home = _("the home guess is right") if t.home_off <= 1 else _("the home guess is wrong")
        if t.work is None:
            work = _("there is no workplace") if p.work is None else _("the work guess is wrong: there is no workplace")
        elif t.work_off is None:
            work = _("the workplace was not found")
        else:
            work = _("the work guess is right") if t.work_off <= 1 else _("the work guess is wrong")
        home_right = t.home_off is not None and t.home_off <= 1
        work_right = t.work_off is not None and t.work_off <= 1
        if home_right and work_right:
            bits.append(_("The truth: both guesses are right."))
        elif t.home_off is not None and not home_right and t.work_off is not None and not work_right:
            bits.append(_("The truth: both guesses are wrong."))
        else:
            bits.append(_("The truth: {home}; {work}.").format(home=home, work=work))
    elif state.revealed and t is not None:
        bits.append(_("The answer key has no car with this plate."))
    return " ".join(bits)


def group_label(state: MosaicState, group: str) -> str:
    """A legend label for one group of sightings."""
    return network_label(group) if state.colour_by == "network" else _(group)
