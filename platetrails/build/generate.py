"""Build the class data set: `python -m platetrails.build.generate --seed 2018 --vehicles 200 --days 28 --out data`.

The same seed, vehicle count, days and realism level always give the same files, byte for byte.
`--realism LEVEL` sets how intensely camera cars sweep (default "town", the classroom level).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pandas as pd

from platetrails import answer_key, day_plans, networks, plates, routines, town, traffic

CLASS_SEED = 2018
CLASS_VEHICLES = 200
CLASS_DAYS = 28


def town_tables() -> dict[str, pd.DataFrame]:
    """The public map: neighbourhoods, places and cameras, as tables."""
    hoods = pd.DataFrame(
        [
            (h.name, h.x_min, h.x_max, h.y_min, h.y_max, h.residential, h.description, h.income_level, h.median_income)
            for h in town.NEIGHBOURHOODS
        ],
        columns=[
            "neighbourhood",
            "x_min",
            "x_max",
            "y_min",
            "y_max",
            "residential",
            "description",
            "income_level",
            "median_income",
        ],
    )
    places = pd.DataFrame(town.PLACES, columns=["place_id", "name", "kind", "detail", "x", "y"])
    places["neighbourhood"] = [town.neighbourhood_of(x, y) for x, y in zip(places.x, places.y)]
    places["sensitive"] = places.kind.map(town.SENSITIVE_KINDS).fillna("")
    places["address"] = [town.corner_name(x, y) for x, y in zip(places.x, places.y)]
    fixed = pd.DataFrame(networks.fixed_cameras(), columns=["camera_id", "network", "x", "y", "label"])
    fixed["kind"] = "fixed"
    mobile = pd.DataFrame(
        [(u, n.name, None, None, n.unit_label, "mobile") for n in networks.all_networks() if n.mobile for u in n.units],
        columns=["camera_id", "network", "x", "y", "label", "kind"],
    )
    cameras = pd.concat([fixed, mobile], ignore_index=True)
    cameras["x"] = cameras.x.astype("Int64")
    cameras["y"] = cameras.y.astype("Int64")
    cameras["owner"] = cameras.network.map({n.name: n.owner for n in networks.all_networks()})
    return {"neighbourhoods": hoods, "places": places, "cameras": cameras}


def simulate(
    seed: int,
    n_vehicles: int,
    n_days: int,
    settings: traffic.ReadSettings | None = None,
    friction: routines.Friction | None = None,
) -> dict:
    """Run the whole simulation in memory and return every table, public and answer key."""
    settings = settings or traffic.ReadSettings()
    friction = friction or routines.Friction()
    rng = np.random.default_rng(seed)
    plate_list = plates.make_plates(rng, n_vehicles)
    residents = routines.make_residents(rng, n_vehicles, n_days, plate_list, friction)
    trips = day_plans.make_trips(residents, n_days, rng)
    reads, truth, sweeps = traffic.make_reads(trips, residents, n_days, settings, rng, friction)
    loc = routines.Locations.build()
    place_id = np.array(loc.place_id)

    def as_time(minutes: np.ndarray) -> np.ndarray:
        return routines.timestamps(np.floor(minutes * 60))

    trip_table = pd.DataFrame(
        {
            "vehicle_id": residents.table.vehicle_id.to_numpy()[trips.vehicle.to_numpy()],
            "depart": as_time(trips.depart.to_numpy()),
            "arrive": as_time(trips.arrive.to_numpy()),
            "from_x": loc.x[trips.origin.to_numpy()],
            "from_y": loc.y[trips.origin.to_numpy()],
            "from_place_id": place_id[trips.origin.to_numpy()],
            "to_x": loc.x[trips.dest.to_numpy()],
            "to_y": loc.y[trips.dest.to_numpy()],
            "to_place_id": place_id[trips.dest.to_numpy()],
        }
    )
    sweep_table = sweeps.assign(
        start=as_time(sweeps.minute.to_numpy()),
        minutes=traffic.SWEEP_MINUTES,
        streets=[traffic.street_names(int(m)) for m in sweeps.streets],
    ).drop(columns="minute")
    v_away, d_away = np.nonzero(residents.away >= 0)
    spot = residents.away[v_away, d_away]
    nights_away = pd.DataFrame(
        {
            "vehicle_id": residents.table.vehicle_id.to_numpy()[v_away],
            "night": (pd.Timestamp(routines.START_DATE) + pd.to_timedelta(d_away, unit="D")).strftime("%Y-%m-%d"),
            "x": loc.x[spot],
            "y": loc.y[spot],
            "where": np.where(
                np.array(loc.place_kind)[spot] == "out_of_town", "out of town", "friend or family in town"
            ),
            # A holiday night is the eve of a day out of town, or a night of one.
            "holiday_trip": residents.on_trip[v_away, np.minimum(d_away + 1, n_days - 1)]
            | residents.on_trip[v_away, d_away],
        }
    )
    meta = {
        "town": town.TOWN_NAME,
        "county": town.COUNTY_NAME,
        "state": town.STATE_NAME,
        "seed": seed,
        "vehicles": n_vehicles,
        "days": n_days,
        "start_date": routines.START_DATE,
        "holidays": routines.HOLIDAYS,
        "grid_width": town.GRID_WIDTH,
        "grid_height": town.GRID_HEIGHT,
        "avenues": town.AVENUE_NAMES,
        "streets": town.STREET_NAMES,
        "minutes_per_block": routines.MINUTES_PER_BLOCK,
        "capture_probability": settings.capture,
        "misread_rate": settings.misread_rate,
        "duplicate_rate": settings.duplicate_rate,
        "sign_rate": settings.sign_rate,
        "realism_level": settings.level,
        "sweep_intensity": settings.sweep_intensity,
        "friction": asdict(friction),
        "networks": {n.name: n.description for n in networks.all_networks()},
    }
    return {
        **town_tables(),
        "reads": reads,
        "vehicles": residents.table,
        "trips": trip_table,
        "read_truth": truth,
        "sweeps": sweep_table,
        "nights_away": nights_away,
        "meta": meta,
    }


PUBLIC_FILES = {"neighbourhoods": "town", "places": "town", "cameras": "town", "reads": "."}
ANSWER_FILES = ["vehicles", "trips", "read_truth", "sweeps", "nights_away"]


def write(tables: dict, out: Path) -> list[Path]:
    """Write the tables as CSV (and the town's settings as JSON) under `out`."""
    written = []
    for name, sub in PUBLIC_FILES.items():
        path = out / sub / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        tables[name].to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    key = out / answer_key.FOLDER
    key.mkdir(parents=True, exist_ok=True)
    (key / "README.md").write_text(
        "# Answer key: do not use in the analysis\n\n"
        "These files hold the truth behind the simulation: who owns each car, where they live and work, "
        "every trip, and the kind of each read. The analysis in the notebooks never reads them; they are "
        "used only to check how right or wrong an analyst's guesses were. All people and plates are fictional.\n"
    )
    for name in ANSWER_FILES:
        tables[name].to_csv(key / f"{name}.csv", index=False, lineterminator="\n")
        written.append(key / f"{name}.csv")
    meta_path = out / "town" / "town.json"
    meta_path.write_text(json.dumps(tables["meta"], indent=2, sort_keys=True) + "\n")
    written.append(meta_path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate the Alder Falls plate-read data set.")
    parser.add_argument("--seed", type=int, default=CLASS_SEED)
    parser.add_argument("--vehicles", type=int, default=CLASS_VEHICLES)
    parser.add_argument("--days", type=int, default=CLASS_DAYS)
    parser.add_argument("--out", type=Path, default=Path("data"))
    parser.add_argument(
        "--realism",
        default="town",
        choices=list(traffic.REALISM_LEVELS),
        help="how intensely camera cars sweep: the town's classroom level (default) down to a real city's",
    )
    args = parser.parse_args(argv)
    if args.vehicles < 1 or not 1 <= args.days <= 28:
        parser.error("use at least 1 vehicle and 1 to 28 days (longer runs: python -m platetrails.build.realism)")
    began = time.perf_counter()
    tables = simulate(args.seed, args.vehicles, args.days, traffic.ReadSettings.at_level(args.realism))
    simulated = time.perf_counter()
    files = write(tables, args.out)
    done = time.perf_counter()
    print(
        f"{len(tables['reads']):,} reads of {args.vehicles:,} vehicles over {args.days} days: "
        f"simulated in {simulated - began:.2f} s, written in {done - simulated:.2f} s to {args.out} ({len(files)} files)"
    )


if __name__ == "__main__":
    main()
