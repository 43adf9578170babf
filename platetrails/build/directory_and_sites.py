"""Notebook 03's extra files: the town's public directory and the reads candidate cameras would make.

`python -m platetrails.build.directory_and_sites --out data` writes, from the class data's simulation (re-run in memory):

- ``town/directory.csv``: a made-up public directory (like a property roll) that lists a household name
  for every home in Alder Falls and along Route 9. Every name is invented here, from the lists below and
  a seed of this module's own; the reads never hold a name.
- ``town/candidate_sites.csv``: corners where a city could put new fixed cameras, in the order the lab
  adds them (first where Route 9 enters town, then the main crossings, then spread over the grid).
- ``answer_key/candidate_trips.csv``: every trip of the six case residents, with the candidate sites it
  drives past (the simulation knows the route). It is the truth a camera record is measured against, so it
  lives in the answer key and opens only through ``answer_key.load_candidate_trips``.

The class data (``python -m platetrails.build.generate``) is not touched, and the same command always writes the
same bytes. The path of each trip is the one the traffic model drew: the first random draw make_reads takes
is the one that picks, for each trip, whether it drives east-west or north-south first.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from platetrails import answer_key, case_residents, day_plans, plates, routines, town
from platetrails.build import generate

RECORD_SEED = 310  # this module's own seed: the class data's random draws are never disturbed
EXTRA_HOUSEHOLDS = 140  # households with no car in the data, so a corner's list is not only drivers

# Invented names, mixed from many traditions, combined at random. Any match to a real person is chance.
FIRST_NAMES = (
    "Ada Alma Amara Ana Ari Ayla Bea Bo Cai Cara Cleo Dana Dev Eli Ella Emil Ezra Faye Femi Gia Gus Hana "
    "Ike Ines Ira Isla Jae Jin Jo Juno Kai Kira Lars Lena Leo Lia Luca Mae Maren Mika Milo Nia Nico Noor "
    "Omar Ona Otto Pia Quinn Ravi Rhea Rosa Rui Sara Seth Suki Tavi Tess Theo Uma Vera Vik Wren Yara Yuri Zara Zed"
).split()
LAST_NAMES = (
    "Abara Achterberg Alder Amsel Bancroft Baptiste Bellweather Birchall Calloway Castellan Corrin Dalby "
    "Davenant Eberling Elsworth Fairbank Falconer Farrow Galloway Garnett Halvorsen Hartwell Ibarra Ingram "
    "Jessup Kalnins Kestrel Lindqvist Lowell Marrow Merriman Nakagawa Nordahl Oakes Ormond Pellham Quill "
    "Ravel Rendell Saltonstall Sandoval Thackeray Torvik Underhill Varga Wexley Whitlock Yarrow Zeller"
).split()

# (site_id, x, y, label). The first sites are where Route 9 enters the town; then the lab spreads out.
FIRST_SITES = (
    ("SITE-01", 0, 5, "Route 9 at the west town line"),
    ("SITE-02", 15, 5, "Route 9 at the east town line"),
    ("SITE-03", 7, 5, "Route 9 at 8th Ave, Old Town"),
    ("SITE-04", 3, 5, "Route 9 in Riverside"),
    ("SITE-05", 12, 5, "Route 9 in Eastfield"),
    ("SITE-06", 7, 2, "8th Ave in the Mill District"),
    ("SITE-07", 7, 8, "8th Ave in College Heights"),
    ("SITE-08", 2, 2, "Riverside centre"),
    ("SITE-09", 13, 2, "Eastfield centre"),
    ("SITE-10", 2, 8, "Northgate centre"),
    ("SITE-11", 12, 8, "Hillcrest centre"),
    ("SITE-12", 5, 0, "6th Ave at Alder St"),
)
SITE_COUNT = 48


def site_table() -> pd.DataFrame:
    """The candidate sites in the order they are added: the first ones by hand, then each next corner the
    one farthest (in blocks) from every site already chosen, ties to the lowest avenue then street."""
    chosen = [(x, y) for _id, x, y, _label in FIRST_SITES]
    rows = [(i + 1, sid, x, y, label) for i, (sid, x, y, label) in enumerate(FIRST_SITES)]
    corners = [(x, y) for x in range(town.GRID_WIDTH) for y in range(town.GRID_HEIGHT)]
    while len(rows) < SITE_COUNT:
        gap = [min(abs(x - a) + abs(y - b) for a, b in chosen) for x, y in corners]
        x, y = corners[int(np.argmax(gap))]
        chosen.append((x, y))
        rank = len(rows) + 1
        rows.append((rank, f"SITE-{rank:02d}", x, y, town.corner_name(x, y)))
    table = pd.DataFrame(rows, columns=["rank", "site_id", "x", "y", "label"])
    table["neighbourhood"] = [town.neighbourhood_of(x, y) for x, y in zip(table.x, table.y)]
    return table


def replay(seed: int, n_vehicles: int, n_days: int):
    """The simulation's residents and trips, and the route each trip takes (east-west first or not).

    Follows generate.simulate step by step with the same seed, then takes the first draw of make_reads.
    """
    rng = np.random.default_rng(seed)
    plate_list = plates.make_plates(rng, n_vehicles)
    residents = routines.make_residents(rng, n_vehicles, n_days, plate_list, routines.Friction())
    trips = day_plans.make_trips(residents, n_days, rng)
    draw = rng.random(len(trips))  # what traffic.fixed_camera_passes draws first, with the same generator
    return residents, trips, draw


def passes_at(trips: pd.DataFrame, draw: np.ndarray, sites: list[tuple[int, int]]) -> list[list[int]]:
    """For each trip, the indices of the sites it drives past, with traffic.fixed_camera_passes' route rule."""
    loc = routines.Locations.build()
    ox, oy = loc.x[trips.origin.to_numpy()], loc.y[trips.origin.to_numpy()]
    dx, dy = loc.x[trips.dest.to_numpy()], loc.y[trips.dest.to_numpy()]

    def outside(x):
        return (x < 0) | (x >= town.GRID_WIDTH)

    x_first = np.where(outside(ox), True, np.where(outside(dx), False, draw < 0.5))
    found: list[list[int]] = [[] for _ in range(len(trips))]
    for s, (cx, cy) in enumerate(sites):
        between_x = (np.minimum(ox, dx) <= cx) & (cx <= np.maximum(ox, dx))
        between_y = (np.minimum(oy, dy) <= cy) & (cy <= np.maximum(oy, dy))
        leg1 = np.where(x_first, (cy == oy) & between_x, (cx == ox) & between_y)
        leg2 = np.where(x_first, (cx == dx) & between_y, (cy == dy) & between_x)
        for t in np.flatnonzero(leg1 | leg2).tolist():
            found[t].append(s)
    return found


