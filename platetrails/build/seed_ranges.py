"""Notebook 02's headline claims, each measured on eight simulated towns, not only the class data.

A claim true of one town may be luck. `python -m platetrails.build.seed_ranges --out data` (part of `make data`)
simulates the town for each seed in SEEDS in memory, exactly as the generator makes the class data, scores
the analyst as notebook 02 does, and writes one small table, data/mosaic/seed_ranges.csv: each figure in
the class data ("in this town"), its lowest and highest over the eight seeds, and every seed's figure.
Nothing here changes the analysis (mosaic.py, scoring.py): it only calls it.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from platetrails import data, networks, rounding, scoring
from platetrails.answer_key import AnswerKey
from platetrails.build import generate, realism
from platetrails.i18n import N_, _
from platetrails.mosaic import Analyst, fairly_sure

# Chosen before any figure below was computed, and never changed after: the class seed, then the first
# seven whole numbers. (Not picked to make a claim look good; a claim that fails on one is reworded.)
SEEDS = (2018, 1, 2, 3, 4, 5, 6, 7)
CLASS_SEED = generate.CLASS_SEED
FILE = Path(scoring.CLASS_FOLDER) / "seed_ranges.csv"
REBUILD = "Rebuild it with the command: python -m platetrails.build.seed_ranges --out data"
EVERY = networks.names()
CAMERA_CARS = networks.mobile_names()
(CITY_FIXED,) = networks.networks_of(networks.POLICE, "fixed")  # the city's fixed cameras, which some claims name
NAMED_NIGHTS = 2  # a home "could be named" when its guess rests on at least two nights (policy.CONFIDENT_NIGHTS)
LEGAL_AID = "Riverside Legal Aid Center"
TEMPLE = "Sri Ganesha Temple"


def alone(network: str) -> str:
    """The name of the figure 'home found, with this network's reads alone'."""
    return f"home_{network}_alone"


# Each figure: its name in the table, and what it measures (after 28 days, every network, unless it says).
FIGURES: dict[str, str] = {
    "home_1_day": "share of all cars whose home is guessed within a block after 1 day",
    "home_7_days": "share of all cars whose home is guessed within a block after 7 days",
    "home_28_days": "share of all cars whose home is guessed within a block after 28 days",
    **{alone(net.name): f"home found, with {net.phrase} alone" for net in networks.all_networks()},
    "home_camera_cars_alone": "home found, with the two camera-car networks together",
    "found_homes_from_parked_nights": "of the homes found, the share whose guess rests on the car seen parked at night",
    "work_of_workers": "share of cars with a workplace whose work is guessed within a block",
    "work_of_all_cars": "share of all cars whose work is guessed within a block",
    "no_workplace_given_work": "cars with no workplace that get a work guess anyway",
    "no_workplace_given_work_share": "share of cars with no workplace that get a work guess anyway",
    "found_county_commuters": "home found, county commuters (they live outside town)",
    "found_night_shift": "home found, night-shift workers",
    "found_rotating_shift": "home found, rotating-shift workers",
    "found_other_drivers": "home found, every other kind of driver together",
    "found_parked_out_of_sight": "home found, cars parked out of sight at home (a garage, behind the house)",
    "found_parked_on_street": "home found, cars parked where camera cars can read them",
    "missed_who_live_out_or_work_shifts": "of the homes missed, the share of county commuters and night or rotating shifts",
    "missed_parked_out_of_sight": "of the homes missed, the share of cars parked out of sight at home",
    "legal_aid_routines": "cars given a weekly routine at the legal aid center",
    "legal_aid_routines_went": "of those, the share that ever went there",
    "temple_routines": "cars given a weekly routine at the temple",
    "temple_routines_went": "of those, the share that ever went there",
    "routines_where_no_fixed_camera": "cars given a routine at a sensitive place with no fixed camera at its corner",
    "named_homes": "cars whose home guess rests on at least two nights (homes that could be named)",
    "named_homes_wrong": "of those, cars whose guess is more than a block off",
    "named_homes_wrong_share": "of those, the share that are wrong",
    "fairly_sure_homes": "cars whose home guess the explorer calls 'fairly sure'",
    "fairly_sure_homes_wrong": "of those, cars whose guess is more than a block off",
}
COUNTS = {
    "no_workplace_given_work",
    "legal_aid_routines",
    "temple_routines",
    "routines_where_no_fixed_camera",
    "named_homes",
    "named_homes_wrong",
    "fairly_sure_homes",
    "fairly_sure_homes_wrong",
}


