"""The headline figures: every number the notebooks' and the guide's prose quote, computed once, with its meaning.

`python -m platetrails.build.headline --out data` (part of `make data`, after seed_ranges) reads the class data set
and the tables `make data` wrote before it (data/mosaic/, data/realism.csv, data/policy/cases.csv), runs the
package's own code on them, and writes data/headline.csv: one row per figure, with its exact value, the text
students read (one rounding rule, platetrails.rounding), its unit, one plain sentence saying what it is, and
where it comes from. No value here is typed by hand; tests/test_prose_numbers.py checks the prose against it.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from pathlib import Path

import pandas as pd

from platetrails import (
    answer_key,
    data,
    facts,
    mosaic,
    networks,
    policy,
    policy_rules,
    position_file,
    rounding,
    scoring,
    sharing,
    unicity,
)
from platetrails.build import generate
from platetrails.mosaic import Analyst

FILE = "headline.csv"
COLUMNS = ["figure_id", "value", "shown", "unit", "definition", "source"]
REBUILD = "Rebuild it with the command: python -m platetrails.build.headline --out data"
DAYS_SHOWN = (1, 7, 28)  # the class data's figures after one day, one week and four weeks
ARCHETYPE_WORDS = {
    "county_commuter": "people who live outside town (county commuters)",
    "night_shift": "night-shift workers",
    "rotating_shift": "rotating-shift workers",
    "day_commuter": "day commuters",
}


@dataclass(frozen=True)
class Figure:
    """One row of data/headline.csv."""

    figure_id: str
    value: float
    shown: str
    unit: str
    definition: str
    source: str


def share(figure_id: str, value: float, definition: str, source: str) -> Figure:
    """A share (0 to 1), shown as a whole percentage by the one rounding rule."""
    return Figure(figure_id, float(value), rounding.percent(value), "share", definition, source)


def count(figure_id: str, value: float, unit: str, definition: str, source: str) -> Figure:
    """A count, shown whole with thousands separated."""
    return Figure(figure_id, float(value), rounding.whole(value), unit, definition, source)


def number(figure_id: str, value: float, unit: str, definition: str, source: str, digits: int = 2) -> Figure:
    """A measured quantity that is not a share or a count, shown to `digits` significant figures."""
    return Figure(figure_id, float(value), rounding.significant(float(value), digits), unit, definition, source)


def after(days: int) -> str:
    """'1 day', '7 days': a number of days in words for a definition."""
    return "1 day" if days == 1 else f"{days} days"


# --- The town -------------------------------------------------------------------------------------


def town_figures(town: data.TownData, data_dir: Path) -> Iterator[Figure]:
    """How big the class data's town is: cars, days, places, cameras and reads."""
    src = "data/town/ and data/reads.csv (python -m platetrails.build.generate)"
    cams = town.cameras
    reads = town.reads
    cars = int(scoring.class_missed(data_dir).cars.sum())  # every car of the answer key, scored by notebook 02
    yield count(
        "town_cars", cars, "cars", "Cars in the class data's town.", "data/mosaic/missed.csv (scoring.class_missed)"
    )
    yield count("town_days", town.days, "days", "Days of reads in the class data.", src)
    yield count("town_neighbourhoods", len(town.neighbourhoods), "neighbourhoods", "Neighbourhoods of the town.", src)
    yield count("town_public_places", len(town.places), "places", "Public places on the town's map.", src)
    fixed = cams[cams.kind == "fixed"]
    yield count("town_fixed_cameras", len(fixed), "cameras", "Fixed cameras, city and county together.", src)
    yield count(
        "town_camera_cars", (cams.kind == "mobile").sum(), "camera cars", "Camera cars (patrol and repossession).", src
    )
    yield count("town_reads", len(reads), "reads", "Plate reads in the class data, every network.", src)
    yield count("town_reads_per_day", len(reads) / town.days, "reads a day", "Plate reads a day, every network.", src)
    per_day = reads.groupby("network", observed=True).size() / town.days
    for name in networks.names():
        yield count(
            f"town_reads_per_day_{name}",
            per_day.get(name, 0),
            "reads a day",
            f"Plate reads a day by the network {name} alone.",
            src,
        )
    for name in networks.names():
        yield count(
            f"town_reads_{name}",
            (reads.network == name).sum(),
            "reads",
            f"Plate reads by the network {name} alone.",
            src,
        )


