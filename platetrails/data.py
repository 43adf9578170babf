"""Loading the class data set as typed tables, with plain messages when a file is missing or damaged."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REBUILD_COMMAND = "make data"

# Each file: its columns and their types. "datetime" columns are parsed as timestamps.
SCHEMAS: dict[str, dict[str, str]] = {
    "town/neighbourhoods.csv": {
        "neighbourhood": "string",
        "x_min": "int64",
        "x_max": "int64",
        "y_min": "int64",
        "y_max": "int64",
        "residential": "bool",
        "description": "string",
        "income_level": "string",
        "median_income": "int64",
    },
    "town/places.csv": {
        "place_id": "string",
        "name": "string",
        "kind": "string",
        "detail": "string",
        "x": "int64",
        "y": "int64",
        "neighbourhood": "string",
        "sensitive": "string",
        "address": "string",
    },
    "town/cameras.csv": {
        "camera_id": "string",
        "network": "string",
        "x": "Int64",
        "y": "Int64",
        "label": "string",
        "kind": "string",
        "owner": "string",
    },
    "reads.csv": {
        "read_id": "string",
        "plate": "string",
        "timestamp": "datetime",
        "camera_id": "string",
        "network": "string",
        "x": "int64",
        "y": "int64",
    },
    "answer_key/vehicles.csv": {
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
    "answer_key/trips.csv": {
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
    "answer_key/read_truth.csv": {
        "read_id": "string",
        "vehicle_id": "string",
        "true_plate": "string",
        "kind": "string",
        "misread": "bool",
    },
    "answer_key/sweeps.csv": {
        "network": "string",
        "unit": "string",
        "neighbourhood": "string",
        "start": "datetime",
        "minutes": "float64",
        "streets": "string",
    },
    "answer_key/nights_away.csv": {
        "vehicle_id": "string",
        "night": "string",
        "x": "int64",
        "y": "int64",
        "where": "string",
        "holiday_trip": "bool",
    },
    "realism.csv": {
        "level": "string",
        "sweep_intensity": "float64",
        "seed": "int64",
        "vehicles": "int64",
        "days": "int64",
        "home_within_1_block": "float64",
        "camera_car_reads_per_vehicle_per_day": "float64",
        "town_28_day_home_share": "float64",
        "days_to_reach_town_28_day_share": "string",
    },
}


class DataFileError(Exception):
    """A data file is missing, empty or damaged. The message says which file and how to rebuild it."""


def _problem(path: Path, what: str) -> DataFileError:
    return DataFileError(
        f"The data file {path} {what}. Rebuild the class data with the command: {REBUILD_COMMAND} "
        "(run it in a terminal in the plate-trails folder), then run this notebook again."
    )


def read_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Read one CSV of the data set by its name in SCHEMAS, checking columns and types."""
    path = Path(data_dir or DATA_DIR) / name
    schema = SCHEMAS[name]
    if not path.is_file():
        raise _problem(path, "is missing")
    if path.stat().st_size == 0:
        raise _problem(path, "is empty")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        raise _problem(path, f"is damaged and cannot be read ({type(err).__name__})") from None
    missing = [c for c in schema if c not in table.columns]
    if missing:
        raise _problem(path, f"is damaged: it lacks the column(s) {', '.join(missing)}")
    if table.empty:
        raise _problem(path, "has no rows")
    out = {}
    for col, kind in schema.items():
        values = table[col]
        try:
            if kind == "datetime":
                out[col] = pd.to_datetime(values, format="%Y-%m-%dT%H:%M:%S").astype("datetime64[s]")
            elif kind == "bool":
                if not values.isin(["True", "False"]).all():
                    raise ValueError(col)
                out[col] = values == "True"
            elif kind in ("int64", "float64"):
                out[col] = pd.to_numeric(values, errors="raise").astype(kind)
            elif kind == "Int64":
                out[col] = pd.to_numeric(values.replace("", None), errors="raise").astype("Int64")
            else:
                out[col] = values.astype("str")
        except (ValueError, TypeError):
            raise _problem(path, f"is damaged: the column '{col}' holds values that are not {kind}") from None
    return pd.DataFrame(out)


@dataclass
class TownData:
    """The public map of Alder Falls and every plate read of the class data set."""

    places: pd.DataFrame
    cameras: pd.DataFrame
    neighbourhoods: pd.DataFrame
    reads: pd.DataFrame
    meta: dict

    @property
    def days(self) -> int:
        return int(self.meta["days"])

    @property
    def start(self) -> pd.Timestamp:
        return pd.Timestamp(self.meta["start_date"])


@dataclass
class AnswerKey:
    """The truth behind the simulation, used only to check an analyst's guesses."""

    vehicles: pd.DataFrame
    trips: pd.DataFrame
    read_truth: pd.DataFrame
    sweeps: pd.DataFrame


def load_meta(data_dir: Path | None = None) -> dict:
    """The town's settings (name, grid, dates, capture rates) from town/town.json."""
    path = Path(data_dir or DATA_DIR) / "town" / "town.json"
    if not path.is_file():
        raise _problem(path, "is missing")
    try:
        meta = json.loads(path.read_text())
        _ = meta["days"], meta["start_date"], meta["grid_width"], meta["grid_height"]
    except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError):
        raise _problem(path, "is damaged") from None
    return meta


def load_town(data_dir: Path | None = None) -> TownData:
    """Load the map, the cameras and all reads as typed tables; raise DataFileError with a plain message if a file is bad."""
    reads = read_table("reads.csv", data_dir)
    reads["network"] = reads["network"].astype("category")
    return TownData(
        places=read_table("town/places.csv", data_dir),
        cameras=read_table("town/cameras.csv", data_dir),
        neighbourhoods=read_table("town/neighbourhoods.csv", data_dir),
        reads=reads,
        meta=load_meta(data_dir),
    )


def load_answer_key(data_dir: Path | None = None) -> AnswerKey:
    """Load the answer key (owners, true homes, trips, the truth behind each read)."""
    return AnswerKey(
        vehicles=read_table("answer_key/vehicles.csv", data_dir),
        trips=read_table("answer_key/trips.csv", data_dir),
        read_truth=read_table("answer_key/read_truth.csv", data_dir),
        sweeps=read_table("answer_key/sweeps.csv", data_dir),
    )
