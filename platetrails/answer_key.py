"""The answer key's one door: the truth behind the simulation, for scoring and "reveal the truth" steps only.

The public loader (data.py) cannot return these files, and the analysis never imports this module.
Scoring (scoring.py), a widget's reveal step and the case residents' labels come through here. Only this
module and the generator that writes the key name its folder; a kernel loads the class key once (`class_key`).
Outside the grader (scoring.py) and the build scripts (platetrails/build/), a module reads the key only through
the typed functions below, never its tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from platetrails.data import DATA_DIR, read_typed

FOLDER = "answer_key"
SCHEMAS: dict[str, dict[str, str]] = {
    "vehicles.csv": {
        "vehicle_id": "string",
        "plate": "string",
        "case_label": "string",
        "owner_name": "string",
        "archetype": "string",
        "home_x": "int64",
        "home_y": "int64",
        "home_neighbourhood": "string",
        "work_place_id": "string",
        "worship_place_id": "string",
        "gym_place_id": "string",
        "union_member": "int64",
        "regular_place_ids": "string",
        "parks_out_of_sight": "bool",
        "story": "string",
    },
    "trips.csv": {
        "vehicle_id": "string",
        "depart": "datetime",
        "arrive": "datetime",
        "from_x": "int64",
        "from_y": "int64",
        "from_place_id": "string",
        "to_x": "int64",
        "to_y": "int64",
        "to_place_id": "string",
    },
    "read_truth.csv": {
        "read_id": "string",
        "vehicle_id": "string",
        "true_plate": "string",
        "kind": "string",
        "misread": "bool",
    },
    "sweeps.csv": {
        "network": "string",
        "unit": "string",
        "neighbourhood": "string",
        "start": "datetime",
        "minutes": "float64",
        "streets": "string",
    },
    "nights_away.csv": {
        "vehicle_id": "string",
        "night": "string",
        "x": "int64",
        "y": "int64",
        "where": "string",
        "holiday_trip": "bool",
    },
}


# Written by `python -m platetrails.build.directory_and_sites` (notebook 03), not by the generator, so kept apart from SCHEMAS.
RECORD_SCHEMAS: dict[str, dict[str, str]] = {
    "candidate_trips.csv": {
        "case_label": "string",
        "plate": "string",
        "depart": "datetime",
        "arrive": "datetime",
        "from_home": "bool",
        "to_place_id": "string",
        "site_ranks": "string",
    },
}


@dataclass(eq=False)
class AnswerKey:
    """Owners, true homes and workplaces, every trip, the truth behind each read, and the sweep log."""

    vehicles: pd.DataFrame
    trips: pd.DataFrame
    read_truth: pd.DataFrame
    sweeps: pd.DataFrame
    nights_away: pd.DataFrame


@dataclass(frozen=True)
class CarTruth:
    """What the answer key says about one car: where it sleeps and works, and its story if it has one."""

    plate: str
    home: tuple[int, int]
    work: tuple[int, int] | None
    work_name: str
    story: str


def load_answer_key(data_dir: Path | None = None) -> AnswerKey:
    """Load the answer key, with the same plain messages as the public files when one is bad."""
    folder = Path(data_dir or DATA_DIR) / FOLDER
    tables = {name.removesuffix(".csv"): read_typed(folder / name, schema) for name, schema in SCHEMAS.items()}
    return AnswerKey(**tables)


@lru_cache(maxsize=2)
def _loaded_once(folder: Path) -> AnswerKey:
    return load_answer_key(folder)


def class_key(data_dir: Path | None = None) -> AnswerKey:
    """The answer key of the class data, loaded once per kernel (a notebook asks for it several times)."""
    return _loaded_once(Path(data_dir or DATA_DIR).resolve())


def from_vehicles(vehicles: pd.DataFrame) -> AnswerKey:
    """A key holding only who lives and works where (all that scoring needs), for a town simulated in memory."""
    empty = pd.DataFrame()
    return AnswerKey(vehicles.fillna(""), empty, empty, empty, empty)


def plates(key: AnswerKey) -> tuple[str, ...]:
    """Every car's real plate, in the key's order."""
    return tuple(key.vehicles.plate)


def misread_count(key: AnswerKey) -> int:
    """How many of the town's reads have a character wrong."""
    return int(key.read_truth.misread.sum())


def case_plates(key: AnswerKey) -> dict[str, str]:
    """The six case residents' neutral labels (Car A to Car F) and their plates, for the car menus."""
    cases = key.vehicles[key.vehicles.case_label != ""]
    return dict(zip(cases.case_label, cases.plate))


def case_places(key: AnswerKey, places: pd.DataFrame) -> dict[str, tuple[tuple[int, int], tuple[int, int] | None]]:
    """Each case resident's real home and workplace corners (None without a workplace), for "found" checks."""
    out = {}
    for label, plate in case_plates(key).items():
        truth = car_truth(key, places, plate)
        out[label] = (truth.home, truth.work)
    return out


def car_truth(key: AnswerKey, places: pd.DataFrame, plate: str) -> CarTruth | None:
    """The truth about the car with this plate, or None if no car has it (a misread or a road sign)."""
    match = key.vehicles[key.vehicles.plate == plate]
    if match.empty:
        return None
    v = match.iloc[0]
    work, work_name = None, ""
    if v.work_place_id:
        place = places.set_index("place_id").loc[v.work_place_id]
        work, work_name = (int(place.x), int(place.y)), str(place["name"])
    return CarTruth(plate, (int(v.home_x), int(v.home_y)), work, work_name, str(v.story))


def load_candidate_trips(data_dir: Path | None = None) -> pd.DataFrame:
    """Every trip of the six case residents and the candidate camera sites it passes (notebook 03)."""
    folder = Path(data_dir or DATA_DIR) / FOLDER
    return read_typed(folder / "candidate_trips.csv", RECORD_SCHEMAS["candidate_trips.csv"])