def simulate_town(seed: int) -> tuple[data.TownData, AnswerKey]:
    """The class data's town, people and reads for `seed`, in memory (generate.simulate, as `make data` runs it)."""
    tables = generate.simulate(seed, generate.CLASS_VEHICLES, generate.CLASS_DAYS)
    town = realism.in_memory_town(tables["reads"], generate.CLASS_DAYS)
    trips = tables["trips"].copy()
    for column in ("depart", "arrive"):
        trips[column] = pd.to_datetime(trips[column], format="%Y-%m-%dT%H:%M:%S").astype("datetime64[s]")
    key = dataclasses.replace(realism.in_memory_key(tables["vehicles"]), trips=trips)
    return town, key


def _found(acc: pd.DataFrame) -> pd.Series:
    return acc.home_blocks_off <= 1


def figures(town: data.TownData, key: AnswerKey) -> dict[str, float]:
    """Every figure of FIGURES for one town, scored as notebook 02's charts score the class data."""
    analyst = Analyst(town)
    scorer = scoring.Scorer(analyst, key)
    days = town.days
    month = scorer.accuracy(days, EVERY)
    found = _found(month)
    out = {
        "home_1_day": _found(scorer.accuracy(1, EVERY)).mean(),
        "home_7_days": _found(scorer.accuracy(7, EVERY)).mean(),
        "home_28_days": found.mean(),
    }
    for name in EVERY:
        out[alone(name)] = _found(scorer.accuracy(days, [name])).mean()
    out["home_camera_cars_alone"] = _found(scorer.accuracy(days, CAMERA_CARS)).mean()
    g = analyst.guesses(days, EVERY)
    c = scorer.code
    parked = scorer.seen & g.home_parked[c] & ~g.home_from_evenings[c]
    out["found_homes_from_parked_nights"] = (parked & found).sum() / found.sum()
    workers = month.has_work
    out["work_of_workers"] = (month.work_blocks_off[workers] <= 1).mean()
    out["work_of_all_cars"] = (month.work_blocks_off <= 1).mean()
    out["no_workplace_given_work"] = int((month.work_guessed & ~workers).sum())
    out["no_workplace_given_work_share"] = (month.work_guessed & ~workers).sum() / (~workers).sum()
    kind = month.archetype
    shifts = kind.isin(["county_commuter", "night_shift", "rotating_shift"])
    out["found_county_commuters"] = found[kind == "county_commuter"].mean()
    out["found_night_shift"] = found[kind == "night_shift"].mean()
    out["found_rotating_shift"] = found[kind == "rotating_shift"].mean()
    out["found_other_drivers"] = found[~shifts].mean()
    hidden = key.vehicles.parks_out_of_sight.astype(bool).to_numpy()
    out["found_parked_out_of_sight"] = found[hidden].mean()
    out["found_parked_on_street"] = found[~hidden].mean()
    out["missed_who_live_out_or_work_shifts"] = (shifts & ~found).sum() / (~found).sum()
    out["missed_parked_out_of_sight"] = (hidden & ~found).sum() / (~found).sum()
    labels = scoring.label_truth(analyst, key, days, EVERY).set_index("place")
    for place, name in ((LEGAL_AID, "legal_aid"), (TEMPLE, "temple")):
        row = labels.loc[place]
        out[f"{name}_routines"] = int(row.plates_with_routine)
        out[f"{name}_routines_went"] = row.routine_and_went / max(int(row.plates_with_routine), 1)
    fixed = town.cameras[town.cameras.kind == "fixed"]
    corners = set(zip(fixed.x.astype(int), fixed.y.astype(int)))
    places = town.places.set_index("name")
    uncovered = [p for p in labels.index if (int(places.x[p]), int(places.y[p])) not in corners]
    out["routines_where_no_fixed_camera"] = int(labels.loc[uncovered, "plates_with_routine"].sum())
    named = scorer.seen & (g.home_nights[c] >= NAMED_NIGHTS) & (g.home_x[c] > -999)
    out["named_homes"] = int(named.sum())
    out["named_homes_wrong"] = int((named & ~found.to_numpy()).sum())
    out["named_homes_wrong_share"] = out["named_homes_wrong"] / max(out["named_homes"], 1)
    # The explorer's "fairly sure" home guesses: seen parked there often (states.picture.home_confidence).
    sure = parked & np.array([fairly_sure(int(h), int(n)) for h, n in zip(g.home_nights[c], g.nights_seen[c])])
    out["fairly_sure_homes"] = int(sure.sum())
    out["fairly_sure_homes_wrong"] = int((sure & ~found.to_numpy()).sum())
    return {name: float(out[name]) for name in FIGURES}