# --- Notebook 02's class data: home, work and who is missed --------------------------------------


def class_figures(data_dir: Path) -> Iterator[Figure]:
    """The class data's home and work shares at 1, 7 and 28 days, each network alone, and who is missed."""
    shares = scoring.class_shares(data_dir)
    every = " + ".join(networks.names())
    src = "data/mosaic/shares.csv (scoring.class_shares)"
    for days in DAYS_SHOWN:
        row = shares[(shares.combination == every) & (shares.days == days)].iloc[0]
        yield share(
            f"home_every_network_{days}d",
            row.home_share,
            f"Share of all cars in this town (the class data) whose home is guessed within one block after {after(days)} "
            "of reads, every network.",
            src,
        )
        yield share(
            f"work_every_network_{days}d",
            row.work_share,
            f"Share of cars with a workplace whose work is guessed within one block after {after(days)}, every network.",
            src,
        )
        yield share(
            f"work_all_cars_every_network_{days}d",
            row.work_share_all,
            f"Share of all cars whose work is guessed within one block after {after(days)}, every network.",
            src,
        )
    last = int(shares.days.max())
    for name in networks.names():
        row = shares[(shares.combination == name) & (shares.days == last)].iloc[0]
        yield share(
            f"home_{name}_alone_{last}d",
            row.home_share,
            f"Share of all cars whose home is guessed within one block after {last} days by the network {name} alone.",
            src,
        )
    # Who is missed: by kind of driver, after one day, one week (scored here) and four weeks (data/mosaic/).
    by_days = {days: missed_by_kind(data_dir, days) for days in DAYS_SHOWN if days != last}
    by_days[last] = scoring.class_missed(data_dir).set_index("archetype")
    for days, missed in by_days.items():
        src = "data/mosaic/missed.csv (scoring.class_missed)" if days == last else "scoring.missed_by_routine"
        for kind, row in missed.iterrows():
            words = ARCHETYPE_WORDS.get(str(kind), str(kind).replace("_", " ") + "s")
            suffix = "" if days == last else f"_{days}d"
            yield share(
                f"found_{kind}{suffix}",
                row.found,
                f"Share of {words} whose home is found within one block after {after(days)}, every network.",
                src,
            )
            yield count(
                f"missed_{kind}{suffix}",
                row.missed,
                "cars",
                f"Cars of {words} whose home is not found within one block after {after(days)}, every network.",
                src,
            )
            if days == last:
                yield count(f"cars_{kind}", row.cars, "cars", f"Cars of {words} in the class data.", src)
    labels = scoring.class_labels(data_dir)
    sensitive = labels[labels.sensitive != ""]
    src = "data/mosaic/labels.csv (scoring.class_labels)"
    yield count(
        "routines_at_sensitive_places",
        sensitive.plates_with_routine.sum(),
        "cars",
        "Cars given a weekly 'routine' at a sensitive place after 28 days (a car may count at more than one).",
        src,
    )
    yield count(
        "routines_at_sensitive_places_went",
        sensitive.routine_and_went.sum(),
        "cars",
        "Of those routines, the ones whose car truly went to the place in the 28 days.",
        src,
    )


def missed_by_kind(data_dir: Path, days: int) -> pd.DataFrame:
    """scoring.missed_by_routine for the class data after `days` days, every network (opens the answer key)."""
    town = data.load_town(data_dir)
    key = answer_key.load_answer_key(data_dir)
    return scoring.missed_by_routine(Analyst(town), key, days, networks.names()).set_index("archetype")


# --- The realism dial ----------------------------------------------------------------------------


