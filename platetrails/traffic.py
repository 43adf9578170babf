"""From trips to plate reads: which cameras each car passes, which parked cars a sweep catches, and the errors a real reader makes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from platetrails import networks, plates, routines, town

SIGN_WORDS = ["STOP", "AHEAD", "PARKING", "DETOUR", "POLICE", "ONEWAY", "SCHOOL"]
SWEEP_MINUTES = 20.0  # a sweep of one neighbourhood takes this long; cars are read along the way


# The realism dial: how often every reader reads (fixed cameras, patrol and repossession cars together), as a
# share of the town's classroom density. Camera cars make that share of their sweeps; fixed cameras catch that
# share of the cars they would catch. The last level, "Seattle-like", is calibrated so that all readers together
# read about as many plates per vehicle per day as Seattle's police readers did in October 2021 (0.0254: see
# calibration.py and the derived figure seattle_reads_per_vehicle_per_day); tests/test_realism_levels.py checks
# it stays under twice Seattle's rate on several seeds.
REALISM_LEVELS = {
    "town": 1.0,
    "one third": 1 / 3,
    "one tenth": 0.1,
    "Seattle-like": 0.0068,
}


@dataclass(frozen=True)
class ReadSettings:
    """How often readers err, how intensely camera cars sweep, and (optionally) capture chances that differ from the registry's. See data/README.md."""

    capture: dict[str, float] = field(default_factory=lambda: {n.name: n.capture for n in networks.all_networks()})
    misread_rate: float = 0.02  # share of car reads with one character wrong
    duplicate_rate: float = 0.04  # share of fixed-camera reads logged twice, seconds apart
    sign_rate: float = 0.004  # road signs read as plates, per real fixed-camera read
    sweep_intensity: float = 1.0  # the realism dial: share of the registry's camera-car sweeps that happen
    fixed_intensity: float = 1.0  # the realism dial: share of the fixed cameras' usual catches that are made

    @classmethod
    def at_level(cls, level: str) -> ReadSettings:
        """The settings for one named level of the realism dial ("town", "one third", "one tenth", "Seattle-like")."""
        if level not in REALISM_LEVELS:
            raise ValueError(f"no realism level called '{level}'; choose one of {', '.join(REALISM_LEVELS)}")
        return cls(sweep_intensity=REALISM_LEVELS[level], fixed_intensity=REALISM_LEVELS[level])

    @property
    def level(self) -> str:
        """The dial's name for these intensities (camera cars and fixed cameras thinned alike), or "custom"."""
        if abs(self.sweep_intensity - self.fixed_intensity) > 1e-12:
            return "custom"
        return next((k for k, v in REALISM_LEVELS.items() if abs(v - self.sweep_intensity) < 1e-12), "custom")


def fixed_camera_passes(trips: pd.DataFrame, loc: routines.Locations, rng: np.random.Generator) -> pd.DataFrame:
    """Every time a moving car passes a fixed camera: trip index, camera and minute.

    A trip drives one leg east-west and one north-south. Trips to or from the county
    first get onto Route 9, so they always pass the cameras at the town line.
    """
    ox, oy = loc.x[trips.origin.to_numpy()], loc.y[trips.origin.to_numpy()]
    dx, dy = loc.x[trips.dest.to_numpy()], loc.y[trips.dest.to_numpy()]
    outside = lambda x: (x < 0) | (x >= town.GRID_WIDTH)  # noqa: E731
    x_first = rng.random(len(trips)) < 0.5
    x_first = np.where(outside(ox), True, np.where(outside(dx), False, x_first))
    depart = trips.depart.to_numpy()
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for c, (_cam_id, _net, cx, cy, _label) in enumerate(networks.fixed_cameras()):
        between_x = (np.minimum(ox, dx) <= cx) & (cx <= np.maximum(ox, dx))
        between_y = (np.minimum(oy, dy) <= cy) & (cy <= np.maximum(oy, dy))
        # x first: along y = oy, then along x = dx.  y first: along x = ox, then along y = dy.
        leg1 = np.where(x_first, (cy == oy) & between_x, (cx == ox) & between_y)
        leg2 = np.where(x_first, (cx == dx) & between_y, (cy == dy) & between_x) & ~leg1
        along = np.where(
            leg1,
            np.where(x_first, np.abs(cx - ox), np.abs(cy - oy)),
            np.abs(dx - ox) + np.abs(dy - oy) - np.abs(dx - cx) - np.abs(dy - cy),
        )
        hit = np.flatnonzero(leg1 | leg2)
        found.append((hit, np.full(len(hit), c), depart[hit] + along[hit] * routines.MINUTES_PER_BLOCK))
    trip_idx = np.concatenate([f[0] for f in found])
    cam = np.concatenate([f[1] for f in found])
    minute = np.concatenate([f[2] for f in found])
    return pd.DataFrame({"trip": trip_idx, "camera": cam, "minute": minute})