def directory(residents: routines.Residents, seed: int = RECORD_SEED) -> pd.DataFrame:
    """The public directory: one household per car's home (the case residents under their own made-up
    names), and extra households with no car in the data, sorted by address. It holds no plate."""
    rng = np.random.default_rng(seed)
    loc = routines.Locations.build()
    case_names = [c.name for c in case_residents.CASE_RESIDENTS]
    pool = [f"{f} {s}" for f in FIRST_NAMES for s in LAST_NAMES if f"{f} {s}" not in case_names]
    homes = [int(h) for h in residents.home]
    residential = [
        loc.index_of_corner(x, y)
        for x in range(town.GRID_WIDTH)
        for y in range(town.GRID_HEIGHT)
        if town.neighbourhood_of(x, y) in routines.HOME_WEIGHTS
    ] + [loc.index_of_corner(x, y) for x, y in town.COUNTY_HOMES]
    extra = rng.choice(residential, size=EXTRA_HOUSEHOLDS).tolist()
    names = list(np.array(pool)[rng.permutation(len(pool))[: len(homes) + len(extra)]])
    owners = residents.table.owner_name.tolist()
    for i, owner in enumerate(owners):
        if owner:
            names[i] = owner
    spots = homes + extra
    table = pd.DataFrame(
        {
            "name": names,
            "x": [int(loc.x[h]) for h in spots],
            "y": [int(loc.y[h]) for h in spots],
        }
    )
    table["address"] = [town.corner_name(x, y) for x, y in zip(table.x, table.y)]
    table["neighbourhood"] = [town.neighbourhood_of(x, y) for x, y in zip(table.x, table.y)]
    table = table.sort_values(["y", "x", "name"], kind="stable").reset_index(drop=True)
    table.insert(0, "entry_id", [f"D{i + 1:04d}" for i in range(len(table))])
    return table[["entry_id", "name", "address", "x", "y", "neighbourhood"]]


def case_trips(residents: routines.Residents, trips: pd.DataFrame, draw: np.ndarray, sites: pd.DataFrame):
    """Every trip of the case residents, with the ranks of the candidate sites it passes (";"-joined)."""
    loc = routines.Locations.build()
    n_case = len(case_residents.CASE_RESIDENTS)
    mine = (trips.vehicle < n_case).to_numpy()
    found = passes_at(trips[mine].reset_index(drop=True), draw[mine], list(zip(sites.x, sites.y)))
    part = trips[mine].reset_index(drop=True)
    ranks = sites["rank"].to_numpy()

    def as_time(minutes: np.ndarray) -> np.ndarray:
        return routines.timestamps(np.floor(minutes * 60))

    table = residents.table
    return pd.DataFrame(
        {
            "case_label": table.case_label.to_numpy()[part.vehicle.to_numpy()],
            "plate": table.plate.to_numpy()[part.vehicle.to_numpy()],
            "depart": as_time(part.depart.to_numpy()),
            "arrive": as_time(part.arrive.to_numpy()),
            "from_home": (part.origin.to_numpy() == residents.home[part.vehicle.to_numpy()]),
            "to_place_id": np.array(loc.place_id)[part.dest.to_numpy()],
            "site_ranks": [";".join(str(ranks[s]) for s in sorted(f)) for f in found],
        }
    )


def build(
    seed: int = generate.CLASS_SEED, n_vehicles: int = generate.CLASS_VEHICLES, n_days: int = generate.CLASS_DAYS
):
    """The three tables, from the simulation of the class data (in memory)."""
    residents, trips, draw = replay(seed, n_vehicles, n_days)
    sites = site_table()
    return {
        "town/directory.csv": directory(residents),
        "town/candidate_sites.csv": sites,
        f"{answer_key.FOLDER}/candidate_trips.csv": case_trips(residents, trips, draw, sites),
    }


def write(tables: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    written = []
    for name, table in tables.items():
        path = Path(out) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write notebook 03's public directory and candidate camera sites.")
    parser.add_argument("--seed", type=int, default=generate.CLASS_SEED)
    parser.add_argument("--vehicles", type=int, default=generate.CLASS_VEHICLES)
    parser.add_argument("--days", type=int, default=generate.CLASS_DAYS)
    parser.add_argument("--out", type=Path, default=Path("data"))
    args = parser.parse_args(argv)
    files = write(build(args.seed, args.vehicles, args.days), args.out)
    print(f"wrote {len(files)} files to {args.out}: " + ", ".join(str(f.relative_to(args.out)) for f in files))


if __name__ == "__main__":
    main()