def dial_figures(data_dir: Path) -> Iterator[Figure]:
    """Each level of the dial: homes found (mean over the draws) at 28 days and a year, reads per car, 2+ days."""
    table = data.read_table("realism.csv", data_dir)
    src = "data/realism.csv (python -m platetrails.build.realism), mean over the draws"
    for level, rows in table.groupby("level", sort=False):
        key = str(level).lower().replace(" ", "_").replace("-", "_")
        by_days = rows.groupby("days").home_mean.first()
        for days in by_days.index:
            yield share(
                f"dial_{key}_home_{int(days)}d",
                by_days.loc[days],
                f"Homes found within a block after {int(days)} days at the dial's level '{level}'.",
                src,
            )
        first = rows.iloc[0]
        yield number(
            f"dial_{key}_reads_per_vehicle_per_day",
            first.reads_per_vehicle_per_day_mean,
            "reads per car per day",
            f"Reads of each car per day by every reader together at the dial's level '{level}'.",
            src,
        )
        yield share(
            f"dial_{key}_plates_seen_2_days",
            first.share_plates_2_days_mean,
            f"Share of plates read on 2 or more days in a week at the dial's level '{level}'.",
            src,
        )


# --- Notebook 05's scoreboard: its key cases --------------------------------------------------------


def scoreboard_figures(town: data.TownData, data_dir: Path) -> Iterator[Figure]:
    """What the rules the guide and notebook 05 discuss keep and cost, as the scoreboard computes them."""
    board = policy.PolicyData(town, policy.load_cases(data_dir))
    src = "policy.PolicyData on data/policy/cases.csv (the scoreboard of notebook 05)"
    default = policy_rules.Assumptions()
    none = board.outcome(policy_rules.no_rules(), default)
    yield count("policy_hot_list_cases", none.hot_cases, "cars", "Hot-list cars in the scoreboard's cases.", src)
    yield count(
        "policy_investigation_cases",
        none.investigation_cases,
        "investigations or cases",
        "Investigations in the scoreboard.",
        src,
    )
    yield count("policy_amber_cases", none.amber_cases, "cases", "Amber-style cases in the scoreboard.", src)
    yield count(
        "policy_no_rules_federal_reads",
        none.federal_reads,
        "reads",
        "Reads federal agencies could search with no rules (the database's years, not the town's four weeks).",
        src,
    )
    yield count(
        "policy_no_rules_innocent_cars",
        none.innocent_cars,
        "cars",
        "Cars not on the hot list with reads in a database with no limit, over the model's program years.",
        src,
    )
    hits = policy_rules.Policy(retention_days=policy_rules.RETENTION_OPTIONS["3 minutes unless a hit"])
    out = board.outcome(hits, default)
    yield count(
        "policy_3_minutes_hot_found", out.hot_found, "cases", "Hot-list cars found with '3 minutes unless a hit'.", src
    )
    yield count(
        "policy_3_minutes_amber_found", out.amber_found, "cases", "Amber-style cars found in real time, same rule.", src
    )
    yield count(
        "policy_3_minutes_investigations",
        out.investigations,
        "investigations or cases",
        "Investigations helped, same rule.",
        src,
    )
    yield share(
        "policy_3_minutes_help_kept",
        board.benefits_kept(out, default) / 100,
        "Help kept by '3 minutes unless a hit', as a share of the help of no rules (1-day look-back).",
        src,
    )
    yield count(
        "policy_3_minutes_federal_reads",
        out.federal_reads,
        "reads",
        "Reads federal agencies could search under '3 minutes unless a hit' (the hits).",
        src,
    )
    warrant = policy_rules.Policy(retention_days=policy_rules.RETENTION_OPTIONS["30 days"], history_needs="warrant")
    for words, days in policy_rules.LOOK_BACK_OPTIONS.items():
        assumptions = policy_rules.Assumptions(look_back_days=days)
        kept = board.benefits_kept(board.outcome(warrant, assumptions), assumptions) / 100
        key = words.replace(" ", "_")
        yield share(
            f"policy_30_days_warrant_help_kept_look_back_{key}",
            kept,
            f"Help kept by 30 days and a warrant, when searches look back {words} (median).",
            src,
        )


# --- The lab's own settings that prose states ------------------------------------------------------


