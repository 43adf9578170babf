"""States of the widgets about what cameras record: the network tour, one read up close, a day at one camera."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from platetrails import local_format, networks, town
from platetrails.data import TownData
from platetrails.i18n import N_, _, _n


def network_label(name: str) -> str:
    """A network's name for students, in the current language."""
    return _(networks.get(name).label)


def day_words(days: int) -> str:
    """A number of days as students say it: '1 day', '28 days'."""
    return _n("{n} day", "{n} days", days).format(n=days)


def limit_words(value: float, unit: str) -> str:
    """A retention limit as students say it: '3 minutes', '60 days', '18 months', 'no time limit in the law'."""
    if unit == "none":
        return _("no time limit in the law")
    names = {"minutes": N_("minutes"), "days": N_("days"), "months": N_("months"), "years": N_("years")}
    return _("{value:g} {unit}").format(value=value, unit=_(names.get(unit, unit)))


def day_label(town_data: TownData, day: int) -> str:
    """A day of the data as students read it, such as 'Mon 03 Nov'."""
    return local_format.day(town_data.start + pd.Timedelta(days=day))


def day_options(town_data: TownData) -> list[tuple[str, int]]:
    """Menu choices for the days of the data: ('Mon 03 Nov', 0), ..."""
    return [(day_label(town_data, d), d) for d in range(town_data.days)]


# --- The network tour (notebook 00) -------------------------------------------------------------


@dataclass(frozen=True)
class TourState:
    town: TownData
    networks: tuple[str, ...]
    fixed_cameras: int
    mobile_units: int
    reads_per_day: float
    plates_first_week: int
    mobile_spots: pd.DataFrame  # x, y, network, reads: where the camera cars read parked cars
    message: str = ""


def compute_tour(town_data: TownData, networks: list[str]) -> TourState:
    """What the ticked networks hold: cameras, camera cars, reads a day, plates seen in the first week."""
    chosen = tuple(networks)
    cams = town_data.cameras[town_data.cameras.network.isin(chosen)]
    reads = town_data.reads[town_data.reads.network.isin(chosen)]
    week = reads[reads.timestamp < town_data.start + pd.Timedelta(days=7)]
    mobile = reads[reads.camera_id.isin(cams.camera_id[cams.kind == "mobile"])]
    spots = mobile.groupby(["x", "y", "network"], observed=True).size().rename("reads").reset_index()
    return TourState(
        town=town_data,
        networks=chosen,
        fixed_cameras=int((cams.kind == "fixed").sum()),
        mobile_units=int((cams.kind == "mobile").sum()),
        reads_per_day=len(reads) / town_data.days,
        plates_first_week=int(week.plate.nunique()),
        mobile_spots=spots,
        message="" if chosen else _("Tick at least one network to see its cameras."),
    )


def describe_tour(state: TourState) -> str:
    if not state.networks:
        return _("No network is ticked, so no camera records anything.")
    cams = _n("{n} fixed camera", "{n} fixed cameras", state.fixed_cameras).format(n=state.fixed_cameras)
    cars = _n("{n} camera car", "{n} camera cars", state.mobile_units).format(n=state.mobile_units)
    return _(
        "{cams} and {cars} record about {reads:,.0f} plate reads a day. In the first week they read "
        "{plates} different plates."
    ).format(cams=cams, cars=cars, reads=state.reads_per_day, plates=state.plates_first_week)


# --- One read up close (notebook 01) ------------------------------------------------------------


@dataclass(frozen=True)
class ReadCardState:
    read_id: str
    plate: str
    timestamp: pd.Timestamp
    camera_id: str
    network: str
    place: str  # corner and neighbourhood
    reads_of_plate: int
    days: int
    message: str = ""


def compute_read_card(town_data: TownData, index: int) -> ReadCardState:
    """One read of the data (by its row number), with how often its plate was read in all."""
    read = town_data.reads.iloc[int(index) % len(town_data.reads)]
    x, y = int(read.x), int(read.y)
    return ReadCardState(
        read_id=str(read.read_id),
        plate=str(read.plate),
        timestamp=read.timestamp,
        camera_id=str(read.camera_id),
        network=str(read.network),
        place=f"{town.corner_name(x, y)}, {town.neighbourhood_of(x, y)}",
        reads_of_plate=int((town_data.reads.plate == read.plate).sum()),
        days=town_data.days,
    )


def describe_read_card(state: ReadCardState) -> str:
    return _("Plate {plate} was read {n} times in the {days} days of data. This card is one of them.").format(
        plate=state.plate, n=state.reads_of_plate, days=state.days
    )


# --- A day at one camera (notebook 01) ----------------------------------------------------------


class CameraIndex:
    """The reads grouped by camera once, so that picking a camera is a look-up rather than a scan."""

    def __init__(self, town_data: TownData) -> None:
        self.town = town_data
        self.by_camera = dict(tuple(town_data.reads.groupby("camera_id", sort=False)))
        self.network_of = dict(zip(town_data.cameras.camera_id, town_data.cameras.network))


@dataclass(frozen=True)
class CameraDayState:
    camera_id: str
    network: str
    day: int
    day_label: str
    per_hour: tuple[int, ...]
    reads: int
    plates: int
    seen_before: int
    message: str = ""

    @property
    def busiest_hour(self) -> int:
        return int(np.argmax(self.per_hour))


def compute_camera_day(index: CameraIndex, camera_id: str, day: int) -> CameraDayState:
    """Reads per hour at one camera on one day, and how many of its plates it had already seen on earlier days."""
    cam = index.by_camera.get(camera_id, index.town.reads.iloc[:0])
    start = index.town.start + pd.Timedelta(days=day)
    today = cam[(cam.timestamp >= start) & (cam.timestamp < start + pd.Timedelta(days=1))]
    before = set(cam[cam.timestamp < start].plate)
    per_hour = np.bincount(today.timestamp.dt.hour.to_numpy(), minlength=24)
    return CameraDayState(
        camera_id=camera_id,
        network=index.network_of.get(camera_id, networks.names()[0]),
        day=day,
        day_label=day_label(index.town, day),
        per_hour=tuple(int(v) for v in per_hour),
        reads=len(today),
        plates=int(today.plate.nunique()),
        seen_before=len(set(today.plate) & before),
    )


def describe_camera_day(state: CameraDayState) -> str:
    if state.reads == 0:
        return _("{camera} read no plates on {day}.").format(camera=state.camera_id, day=state.day_label)
    return _(
        "{camera} made {reads} reads of {plates} different plates on {day}. {before} of those plates had been "
        "read by the same camera on an earlier day."
    ).format(
        camera=state.camera_id,
        reads=state.reads,
        plates=state.plates,
        day=state.day_label,
        before=state.seen_before,
    )