def seed_figures(seed: int) -> dict[str, float]:
    """FIGURES for the town simulated from `seed`."""
    return figures(*simulate_town(seed))


def range_table(seeds: tuple[int, ...] = SEEDS, jobs: int = 1) -> pd.DataFrame:
    """One row per figure: what it is, the class data's value, the lowest and highest over `seeds`, each seed's.

    Seeds are independent, so `jobs` > 1 scores them in parallel processes; the table is the same either way.
    """
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            by_seed = dict(zip(seeds, pool.map(seed_figures, seeds)))
    else:
        by_seed = {seed: seed_figures(seed) for seed in seeds}
    rows = []
    for name, what in FIGURES.items():
        values = [round(by_seed[seed][name], 4) for seed in seeds]
        row = {"figure": name, "what": what, "unit": "cars" if name in COUNTS else "share"}
        row |= {"in_this_town": values[seeds.index(CLASS_SEED)], "lowest": min(values), "highest": max(values)}
        row |= {f"seed_{seed}": value for seed, value in zip(seeds, values)}
        rows.append(row)
    return pd.DataFrame(rows)


def write(out: Path, jobs: int = 1) -> Path:
    """Write the range table to `out`/mosaic/seed_ranges.csv, byte for byte the same on every run."""
    path = Path(out) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    range_table(jobs=jobs).to_csv(path, index=False, lineterminator="\n", float_format="%.6g")
    return path


def load(data_dir: Path | None = None) -> pd.DataFrame:
    """The stored range table, typed, with a plain message if it is missing or damaged."""
    path = Path(data_dir or data.DATA_DIR) / FILE
    text = ["figure", "what", "unit"]
    seeds = [f"seed_{seed}" for seed in SEEDS]
    table = data.read_csv_file(path, [*text, "in_this_town", "lowest", "highest", *seeds], fix=REBUILD)
    out = {column: table[column].astype(str) for column in text}
    for column in ["in_this_town", "lowest", "highest", *seeds]:
        try:
            out[column] = table[column].astype("float64")
        except (ValueError, TypeError):
            raise data.DataFileError(
                f"The data file {path} is damaged: the column '{column}' holds values that are not numbers.", REBUILD
            ) from None
    return pd.DataFrame(out)


# --- The claims notebook 02 and the guide make, each tied to the figure behind it -------------------


@dataclass(frozen=True)
class Claim:
    """Words notebook 02 (or its section of the guide) uses, and what they need to be true on every seed.

    `words` must appear in the text word for word; each seed's `figure` must lie from `low` to `high`
    (inclusive), and below that seed's `below` figure if one is named.
    """

    words: str
    figure: str
    low: float = 0.0
    high: float = float("inf")
    below: str = ""
    where: str = "notebook"  # or "guide": the guide's notebook-02 section


