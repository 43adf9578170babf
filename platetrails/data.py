"""Loading the public class data set (the map and the reads) as typed tables, with plain messages when a file is bad.

The answer key is not public and has its own door, answer_key.py; nothing here can return it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# Where the class data set is, in this order (see docs/hosting.md):
DATA_DIR_VAR = "PLATETRAILS_DATA_DIR"  # 1. a folder named here, for a data set kept elsewhere;
INSTALLED_DATA_DIR = Path(__file__).resolve().parent / "classdata"  # 2. the copy a wheel carries (setup.py);
CHECKOUT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"  # 3. data/ of the repository (make data).


def find_data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The class data set's folder: $PLATETRAILS_DATA_DIR if set, else the installed copy, else the checkout's data/.

    An editable install (`pip install -e .`) has no installed copy, so it reads the data/ that `make data` writes.
    """
    chosen = environ.get(DATA_DIR_VAR, "").strip()
    if chosen:
        return Path(chosen).expanduser().resolve()
    if INSTALLED_DATA_DIR.is_dir():
        return INSTALLED_DATA_DIR
    return CHECKOUT_DATA_DIR


DATA_DIR = find_data_dir()
REBUILD_COMMAND = "make data"

# Each public file: its columns and their types. "datetime" columns are parsed as timestamps.
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
    "town/directory.csv": {  # notebook 03: a made-up public directory (python -m platetrails.build.directory_and_sites)
        "entry_id": "string",
        "name": "string",
        "address": "string",
        "x": "int64",
        "y": "int64",
        "neighbourhood": "string",
    },
    "town/candidate_sites.csv": {  # notebook 03: where the lab adds fixed cameras, in order
        "rank": "int64",
        "site_id": "string",
        "x": "int64",
        "y": "int64",
        "label": "string",
        "neighbourhood": "string",
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
        "reads_per_vehicle_per_day": "float64",
        "share_plates_2_days": "float64",
        "draws": "int64",
        "home_mean": "float64",
        "home_band_low": "float64",
        "home_band_high": "float64",
        "reads_per_vehicle_per_day_mean": "float64",
        "reads_per_vehicle_per_day_band_low": "float64",
        "reads_per_vehicle_per_day_band_high": "float64",
        "share_plates_2_days_mean": "float64",
        "share_plates_2_days_band_low": "float64",
        "share_plates_2_days_band_high": "float64",
        "days_to_reach_every_draw": "string",
        "band": "string",
    },
    "headline.csv": {  # every figure the prose quotes, with its meaning (python -m platetrails.build.headline)
        "figure_id": "string",
        "value": "float64",
        "shown": "string",
        "unit": "string",
        "definition": "string",
        "source": "string",
    },
}


class DataFileError(Exception):
    """A data file is missing, empty or damaged. The message says which file and how to rebuild it.

    `problem` is what is wrong, `fix` the command that mends it (a student on a class hub cannot run it).
    """

    def __init__(self, problem: str, fix: str = "") -> None:
        super().__init__(f"{problem} {fix}".strip())
        self.problem, self.fix = problem, fix


def _problem(path: Path, what: str, fix: str = "") -> DataFileError:
    fix = fix or (
        f"Rebuild the class data with the command: {REBUILD_COMMAND} "
        "(run it in a terminal in the plate-trails folder), then run this notebook again."
    )
    return DataFileError(f"The data file {path} {what}.", fix)


def read_csv_file(path: Path, columns: list[str], fix: str = "") -> pd.DataFrame:
    """Read a CSV as text, refusing a file that is missing, empty, unreadable, short of columns or rows.

    `fix` says what to do about it; by default, rebuild the class data.
    """
    if not path.is_file():
        raise _problem(path, "is missing", fix)
    if path.stat().st_size == 0:
        raise _problem(path, "is empty", fix)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as err:
        raise _problem(path, f"is damaged and cannot be read ({type(err).__name__})", fix) from None
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise _problem(path, f"is damaged: it lacks the column(s) {', '.join(missing)}", fix)
    if table.empty:
        raise _problem(path, "has no rows", fix)
    return table


def read_typed(path: Path, schema: dict[str, str]) -> pd.DataFrame:
    """Read one CSV and give each column of `schema` its type; a bad value is a DataFileError."""
    table = read_csv_file(path, list(schema))
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


def read_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Read one public CSV of the data set by its name in SCHEMAS. The answer key is not public: see answer_key.py."""
    if name not in SCHEMAS:
        raise ValueError(
            f"'{name}' is not a public file of the data set; the answer key opens only through answer_key.py"
        )
    return read_typed(Path(data_dir or DATA_DIR) / name, SCHEMAS[name])


@dataclass(eq=False)  # compared by identity, so a town can key a cache of its drawn map
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