def _shift_sweeps(net: networks.Network, n_days: int, rng: np.random.Generator) -> list[tuple]:
    """Each hour, every unit on duty sweeps one neighbourhood, starting at a random minute."""
    plan = net.schedule
    hoods = np.array(list(plan.weights))
    p = np.array(list(plan.weights.values()))
    hour = np.arange(n_days * 24)
    on_day_shift = (plan.day_hours[0] <= hour % 24) & (hour % 24 < plan.day_hours[1])
    day_units, night_units = np.array(net.units[: plan.day_units]), np.array(net.units[-plan.night_units :])
    per_hour = np.where(on_day_shift, len(day_units), len(night_units))
    hours = np.repeat(hour, per_hour)
    slot = np.arange(len(hours)) - np.repeat(np.cumsum(per_hour) - per_hour, per_hour)  # 0, 1, 2 within the hour
    unit = np.where(
        np.repeat(on_day_shift, per_hour),
        day_units[np.minimum(slot, len(day_units) - 1)],
        night_units[np.minimum(slot, len(night_units) - 1)],
    )
    picks = rng.choice(len(hoods), size=len(hours), p=p / p.sum())
    offsets = rng.uniform(0, plan.start_spread_minutes, size=len(hours))
    return list(zip([net.name] * len(hours), unit.tolist(), hoods[picks].tolist(), (hours * 60.0 + offsets).tolist()))


def _night_sweeps(net: networks.Network, n_days: int, rng: np.random.Generator) -> list[tuple]:
    """A few sweeps a night, at random times in the night window, the units taking turns."""
    plan = net.schedule
    hoods = list(plan.weights)
    p = np.array(list(plan.weights.values()))
    rows = []
    for day in range(n_days):
        picks = rng.choice(len(hoods), size=plan.per_night, p=p / p.sum())
        starts = rng.uniform(*plan.window_minutes, size=plan.per_night)
        for k, (pick, start) in enumerate(zip(picks, starts)):
            rows.append((net.name, net.units[k % len(net.units)], hoods[pick], day * 1440.0 + start))
    return rows


def sweep_schedule(
    n_days: int, rng: np.random.Generator, street_share: float = 1.0, intensity: float = 1.0
) -> pd.DataFrame:
    """When and where each camera car sweeps a neighbourhood (minutes from the start), network by network.

    Each sweep drives along a random `street_share` of its neighbourhood's streets (the `streets`
    column is a bit mask of street numbers y). The schedule is drawn in full, then each sweep happens
    with chance `intensity` (the realism dial): a lower level keeps a subset of a higher level's sweeps.
    """
    rows: list[tuple] = []
    for net in networks.all_networks():
        if isinstance(net.schedule, networks.Shifts):
            rows += _shift_sweeps(net, n_days, rng)
        elif isinstance(net.schedule, networks.NightSweeps):
            rows += _night_sweeps(net, n_days, rng)
    sweeps = pd.DataFrame(rows, columns=["network", "unit", "neighbourhood", "minute"])
    sweeps = sweeps.sort_values(["minute", "unit"], kind="stable").reset_index(drop=True)
    hoods = {h.name: h for h in town.NEIGHBOURHOODS}
    y_min = sweeps.neighbourhood.map({k: h.y_min for k, h in hoods.items()}).to_numpy()
    height = sweeps.neighbourhood.map({k: h.y_max - h.y_min + 1 for k, h in hoods.items()}).to_numpy()
    # Random street order within each neighbourhood; the first k streets are the ones driven.
    keys = rng.random((len(sweeps), town.GRID_HEIGHT))
    keys[np.arange(town.GRID_HEIGHT)[None, :] >= height[:, None]] = np.inf
    rank = np.argsort(np.argsort(keys, axis=1), axis=1)
    k = np.maximum(1, np.ceil(street_share * height - 1e-9)).astype(int)
    driven = rank < k[:, None]
    bits = (driven * (1 << np.arange(town.GRID_HEIGHT))[None, :]).sum(axis=1)
    sweeps["streets"] = bits << y_min  # bit y set: the sweep drives along street y
    sweeps["happens"] = rng.random(len(sweeps)) < intensity
    return sweeps


def street_names(mask: int) -> str:
    """The streets of a sweep's bit mask, as names joined by ';'."""
    return ";".join(town.STREET_NAMES[y] for y in range(town.GRID_HEIGHT) if mask >> y & 1)