MOST = 0.5 + 1e-9  # "most" and "more than half": above half, on every seed
CLAIMS: tuple[Claim, ...] = (
    Claim("about a quarter to a third of homes after one day", "home_1_day", 0.2, 0.36),
    Claim("A picture right for most people", "home_28_days", MOST, 1),
    Claim("about two thirds after four weeks", "home_28_days", 0.6, 0.75),
    Claim("about two thirds of homes within a block after four weeks", "home_28_days", 0.6, 0.75),
    Claim("fewer than one home in four", alone(CITY_FIXED), 0, 0.25 - 1e-9),
    Claim("more than four in five of the homes found", "found_homes_from_parked_nights", 0.8 + 1e-9, 1),
    *(
        Claim("either kind of camera car alone finds more than half", alone(n), MOST, 1, where="guide")
        for n in CAMERA_CARS
    ),
    Claim("Work is harder to find", "work_of_workers", below="home_28_days"),
    Claim("more than half of the cars whose drivers have no workplace", "no_workplace_given_work_share", MOST, 1),
    Claim("misses most people who live outside town", "found_county_commuters", 0, 0.5 - 1e-9),
    Claim("misses most cars parked out of sight", "found_parked_out_of_sight", 0, 0.5 - 1e-9),
    Claim("most of the homes it misses belong to cars parked out of sight", "missed_parked_out_of_sight", MOST, 1),
    Claim("less often than those of drivers who live in town", "found_night_shift", below="found_other_drivers"),
    Claim("only a few of them ever went inside", "legal_aid_routines_went", 0, 0.15),
    Claim("most of them were just driving past", "legal_aid_routines_went", 0, 0.5 - 1e-9),
    Claim("right for some cars and wrong for others", "temple_routines_went", 0.25, 0.75),
    Claim("more often than at the legal aid center", "legal_aid_routines_went", below="temple_routines_went"),
    Claim("hardly any", "routines_where_no_fixed_camera", 0, 3),
    Claim("about a quarter to a third are wrong", "named_homes_wrong_share", 0.2, 0.36),
    Claim("Even a home guessed from two or more nights is often wrong", "named_homes_wrong_share", 0.2, 1),
    Claim("never wrong", "fairly_sure_homes_wrong", 0, 0),
)


def broken_claims(table: pd.DataFrame, seeds: tuple[int, ...] = SEEDS) -> list[str]:
    """Each claim that some seed contradicts, with that seed's figure (an empty list: every claim holds)."""
    values = table.set_index("figure")
    broken = []
    for claim in CLAIMS:
        for seed in seeds:
            value = values.loc[claim.figure, f"seed_{seed}"]
            limit = values.loc[claim.below, f"seed_{seed}"] if claim.below else float("inf")
            if not (claim.low <= value <= claim.high and value < limit):
                broken.append(f"'{claim.words}' ({claim.figure}) on seed {seed}: {value:g}")
    return broken


# --- What notebook 02 shows: a few of the figures, in this town and over the eight towns ----------

STUDENT_ROWS: dict[str, str] = {
    "home_1_day": N_("homes found after 1 day"),
    "home_28_days": N_("homes found after 4 weeks"),
    alone(CITY_FIXED): N_("homes found by the city's fixed cameras alone"),
    "found_homes_from_parked_nights": N_("of the homes found, the share found from the car seen parked at night"),
    "work_of_workers": N_("work found, of drivers who have a workplace"),
    "no_workplace_given_work_share": N_("drivers with no workplace who get a work guess anyway"),
    "found_county_commuters": N_("homes found: people who live outside town"),
    "found_night_shift": N_("homes found: night-shift workers"),
    "found_parked_out_of_sight": N_("homes found: cars parked out of sight at home"),
    "legal_aid_routines_went": N_("'routine' at the legal aid center: the car truly went there"),
    "temple_routines_went": N_("'routine' at the temple: the car truly went there"),
    "named_homes_wrong_share": N_("homes guessed from two or more nights that are wrong"),
}


def percent(share: float) -> str:
    """A share as a percentage to one decimal, halves rounded up, without a trailing '.0' (0.245 is 24.5%, 0.26 26%)."""
    return rounding.percent(share, 1)


def student_rows(table: pd.DataFrame, rows: list[str] | None = None) -> pd.DataFrame:
    """Chosen figures (STUDENT_ROWS by default) in words: each in this town, and lowest to highest in the 8 towns."""
    values = table.set_index("figure")
    out = []
    for name in rows or list(STUDENT_ROWS):
        row = values.loc[name]
        spread = _("{low} to {high}").format(low=percent(row.lowest), high=percent(row.highest))
        out.append((_(STUDENT_ROWS[name]), percent(row.in_this_town), spread))
    heads = [
        _("what was measured (4 weeks, every network, unless it says)"),
        _("in this town"),
        _("in {n} towns: lowest to highest").format(n=len(SEEDS)),
    ]
    return pd.DataFrame(out, columns=heads)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Measure notebook 02's claims on eight seeds (data/mosaic/).")
    parser.add_argument("--out", type=Path, default=data.DATA_DIR, help="the data folder (default: data)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="processes (one seed each)")
    args = parser.parse_args(argv)
    print(f"wrote {write(args.out, args.jobs)}")  # i18n: ok (command line, not students)


if __name__ == "__main__":
    main()