def setting_figures(town_days: int) -> Iterator[Figure]:
    """Settings of the analysis and the model that the prose explains (the analyst's hours, the case windows)."""
    night, work = mosaic.NIGHT_HOURS, mosaic.WORK_HOURS
    for name, hour, what in (
        ("analyst_night_starts", night[0], "Hour the analyst's night starts (a car parked then is probably home)."),
        ("analyst_night_ends", night[1], "Hour the analyst's night ends."),
        ("analyst_work_starts", work[0], "Hour from which a weekday car away from home is probably at work."),
        ("analyst_work_ends", work[1], "Hour until which a weekday car away from home is probably at work."),
    ):
        yield count(name, hour, "hour (24-hour clock)", what, "mosaic.NIGHT_HOURS and mosaic.WORK_HOURS")
    yield count(
        "policy_trail_hours",
        policy_rules.TRAIL_HOURS,
        "hours",
        "An investigation's trail: any read within this many hours.",
        "policy_rules.TRAIL_HOURS",
    )
    yield count(
        "policy_place_minutes",
        policy_rules.PLACE_MINUTES,
        "minutes",
        "A place case: a read within this many minutes.",
        "policy_rules.PLACE_MINUTES",
    )
    yield count(
        "singling_out_draws",
        unicity.DRAWS,
        "draws",
        "Random draws per car in the singling-out figures.",
        "unicity.DRAWS",
    )
    yield count(
        "singling_out_most_sightings",
        unicity.K_MAX,
        "sightings",
        "The most sightings the singling-out figures try.",
        "unicity.K_MAX",
    )
    known = facts.load_facts()
    seattle = float(known.figure("seattle_reads_per_vehicle_per_day").value)
    yield number(
        "seattle_days_between_reads",
        1 / seattle,
        "days",
        "Days between two reads of one Seattle car by Seattle's police readers in 2021, on average (1 / reads per day).",
        "data/facts/derived_figures.csv seattle_reads_per_vehicle_per_day",
    )
    full_years = float(known.figure("ice_history_years").value)
    for years in sharing.YEAR_CHOICES:
        yield count(
            f"sharing_days_back_{years}_years",
            sharing.days_back(years, town_days, full_years),
            "days",
            f"Days of the lab's reads a query reaches when it may search {years} year(s) back (notebook 04).",
            "sharing.days_back, with ICE's years of history (data/facts/figures.csv)",
        )
    yield count(
        "stand_box_characters",
        position_file.MAX_CHARS,
        "characters",
        "The most characters of one answer the stand's page holds (notebook 06).",
        "position_file.MAX_CHARS",
    )
    seed = generate.CLASS_SEED
    yield Figure("town_class_seed", seed, str(seed), "seed", "The class data's random seed.", "generate.CLASS_SEED")
    median, _spread = policy_rules.real_look_back()
    yield number(
        "policy_default_look_back_days",
        median,
        "days",
        "The scoreboard's default median look-back, from the real audit log (data/facts/derived_figures.csv).",
        "policy_rules.real_look_back",
    )


def figures(data_dir: Path) -> pd.DataFrame:
    """Every headline figure of the data set in `data_dir`, in a fixed order."""
    town = data.load_town(data_dir)
    rows = [
        *town_figures(town, data_dir),
        *class_figures(data_dir),
        *dial_figures(data_dir),
        *scoreboard_figures(town, data_dir),
        *setting_figures(town.days),
    ]
    table = pd.DataFrame([astuple(r) for r in rows], columns=COLUMNS)
    duplicates = table.figure_id[table.figure_id.duplicated()].tolist()
    if duplicates:
        raise ValueError(f"headline figures named twice: {duplicates}")
    return table


def write(out: Path) -> Path:
    """Write data/headline.csv from the data set in `out`, byte for byte the same on every run."""
    path = Path(out) / FILE
    figures(Path(out)).to_csv(path, index=False, lineterminator="\n", float_format="%.10g")
    return path


def load(data_dir: Path | None = None) -> pd.DataFrame:
    """The stored headline table (data.SCHEMAS["headline.csv"]), typed, with a plain message if it is bad."""
    return data.read_table(FILE, data_dir)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the headline figures the prose quotes (data/headline.csv).")
    parser.add_argument("--out", type=Path, default=data.DATA_DIR, help="the data folder (default: data)")
    args = parser.parse_args(argv)
    print(f"wrote {write(args.out)}")  # i18n: ok (command line, not students)


if __name__ == "__main__":
    main()
