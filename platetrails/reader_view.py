"""Notebook 01's widgets and figures: one read up close, a day at one camera, alerts, hit rates and misreads."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import HTML
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from platetrails import hotlist, maps, plates, style, town
from platetrails.data import TownData
from platetrails.facts import Facts, html_table
from platetrails.widgets import LabWidget

WIDE = {"description_width": "initial"}


def _figure(size: tuple[float, float] = (11, 5.5)) -> tuple[Figure, plt.Axes]:
    with plt.ioff():
        fig = plt.figure(figsize=size)
    return fig, fig.add_axes([0.1, 0.16, 0.86, 0.72])


def day_options(town_data: TownData) -> list[tuple[str, int]]:
    """Menu choices for the days of the data: ('Mon 03 Nov', 0), ..."""
    return [((town_data.start + pd.Timedelta(days=d)).strftime("%a %d %b"), d) for d in range(town_data.days)]


def read_card(town_data: TownData, read: pd.Series) -> Figure:
    """One read drawn as an index card: everything a reader stores about one passing car, except the photo."""
    with plt.ioff():
        fig = plt.figure(figsize=(11, 4.2))
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    ax.add_patch(
        FancyBboxPatch(
            (0.03, 0.06), 0.94, 0.82, boxstyle="round,pad=0.02", facecolor="#fbfbf4", edgecolor="#333333", lw=2
        )
    )
    ax.add_patch(
        FancyBboxPatch((0.76, 0.2), 0.18, 0.55, boxstyle="round,pad=0.01", facecolor="#e6e6e6", edgecolor="#999999")
    )
    ax.text(
        0.85,
        0.475,
        "photo of the car\n(real systems\nkeep one; this\nlab does not)",
        ha="center",
        va="center",
        fontsize=12,
        color="#555555",
    )
    x, y = int(read.x), int(read.y)
    lines = [
        ("Read", str(read.read_id)),
        ("Plate", str(read.plate)),
        ("Date and time", read.timestamp.strftime("%A %d %B %Y, %H:%M:%S")),
        ("Camera", str(read.camera_id) + ", " + style.NETWORK_STYLE[str(read.network)]["label"].lower()),
        ("Place", f"{town.corner_name(x, y)}, {town.neighbourhood_of(x, y)}"),
    ]
    for i, (label, value) in enumerate(lines):
        ax.text(0.05, 0.78 - i * 0.14, f"{label}:", fontsize=15, fontweight="bold", va="center")
        ax.text(
            0.27,
            0.78 - i * 0.14,
            value,
            fontsize=14 if label != "Plate" else 20,
            va="center",
            family="monospace" if label == "Plate" else None,
        )
    ax.text(0.5, 0.95, "What one plate read holds", ha="center", fontsize=17, fontweight="bold")
    return style.describe(
        fig,
        f"A card showing one read: plate {read.plate}, read at {read.timestamp:%H:%M} on {read.timestamp:%d %B} "
        f"by {read.camera_id} at {town.corner_name(x, y)}.",
    )


class ReadCard(LabWidget):
    """Show one read as a card; a button draws another one at random."""

    def __init__(self, town_data: TownData, seed: int = 1) -> None:
        super().__init__()
        self.town = town_data
        self.rng = np.random.default_rng(seed)
        self.index = w.IntText(value=0, layout=w.Layout(display="none"))
        self.button = w.Button(description="Show another read", icon="refresh", layout=w.Layout(width="auto"))
        self.button.on_click(lambda _b: setattr(self.index, "value", int(self.rng.integers(len(self.town.reads)))))
        self.controls = [self.button]
        self.watch(self.index)
        self.output.layout.height = "360px"
        self.update()

    def compute(self) -> pd.Series:
        return self.town.reads.iloc[self.index.value]

    def draw(self, state: pd.Series) -> Figure:
        return read_card(self.town, state)

    def describe(self, state: pd.Series) -> str:
        same = self.town.reads[self.town.reads.plate == state.plate]
        return f"Plate {state.plate} was read {len(same)} times in the {self.town.days} days of data. This card is one of them."


@dataclass
class CameraDayState:
    camera_id: str
    day: int
    per_hour: np.ndarray
    reads: int
    plates: int
    seen_before: int


class CameraDay(LabWidget):
    """Pick a camera and a day: reads per hour, and how many plates it had already seen on earlier days."""

    def __init__(self, town_data: TownData) -> None:
        super().__init__()
        self.town = town_data
        cams = town_data.cameras
        options = [(f"{c.camera_id}: {c.label}", c.camera_id) for c in cams.itertuples()]
        self.camera = w.Dropdown(options=options, value="CITY-09", description="Camera:", style=WIDE)
        self.day = w.Dropdown(options=day_options(town_data), value=1, description="Day:", style=WIDE)
        self.controls = [w.HBox([self.camera, self.day])]
        self.by_camera = dict(tuple(town_data.reads.groupby("camera_id", sort=False)))  # look-ups, not scans
        self.watch(self.camera, self.day)
        self.update()

    def compute(self) -> CameraDayState:
        cam = self.by_camera.get(self.camera.value, self.town.reads.iloc[:0])
        start = self.town.start + pd.Timedelta(days=self.day.value)
        today = cam[(cam.timestamp >= start) & (cam.timestamp < start + pd.Timedelta(days=1))]
        before = set(cam[cam.timestamp < start].plate)
        per_hour = np.bincount(today.timestamp.dt.hour.to_numpy(), minlength=24)
        return CameraDayState(
            self.camera.value,
            self.day.value,
            per_hour,
            len(today),
            today.plate.nunique(),
            len(set(today.plate) & before),
        )

    def draw(self, s: CameraDayState) -> Figure:
        fig, ax = _figure()
        net = self.town.cameras.set_index("camera_id").loc[s.camera_id, "network"]
        ax.bar(np.arange(24), s.per_hour, color=style.NETWORK_STYLE[net]["color"], edgecolor="black")
        ax.set_xticks(range(0, 24, 3))
        ax.set_xlabel("hour of the day")
        ax.set_ylabel("plate reads")
        ax.set_title(f"A day at {s.camera_id}: {self.day.label}")
        busiest = int(np.argmax(s.per_hour))
        return style.describe(
            fig,
            f"Bar chart of reads per hour at {s.camera_id} on {self.day.label}: {s.reads} reads, most at {busiest}:00.",
        )

    def describe(self, s: CameraDayState) -> str:
        if s.reads == 0:
            return f"{s.camera_id} read no plates that day."
        return (
            f"{s.camera_id} made {s.reads} reads of {s.plates} different plates that day. {s.seen_before} of those "
            f"plates had been read by the same camera on an earlier day."
        )


class AlertFinder(LabWidget):
    """A car goes on the hot list at a chosen time; which live networks see it first, where, and how soon?"""

    def __init__(self, town_data: TownData, case_plates: dict[str, str]) -> None:
        super().__init__()
        self.town = town_data
        self.car = w.Dropdown(options=list(case_plates.items()), description="Car on the alert:", style=WIDE)
        self.day = w.Dropdown(options=day_options(town_data), value=2, description="Alert day:", style=WIDE)
        self.hour = w.IntSlider(value=9, min=0, max=23, description="Alert hour:", continuous_update=False, style=WIDE)
        self.boxes = {
            n: w.Checkbox(value=n.startswith("city"), description=st["label"], indent=False)
            for n, st in style.NETWORK_STYLE.items()
        }
        self.controls = [
            w.HBox([self.car, self.day]),
            self.hour,
            w.HTML("<b>Networks that check their reads against the hot list:</b>"),
            w.HBox(list(self.boxes.values())),
        ]
        self.watch(self.car, self.day, self.hour, *self.boxes.values())
        self.update()

    def compute(self) -> hotlist.Alert:
        start = self.town.start + pd.Timedelta(days=self.day.value, hours=self.hour.value)
        networks = [n for n, b in self.boxes.items() if b.value]
        self.say("" if networks else "Tick at least one network: with none, no camera checks the hot list.")
        return hotlist.first_sighting(self.town, self.car.value, start, networks)

    def draw(self, a: hotlist.Alert) -> Figure:
        fig, ax = maps.new_map(f"Alert for {self.car.label}, from {a.start:%a %d %b %H:%M}")
        maps.town_background(ax, self.town)
        maps.draw_cameras(ax, self.town.cameras, a.networks)
        if a.first is not None:
            maps.mark(ax, a.later.x, a.later.y, "reads in the next 2 hours", zorder=7)
            maps.mark(ax, [a.first.x], [a.first.y], "first read: the alert fires")
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False)
        where = "nowhere in the data" if a.first is None else f"at {town.corner_name(int(a.first.x), int(a.first.y))}"
        return style.describe(fig, f"Map of the town marking where the car on the alert was first read: {where}.")

    def describe(self, a: hotlist.Alert) -> str:
        if not a.networks:
            return "No network checks the hot list, so no alert can fire."
        if a.first is None:
            return "The live networks never read this car after the alert, up to the end of the data."
        hours, mins = divmod(int(round(a.minutes)), 60)
        wait = f"{hours} h {mins} min" if hours else f"{mins} min"
        x, y = int(a.first.x), int(a.first.y)
        return (
            f"The car was first read {wait} after the alert, at {a.first.timestamp:%H:%M} on {a.first.timestamp:%a %d %b}, "
            f"by {a.first.camera_id} at {town.corner_name(x, y)} ({town.neighbourhood_of(x, y)}). "
            f"In the next two hours it was read {len(a.later)} time(s)."
        )


REAL_RATES = [
    ("md_hit_share", "Maryland, Jan.-May 2012"),
    ("eff_median_hit_rate", "middle agency, EFF data 2016-17"),
    ("eff_pooled_hit_rate", "all agencies pooled, EFF data 2016-17"),
    ("flock_pooled_hit_rate", "Flock agencies pooled, 2024"),
]


class HitRate(LabWidget):
    """Put more or fewer cars on the town's hot list and compare the town's hit rate with real published rates."""

    def __init__(self, town_data: TownData, facts: Facts) -> None:
        super().__init__()
        self.town, self.facts = town_data, facts
        self.size = w.IntSlider(
            value=1, min=0, max=10, description="Cars on the hot list:", continuous_update=False, style=WIDE
        )
        self.controls = [self.size]
        self.ranked = hotlist.hot_list(town_data.reads, self.size.max)  # a list of n is the first n of this
        self.watch(self.size)
        self.update()

    def compute(self) -> dict:
        listed = self.ranked[: self.size.value]
        hits = int(self.town.reads.plate.isin(listed).sum())
        real = [(label, float(self.facts.figure(fid).value), self.facts.figure(fid)) for fid, label in REAL_RATES]
        return {"listed": listed, "hits": hits, "rate": hotlist.hit_rate(self.town.reads, listed), "real": real}

    def draw(self, s: dict) -> Figure:
        fig, ax = _figure((11, 5.2))
        ax.set_position([0.36, 0.16, 0.6, 0.72])
        labels = [f"Alder Falls, {len(s['listed'])} car(s) listed"] + [r[0] for r in s["real"]]
        values = [s["rate"]] + [r[1] for r in s["real"]]
        colours = [style.OKABE_ITO["orange"]] + [style.OKABE_ITO["blue"]] * len(s["real"])
        hatches = ["//"] + [""] * len(s["real"])
        bars = ax.barh(labels[::-1], values[::-1], color=colours[::-1], edgecolor="black", hatch=hatches[::-1])
        ax.bar_label(bars, fmt="%.2f%%", padding=4, fontsize=12)
        ax.set_xlabel("share of reads that are hits (%)")
        ax.set_xlim(0, max(1.0, max(values) * 1.25))
        ax.set_title("How often is a read a hit?")
        return style.describe(
            fig,
            f"Bar chart: {s['rate']:.2f}% of the town's reads are hits, beside real rates from {min(v for v in values[1:]):.2f}% to {max(values[1:]):.2f}%.",
        )

    def describe(self, s: dict) -> str:
        misses = len(self.town.reads) - s["hits"]
        return (
            f"With {len(s['listed'])} of the town's cars on the hot list, {s['hits']:,} of {len(self.town.reads):,} reads are hits "
            f"({s['rate']:.2f}%). The other {misses:,} reads are of cars nobody was looking for, and they are stored too."
        )


class MisreadCost(LabWidget):
    """A stolen car's plate is one character away from an innocent town car's plate: how many false alerts would a month bring?"""

    def __init__(self, town_data: TownData, innocent_plate: str) -> None:
        super().__init__()
        self.town = town_data
        self.plate_box = w.Text(
            value=innocent_plate, description="Innocent car's plate:", continuous_update=False, style=WIDE
        )
        self.rate = w.FloatSlider(
            value=2.0, min=0.0, max=5.0, step=0.5, description="Misread rate (%):", continuous_update=False, style=WIDE
        )
        self.controls = [self.plate_box, self.rate]
        self.watch(self.plate_box, self.rate)
        self.update()

    def compute(self) -> dict | None:
        plate, problem = plates.clean_plate(self.plate_box.value)
        if plate is None:
            self.say(problem)
            return None
        alikes = hotlist.look_alikes(plate)
        if not alikes:
            self.say(
                f"No character of {plate} is one a camera commonly confuses (8, B, 0, O, 1, I, 5, S, 2, Z). Try another plate."
            )
            return None
        self.say("")
        reads = int((self.town.reads.plate == plate).sum())
        stolen = alikes[0]
        per_month = hotlist.expected_false_alerts(reads, plate, stolen, self.rate.value / 100) * 28 / self.town.days
        return {"plate": plate, "stolen": stolen, "alikes": alikes, "reads": reads, "false_alerts": per_month}

    def draw(self, s: dict | None) -> Figure:
        with plt.ioff():
            fig = plt.figure(figsize=(11, 3.6))
        ax = fig.add_axes([0, 0, 1, 1])
        ax.set_axis_off()
        if s is None:
            ax.text(0.5, 0.5, "Type a plate above", ha="center", va="center", fontsize=16)
            return style.describe(fig, "No plate to show.")
        ax.text(0.5, 0.9, "One character apart", ha="center", fontsize=17, fontweight="bold")
        for x, (label, text, colour) in zip(
            (0.25, 0.75),
            (
                ("innocent car", s["plate"], style.OKABE_ITO["green"]),
                ("stolen car on the hot list", s["stolen"], style.OKABE_ITO["vermillion"]),
            ),
        ):
            ax.add_patch(
                FancyBboxPatch(
                    (x - 0.17, 0.35), 0.34, 0.3, boxstyle="round,pad=0.02", facecolor="white", edgecolor=colour, lw=4
                )
            )
            ax.text(x, 0.5, text, ha="center", va="center", fontsize=30, family="monospace", fontweight="bold")
            ax.text(x, 0.2, label, ha="center", fontsize=14, color="#333333")
        ax.annotate("", xy=(0.57, 0.5), xytext=(0.43, 0.5), arrowprops={"arrowstyle": "->", "lw": 3})
        ax.text(0.5, 0.58, "misread", ha="center", fontsize=13)
        return style.describe(
            fig,
            f"Two plates side by side: {s['plate']} and {s['stolen']} differ in one character that cameras confuse.",
        )

    def describe(self, s: dict | None) -> str:
        if s is None:
            return ""
        return (
            f"The town's cameras read {s['plate']} {s['reads']} times in {self.town.days} days. If a stolen car's plate is "
            f"{s['stolen']}, a misread rate of {self.rate.value:.1f}% would flag this innocent car about "
            f"{s['false_alerts']:.1f} time(s) a month. Every such alert could send officers to stop the wrong driver."
        )


def scans_chart(town_data: TownData) -> Figure:
    """Reads per street corner per day in each neighbourhood, stacked by network: whose streets are scanned most."""
    per = hotlist.scans_by_neighbourhood(town_data)
    per = per.loc[per.sum(axis=1).sort_values().index]
    fig, ax = _figure((11, 5.5))
    ax.set_position([0.2, 0.14, 0.76, 0.74])
    left = np.zeros(len(per))
    hatches = {"city_fixed": "", "city_patrol": "//", "repo_fleet": "..", "county_fixed": "xx"}
    for net in style.NETWORK_STYLE:
        if net in per.columns:
            st = style.NETWORK_STYLE[net]
            ax.barh(
                per.index,
                per[net],
                left=left,
                color=st["color"],
                edgecolor="black",
                hatch=hatches[net],
                label=st["label"],
            )
            left += per[net].to_numpy()
    ax.set_xlabel("plate reads per street corner per day")
    ax.set_title("Whose streets are scanned most?")
    ax.legend(loc="lower right", frameon=False)
    top, low = per.sum(axis=1).idxmax(), per.sum(axis=1).idxmin()
    ratio = per.sum(axis=1).max() / max(per.sum(axis=1).min(), 1e-9)
    return style.describe(
        fig, f"Stacked bar chart: {top} is scanned most, about {ratio:.0f} times as much per corner as {low}."
    )


def facts_table(facts: Facts, figure_ids: list[str]) -> HTML:
    """A small table of real published figures, each with its source as a link."""
    chosen = pd.concat([facts.figure(fid).to_frame().T for fid in figure_ids], ignore_index=True)
    chosen["figure"] = [f"{v:,.3f}".rstrip("0").rstrip(".") + f" {u}" for v, u in zip(chosen.value, chosen.unit)]
    chosen["where and when"] = chosen["where"] + ", " + chosen["when"]
    return HTML(html_table(chosen, {"what": "what", "figure": "figure", "where and when": "where and when"}))


def timeline_table(facts: Facts) -> HTML:
    """The story in dates, each event with its source."""
    return HTML(html_table(facts.timeline, {"date": "date", "event": "what happened"}))


def cases_table(facts: Facts) -> HTML:
    """The court cases on location tracking, each with a one-sentence holding and its source."""
    return HTML(html_table(facts.court_cases, {"case": "case", "year": "year", "holding": "what the court held"}))


def retention_chart(facts: Facts) -> Figure:
    """How long state laws let plate reads be kept, in days on a log scale, beside ICE's five years of history."""
    laws = facts.state_laws.dropna(subset=["retention_days"]).sort_values("retention_days")
    fig, ax = _figure((11, 6.5))
    ax.set_position([0.34, 0.12, 0.62, 0.78])
    labels = [f"{r.state} ({r.retention_value:g} {r.retention_unit})" for r in laws.itertuples()]
    ax.barh(labels, laws.retention_days, color=style.OKABE_ITO["blue"], edgecolor="black")
    ice = facts.figure("ice_history_years")
    ax.axvline(ice.value * 365.25, color=style.OKABE_ITO["vermillion"], linestyle="--", lw=2.5)
    ax.text(
        ice.value * 365.25,
        -0.6,
        "ICE's searchable\nhistory: 5 years ",
        color=style.OKABE_ITO["vermillion"],
        ha="right",
        va="bottom",
        fontsize=12,
    )
    ax.set_xscale("log")
    ticks = {3 / 1440: "3 min", 1: "1 day", 7: "1 week", 30: "1 month", 365.25: "1 year", 5 * 365.25: "5 years"}
    ax.set_xticks(list(ticks), list(ticks.values()))
    ax.set_ylabel("state law")
    ax.set_xlabel("longest time plate reads may be kept (days, log scale)")
    ax.set_title("How long may plate reads be kept?")
    shortest, longest = laws.iloc[0], laws.iloc[-1]
    return style.describe(
        fig,
        f"Bar chart of {len(laws)} state retention limits, from {shortest.state} ({shortest.retention_value:g} "
        f"{shortest.retention_unit}) to {longest.state} ({longest.retention_value:g} {longest.retention_unit}); "
        "the dashed line marks ICE's five years of searchable history.",
    )
