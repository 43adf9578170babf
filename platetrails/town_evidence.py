"""The made-up town's evidence, regenerated from the class data when the catalogue is built: how soon an alert
comes, how often a home is found, how often a sensitive-place label is wrong, misreads, and whose streets are
scanned most. The analyst's guesses are scored against the answer key, as in notebooks 01 and 02.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from platetrails import answer_key, hotlist, networks, rounding, scoring
from platetrails.answer_key import AnswerKey
from platetrails.data import TownData
from platetrails.evidence import Evidence, count, town_source
from platetrails.i18n import _
from platetrails.mosaic import Analyst


def town_alerts(town: TownData, cars: dict[str, str]) -> Evidence:
    """How soon a case car on the hot list is read, alerts set at every hour of the four weeks."""
    starts = pd.Series(pd.date_range(town.start, periods=town.days * 24, freq="h"))
    every, fixed = [], []
    for plate in cars.values():
        every.append(hotlist.waits(town, plate, networks.names(), starts))
        fixed.append(hotlist.waits(town, plate, networks.networks_of(networks.POLICE, "fixed"), starts))
    every_w, fixed_w = np.concatenate(every), np.concatenate(fixed)

    def share(waits: np.ndarray, minutes: float) -> float:
        return 100 * float(np.mean(waits <= minutes))

    day_all, day_fixed = share(every_w, 24 * 60), share(fixed_w, 24 * 60)
    hour_all, hour_fixed = share(every_w, 60), share(fixed_w, 60)
    finding = _(
        "In Alder Falls, when one of the six case cars is put on the hot list, every network together reads it "
        "within a day in {day_all:.0f}% of alerts (the city's fixed cameras alone: {day_fixed:.0f}%), and within "
        "an hour in {hour_all:.0f}%."
    ).format(day_all=day_all, day_fixed=day_fixed, hour_all=hour_all)
    bars = (
        (_("within 1 hour, every network"), hour_all),
        (_("within 1 hour, city cameras"), hour_fixed),
        (_("within 1 day, every network"), day_all),
        (_("within 1 day, city cameras"), day_fixed),
    )
    note = _(
        "The town has more cameras per car than a real city, so in a real city a listed car would usually be "
        "read later."
    )
    return Evidence(
        "town_alerts",
        "for",
        "01",
        _("A hot-list car is found fast"),
        finding,
        (town_source("01"),),
        bars,
        _("% of alerts where the car is read"),
        percent=True,
        note=note,
        made_up=True,
        kind="town",
    )


def town_home(analyst: Analyst, key: AnswerKey, realism: pd.DataFrame) -> Evidence:
    """How often the analyst finds a car's home within a block, and the same with a real city's camera cars."""
    scorer = scoring.Scorer(analyst, key)

    def share(days: int) -> float:
        return float((scorer.accuracy(days, networks.names()).home_blocks_off <= 1).mean())

    one, week, month = (share(days) for days in (1, 7, 28))
    seattle = realism[realism.level == "Seattle-like"].groupby("days").home_mean.first()  # mean over the draws
    sea_month, sea_year = float(seattle.loc[28]), float(seattle.loc[365])
    shown = rounding.percent_value  # the one rounding rule (halves up): 0.685 reads 69% here as everywhere else
    finding = _(
        "With every network, the analyst finds the home of {one:.0f}% of the town's cars within one block after "
        "one day of reads and of {month:.0f}% after 28 days, from reads alone, without a name."
    ).format(one=shown(one), month=shown(month))
    note = _(
        "With every reader reading each car as rarely as Seattle's police readers did, the share is about "
        "{sea_month:.0f}% after 28 days and {sea_year:.0f}% after a year: a real city watched that thinly reveals far fewer "
        "homes, even in a year."
    ).format(sea_month=shown(sea_month), sea_year=shown(sea_year))
    bars = (
        (_("town, 1 day"), 100 * one),
        (_("town, 7 days"), 100 * week),
        (_("town, 28 days"), 100 * month),
        (_("Seattle-like, 28 days"), 100 * sea_month),
        (_("Seattle-like, 1 year"), 100 * sea_year),
    )
    return Evidence(
        "town_home",
        "against",
        "02",
        _("Reads reveal where cars sleep"),
        finding,
        (town_source("02"),),
        bars,
        _("% of cars, home found within 1 block"),
        percent=True,
        note=note,
        made_up=True,
        kind="town",
    )


def town_labels(analyst: Analyst, key: AnswerKey) -> Evidence:
    """Cars given a weekly 'routine' at a sensitive place, and how many of them truly went there."""
    labels = scoring.label_truth(analyst, key, 28, networks.names())
    labelled = labels[labels.plates_with_routine > 0].sort_values("plates_with_routine", ascending=False)
    given, went = int(labelled.plates_with_routine.sum()), int(labelled.routine_and_went.sum())
    top = labelled.iloc[0]
    finding = _(
        "After 28 days, the analyst's rules give {given} cars a weekly 'routine' at a place of worship, a clinic or "
        "a legal aid office, but only {went} of them truly went there; at {place}, {n} cars get the label and "
        "{right} truly went."
    ).format(given=given, went=went, place=top.place, n=int(top.plates_with_routine), right=int(top.routine_and_went))
    bars: list[tuple[str, float]] = []
    for row in labelled.head(2).itertuples():
        short = row.place.split(",")[0].replace(" Community", "")
        bars.append((_("{place}: labelled").format(place=short), float(row.plates_with_routine)))
        bars.append((_("{place}: truly went").format(place=short), float(row.routine_and_went)))
    note = _(
        "The town puts a camera at a busy corner by each of these places; in a real city, a camera near a "
        "clinic or a place of worship also reads every car that drives past."
    )
    return Evidence(
        "town_labels",
        "against",
        "02",
        _("Sensitive-place labels are often wrong"),
        finding,
        (town_source("02"),),
        tuple(bars),
        _("cars (of the town's 200)"),
        note=note,
        made_up=True,
        kind="town",
    )


def town_misreads(town: TownData, key: AnswerKey) -> Evidence:
    """The share of the town's reads that are misreads: each could set off an alert for the wrong car."""
    misread = answer_key.misread_count(key)
    total = len(town.reads)
    share = 100 * misread / max(total, 1)
    finding = _(
        "{n} of the town's {total} reads ({share:.1f}%) have one character wrong; if a misread matches a "
        "listed plate, an innocent driver's car sets off an alert."
    ).format(n=count(misread), total=count(total), share=share)
    bars = ((_("read right"), 100 - share), (_("one character wrong"), share))
    return Evidence(
        "town_misreads",
        "against",
        "01",
        _("Misreads can flag the wrong car"),
        finding,
        (town_source("01"),),
        bars,
        _("% of the town's reads"),
        percent=True,
        made_up=True,
        kind="town",
    )


def town_scans(town: TownData) -> Evidence:
    """Reads per street corner per day in each neighbourhood: whose streets are scanned most."""
    per = hotlist.scans_by_neighbourhood(town).sum(axis=1).sort_values()
    ratio = per.max() / max(per.min(), 1e-9)
    finding = _(
        "{top} is scanned about {ratio:.0f} times as much per street corner as {low}, so its residents' "
        "movements fill the database far more."
    ).format(top=per.idxmax(), ratio=ratio, low=per.idxmin())
    bars = tuple((str(name), float(value)) for name, value in per.items())
    return Evidence(
        "town_scans",
        "against",
        "01",
        _("Some streets are scanned far more"),
        finding,
        (town_source("01"),),
        bars,
        _("reads per street corner per day"),
        made_up=True,
        kind="town",
    )