def parked_stays(trips: pd.DataFrame, home: np.ndarray, n_days: int) -> pd.DataFrame:
    """Where each car is parked between trips: vehicle, location, from minute, to minute."""
    v = trips.vehicle.to_numpy()
    first = np.r_[True, v[1:] != v[:-1]]
    last = np.r_[v[1:] != v[:-1], True]
    # Between trips: at the destination of one trip until the next departs.
    mid = pd.DataFrame(
        {
            "vehicle": v[~last],
            "loc": trips.dest.to_numpy()[~last],
            "start": trips.arrive.to_numpy()[~last],
            "end": trips.depart.to_numpy()[1:][~last[:-1]] if len(v) > 1 else np.array([]),
        }
    )
    before = pd.DataFrame(
        {"vehicle": v[first], "loc": home[v[first]], "start": 0.0, "end": trips.depart.to_numpy()[first]}
    )
    after = pd.DataFrame(
        {
            "vehicle": v[last],
            "loc": trips.dest.to_numpy()[last],
            "start": trips.arrive.to_numpy()[last],
            "end": n_days * 1440.0,
        }
    )
    idle = np.setdiff1d(np.arange(len(home)), v)
    never = pd.DataFrame({"vehicle": idle, "loc": home[idle], "start": 0.0, "end": n_days * 1440.0})
    stays = pd.concat([before, mid, after, never], ignore_index=True)
    return stays[stays.end > stays.start].reset_index(drop=True)


def sweep_reads(
    stays: pd.DataFrame,
    sweeps: pd.DataFrame,
    loc: routines.Locations,
    settings: ReadSettings,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Parked cars read by patrol and repossession cars driving the streets of their neighbourhood.

    A car parked out of sight (the `hidden` column of `stays`) is never read. Reads are drawn for
    every sweep of the full schedule and kept only for the sweeps that happen, so that the realism
    dial thins the reads without changing the random draws of the rest.
    """
    hood_names = [h.name for h in town.NEIGHBOURHOODS]
    stay_hood = loc.hood[stays["loc"].to_numpy()]
    stay_y = loc.y[stays["loc"].to_numpy()]
    hidden = stays["hidden"].to_numpy() if "hidden" in stays else np.zeros(len(stays), dtype=bool)
    parts = []
    for hood_i, name in enumerate(hood_names):
        ev = sweeps[sweeps.neighbourhood == name]
        if ev.empty:
            continue
        in_hood = np.flatnonzero(stay_hood == hood_i)
        start = stays.start.to_numpy()[in_hood]
        end = stays.end.to_numpy()[in_hood]
        times = ev.minute.to_numpy()
        # A sweep that begins up to SWEEP_MINUTES before the car parks can still pass it.
        lo = np.searchsorted(times, start - SWEEP_MINUTES)
        hi = np.searchsorted(times, end)
        count = hi - lo
        stay_rep = np.repeat(in_hood, count)
        ev_idx = np.repeat(lo, count) + (np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count))
        minute = times[ev_idx] + rng.uniform(0, SWEEP_MINUTES, size=len(ev_idx))
        net = ev.network.to_numpy()[ev_idx]
        p = pd.Series(net).map(settings.capture).to_numpy(dtype=float)
        keep = (minute >= stays.start.to_numpy()[stay_rep]) & (minute < stays.end.to_numpy()[stay_rep])
        keep &= rng.random(len(ev_idx)) < p
        keep &= (ev.streets.to_numpy()[ev_idx] >> stay_y[stay_rep]) & 1 == 1
        keep &= ~hidden[stay_rep] & ev.happens.to_numpy()[ev_idx]
        parts.append(
            pd.DataFrame(
                {
                    "vehicle": stays.vehicle.to_numpy()[stay_rep][keep],
                    "minute": minute[keep],
                    "camera_id": ev.unit.to_numpy()[ev_idx][keep],
                    "network": net[keep],
                    "x": loc.x[stays["loc"].to_numpy()[stay_rep][keep]],
                    "y": loc.y[stays["loc"].to_numpy()[stay_rep][keep]],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def make_reads(
    trips: pd.DataFrame,
    residents: routines.Residents,
    n_days: int,
    settings: ReadSettings,
    rng: np.random.Generator,
    friction: routines.Friction | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """All reads with their artefacts, the truth behind each read, and the sweep log.

    Returns (reads, truth, sweeps): reads as a camera system stores them, truth
    with the real vehicle and the kind of each read (car, misread, duplicate, sign),
    and the sweeps that happened.
    """
    friction = friction or routines.Friction()
    loc = routines.Locations.build()
    passes = fixed_camera_passes(trips, loc, rng)
    cams = networks.fixed_cameras()
    cam_net = np.array([c[1] for c in cams])
    # The dial thins the catches without changing the draws: a lower level keeps a subset of a higher one's.
    p_fixed = np.array([settings.capture[n] for n in cam_net]) * settings.fixed_intensity
    caught = passes[rng.random(len(passes)) < p_fixed[passes.camera.to_numpy()]]
    fixed = pd.DataFrame(
        {
            "vehicle": trips.vehicle.to_numpy()[caught.trip.to_numpy()],
            "minute": caught.minute.to_numpy(),
            "camera_id": np.array([c[0] for c in cams])[caught.camera.to_numpy()],
            "network": cam_net[caught.camera.to_numpy()],
            "x": np.array([c[2] for c in cams])[caught.camera.to_numpy()],
            "y": np.array([c[3] for c in cams])[caught.camera.to_numpy()],
        }
    )
    sweeps = sweep_schedule(n_days, rng, friction.sweep_street_share, settings.sweep_intensity)
    stays = parked_stays(trips, residents.home, n_days)
    vehicle = stays.vehicle.to_numpy()
    stays["hidden"] = residents.out_of_sight[vehicle] & (stays["loc"].to_numpy() == residents.home[vehicle])
    mobile = sweep_reads(stays, sweeps, loc, settings, rng)
    reads = pd.concat([fixed, mobile], ignore_index=True)
    reads["second"] = np.floor(reads.minute.to_numpy() * 60).astype(np.int64)
    reads["kind"] = "car"

    # Duplicates: the same fixed camera logs the same car again one to four seconds later.
    is_fixed = reads.network.isin(networks.fixed_names()).to_numpy()
    dup = reads[is_fixed & (rng.random(len(reads)) < settings.duplicate_rate)].copy()
    dup["second"] += rng.integers(1, 5, size=len(dup))
    dup["kind"] = "duplicate"

    # Road signs read as plates at fixed cameras, in daylight.
    n_signs = rng.binomial(int(is_fixed.sum()), settings.sign_rate)
    sign_cam = rng.integers(0, len(cams), size=n_signs)
    sign_day = rng.integers(0, n_days, size=n_signs)
    signs = pd.DataFrame(
        {
            "vehicle": -1,
            "second": (sign_day * 1440 + rng.uniform(7 * 60, 19 * 60, size=n_signs)).astype(np.int64) * 60
            + rng.integers(0, 60, size=n_signs),
            "camera_id": np.array([c[0] for c in cams])[sign_cam],
            "network": cam_net[sign_cam],
            "x": np.array([c[2] for c in cams])[sign_cam],
            "y": np.array([c[3] for c in cams])[sign_cam],
            "kind": "sign",
            "text": np.array(SIGN_WORDS)[rng.integers(0, len(SIGN_WORDS), size=n_signs)],
        }
    )
    reads = pd.concat([reads.drop(columns="minute"), dup.drop(columns="minute")], ignore_index=True)
    true_plates = np.array(residents.table.plate.tolist())
    reads["true_plate"] = true_plates[reads.vehicle.to_numpy()]
    reads["plate"] = reads["true_plate"]
    wrong = np.flatnonzero(rng.random(len(reads)) < settings.misread_rate)
    plate_col = reads["plate"].to_numpy().copy()
    for i in wrong:
        plate_col[i] = plates.misread(plate_col[i], rng)
    reads["plate"] = plate_col
    reads["misread"] = reads.plate != reads.true_plate
    signs["true_plate"] = ""
    signs["plate"] = signs.pop("text")
    signs["misread"] = False
    reads = pd.concat([reads, signs], ignore_index=True)
    reads = reads[reads.second < n_days * 86400]
    reads = reads.sort_values(["second", "camera_id", "plate", "kind"], kind="stable").reset_index(drop=True)
    reads["timestamp"] = routines.timestamps(reads.second.to_numpy())
    reads["read_id"] = [f"R{i + 1:07d}" for i in range(len(reads))]
    vehicle_ids = np.array(residents.table.vehicle_id.tolist() + [""])
    reads["vehicle_id"] = vehicle_ids[reads.vehicle.to_numpy()]
    public = reads[["read_id", "plate", "timestamp", "camera_id", "network", "x", "y"]]
    truth = reads[["read_id", "vehicle_id", "true_plate", "kind", "misread"]]
    return public, truth, sweeps[sweeps.happens].drop(columns="happens").reset_index(drop=True)
