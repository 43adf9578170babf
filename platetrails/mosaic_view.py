"""Notebook 02's widget and figures: watch the picture of one car form, and see how fast it forms for every car."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from platetrails import maps, mosaic, plates, style
from platetrails.data import AnswerKey, TownData
from platetrails.widgets import LabWidget

RANDOM = "random"
TYPED = "typed"


def confidence(hits: int, out_of: int) -> str:
    """A plain word for how sure a guess is, from how often the car was seen there."""
    if hits == 0:
        return "no idea"
    if hits >= 5 and hits / max(out_of, 1) >= 0.6:
        return "fairly sure"
    if hits >= 3:
        return "somewhat sure"
    return "only a hunch"


def network_words(networks: list[str]) -> str:
    names = [style.NETWORK_STYLE[n]["label"].lower() for n in networks]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass
class Truth:
    """What the answer key says about the chosen car, and whether the guesses were right."""

    known: bool
    home: tuple[int, int] | None = None
    work: tuple[int, int] | None = None
    work_name: str = ""
    home_off: int | None = None
    work_off: int | None = None
    story: str = ""


@dataclass
class MosaicState:
    plate: str | None
    label: str
    days: int
    networks: list[str]
    colour_by: str
    revealed: bool
    profile: mosaic.Profile | None
    truth: Truth | None
    message: str


def believe_sentence(p: mosaic.Profile) -> str:
    """One or two plain sentences: what an analyst would now believe about this car, and how sure."""
    if p.sightings == 0:
        return f"In {p.days} day(s), the ticked networks never read this plate, so an analyst knows nothing about it."
    parts = [f"From {p.sightings} sightings in {p.days} day(s), an analyst would believe:"]
    if p.home:
        if p.home_from_evenings:
            parts.append(
                f"it probably sleeps near {p.home_place}, where its last sighting of the day was on {p.home_nights} days "
                f"(it was never seen at night; {confidence(min(p.home_nights, 2), 3)})."
            )
        else:
            parts.append(
                f"it sleeps near {p.home_place} (seen there on {p.home_nights} of the {p.nights_seen} nights it was "
                f"seen at night: {confidence(p.home_nights, p.nights_seen)})."
            )
    if p.work:
        parts.append(
            f"On weekdays it spends the day near {p.work_place} (seen there on {p.work_days} of the "
            f"{p.workdays_seen} weekdays it was seen in working hours: {confidence(p.work_days, p.workdays_seen)})."
        )
    elif p.days >= 2:
        parts.append("No weekday daytime spot stands out yet.")
    if p.routines:
        r = p.routines[0]
        parts.append(f"A routine: {r.place} on {r.weekday}s around {r.hour}:00 ({r.weeks} of {r.of_weeks} weeks).")
    parked = [v for v in p.sensitive if v.parked]
    passed = [v for v in p.sensitive if not v.parked]
    if parked:
        v = parked[0]
        parts.append(f"It was seen parked at {v.place} ({v.sensitive}) on {v.when}.")
    if passed:
        names = sorted({v.place for v in passed})
        parts.append(
            f"A camera by {', '.join(names)} read it {len(passed)} time(s): passing or visiting, a camera cannot tell."
        )
    return " ".join(parts)


def truth_sentence(state: MosaicState) -> str:
    t, p = state.truth, state.profile
    if t is None or p is None:
        return ""
    if not t.known:
        return "The answer key has no car with this plate: it is probably a misread of another car's plate."
    bits = ["<b>The truth:</b> " + t.story] if t.story else ["<b>The truth:</b>"]
    if t.home_off is None:
        bits.append("No home guess was made.")
    else:
        verdict = "right (within a block)" if t.home_off <= 1 else "wrong"
        bits.append(f"The home guess is {t.home_off} block(s) off: {verdict}.")
    if t.work is None:
        bits.append(
            "This driver has no workplace."
            if p.work is None
            else "This driver has no workplace, so the work guess is wrong."
        )
    elif t.work_off is None:
        bits.append(f"They work at {t.work_name}, which the analyst has not found yet.")
    else:
        verdict = "right" if t.work_off <= 1 else "wrong"
        bits.append(f"They work at {t.work_name}; the guess is {t.work_off} block(s) off: {verdict}.")
    return " ".join(bits)


def mosaic_map(town: TownData, analyst: mosaic.Analyst, state: MosaicState) -> Figure:
    """The town map with one car's sightings, the analyst's guesses, and (if revealed) the truth."""
    title = f"{state.label}: {state.days} day(s) of sightings" if state.plate else "No car chosen"
    fig, ax = maps.new_map(title)
    maps.town_background(ax, town)
    p = state.profile
    if p is not None and p.sightings:
        s = analyst.s
        rows = p.rows
        if state.colour_by == "time":
            keys, styles = s.period[rows], style.TIME_STYLE
            names = mosaic.PERIODS
        else:
            keys, styles = s.network[rows], style.NETWORK_STYLE
            names = mosaic.NETWORKS
        table = pd.DataFrame({"x": s.x[rows], "y": s.y[rows], "k": keys}).value_counts().reset_index()
        offsets = {0: (-0.18, 0.0), 1: (0.18, 0.0), 2: (0.0, 0.18), 3: (0.0, -0.18)}
        for k, name in enumerate(names):
            part = table[table.k == k]
            if part.empty:
                continue
            st = styles[name]
            dx, dy = offsets[k]
            ax.scatter(
                part.x + dx,
                part.y + dy,
                s=30 + 30 * np.sqrt(part["count"]),
                color=st["color"],
                marker=st["marker"],
                edgecolor="black",
                linewidths=0.6,
                alpha=0.85,
                zorder=6,
                label=f"{st.get('label', name)} ({int(part['count'].sum())})",
            )
        if p.home:
            maps.mark(ax, [p.home[0]], [p.home[1]], "guessed home")
        if p.work:
            maps.mark(ax, [p.work[0]], [p.work[1]], "guessed work")
    t = state.truth
    if state.revealed and t is not None and t.known:
        for spot, text in ((t.home, "true home"), (t.work, "true work")):
            if spot:
                ax.scatter(
                    *spot,
                    marker="o",
                    s=900,
                    facecolor="none",
                    edgecolor="black",
                    linewidths=2.5,
                    linestyle="--",
                    zorder=9,
                )
                ax.annotate(
                    text, spot, xytext=(8, -18), textcoords="offset points", fontsize=12, fontweight="bold", zorder=10
                )
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3, frameon=False, fontsize=11)
    if p is None or p.sightings == 0:
        text = "Map of the town with no sightings of this car."
    else:
        text = (
            f"Map of {p.sightings} sightings of {state.label} over {p.days} day(s), coloured by "
            f"{'time of week' if state.colour_by == 'time' else 'camera network'}; the star marks the guessed home"
            + (", the pentagon the guessed work." if p.work else ".")
        )
    return style.describe(fig, text)


class MosaicExplorer(LabWidget):
    """Pick a car, add days and camera networks, and watch an analyst's picture of it form."""

    def __init__(self, town: TownData, key: AnswerKey, seed: int = 0) -> None:
        super().__init__()
        self.town, self.key = town, key
        self.analyst = mosaic.Analyst(town)
        self.rng = np.random.default_rng(seed)
        cases = key.vehicles[key.vehicles.case_label != ""]
        self.case_plates = dict(zip(cases.case_label, cases.plate))
        self.by_plate = key.vehicles.set_index("plate")
        self.random_plate = str(self.rng.choice(key.vehicles.plate.to_numpy()))
        choices = [(label, plate) for label, plate in self.case_plates.items()]
        choices += [("A random car", RANDOM), ("The plate typed in the box", TYPED)]
        wide = {"description_width": "initial"}
        self.car = w.Dropdown(options=choices, value=choices[0][1], description="Car:", style=wide)
        self.plate_box = w.Text(
            value="",
            placeholder="type a plate, e.g. 4KXT218",
            description="Plate:",
            continuous_update=False,
            style=wide,
        )
        self.new_random = w.Button(description="Another random car", icon="random", layout=w.Layout(width="auto"))
        self.days = w.IntSlider(
            value=7, min=1, max=town.days, description="Days of data:", continuous_update=False, style=wide
        )
        self.network_boxes = {
            net: w.Checkbox(value=True, description=style.NETWORK_STYLE[net]["label"], indent=False)
            for net in mosaic.NETWORKS
        }
        self.colour = w.ToggleButtons(
            options=[("Colour by time of week", "time"), ("Colour by camera network", "network")],
            value="time",
            style={"button_width": "210px"},
        )
        self.reveal = w.Checkbox(value=False, description="Reveal the truth", indent=False)
        self.controls = [
            w.HBox([self.car, self.plate_box, self.new_random]),
            self.days,
            w.HBox(list(self.network_boxes.values())),
            w.HBox([self.colour, self.reveal]),
        ]
        self.new_random.on_click(self._another_random)
        self.watch(self.car, self.plate_box, self.days, self.colour, self.reveal, *self.network_boxes.values())
        self.update()

    def _another_random(self, _button=None) -> None:
        self.random_plate = str(self.rng.choice(self.key.vehicles.plate.to_numpy()))
        if self.car.value == RANDOM:
            self.update()
        else:
            self.car.value = RANDOM  # triggers update

    def chosen_plate(self) -> tuple[str | None, str, str]:
        """(plate, label, message) for the current choice of car."""
        if self.car.value == RANDOM:
            return self.random_plate, "A random car", ""
        if self.car.value == TYPED:
            plate, problem = plates.clean_plate(self.plate_box.value)
            if plate is None:
                return None, "", problem
            if plate not in self.analyst.s.plates:
                return (
                    None,
                    "",
                    (
                        f"No camera read the plate {plate} in these {self.town.days} days. Check each character "
                        "(0 and O, 1 and I, 8 and B look alike), or pick a car from the list."
                    ),
                )
            return plate, f"Plate {plate}", ""
        label = self.car.label
        return self.car.value, label, ""

    def compute(self) -> MosaicState:
        plate, label, message = self.chosen_plate()
        networks = [n for n, box in self.network_boxes.items() if box.value]
        if plate is not None and not networks:
            message = "Tick at least one camera network to see any sightings."
        profile = self.analyst.profile(plate, self.days.value, networks) if plate else None
        truth = self.truth_for(profile) if profile is not None else None
        self.say(message)
        return MosaicState(
            plate, label, self.days.value, networks, self.colour.value, self.reveal.value, profile, truth, message
        )

    def truth_for(self, p: mosaic.Profile) -> Truth:
        if p.plate not in self.by_plate.index:
            return Truth(known=False)
        v = self.by_plate.loc[p.plate]
        home = (int(v.home_x), int(v.home_y))
        work_id = v.work_place_id if isinstance(v.work_place_id, str) and v.work_place_id else ""
        work, work_name = None, ""
        if work_id:
            place = self.analyst.places.set_index("place_id").loc[work_id]
            work, work_name = (int(place.x), int(place.y)), place["name"]
        home_off = abs(p.home[0] - home[0]) + abs(p.home[1] - home[1]) if p.home else None
        work_off = abs(p.work[0] - work[0]) + abs(p.work[1] - work[1]) if p.work and work else None
        story = v.story if isinstance(v.story, str) else ""
        return Truth(True, home, work, work_name, home_off, work_off, story)

    def draw(self, state: MosaicState) -> Figure:
        return mosaic_map(self.town, self.analyst, state)

    def describe(self, state: MosaicState) -> str:
        if state.profile is None:
            return state.message
        text = believe_sentence(state.profile)
        if state.revealed:
            text += "<br>" + truth_sentence(state)
        return text


LINE_STYLES = {
    ("city_fixed",): {"color": style.OKABE_ITO["blue"], "marker": "s", "linestyle": "-", "label": "city fixed cameras"},
    ("city_patrol",): {
        "color": style.OKABE_ITO["vermillion"],
        "marker": "^",
        "linestyle": "--",
        "label": "city patrol cars",
    },
    ("city_fixed", "city_patrol"): {
        "color": style.OKABE_ITO["black"],
        "marker": "o",
        "linestyle": "-",
        "label": "both city networks",
    },
    (): {"color": style.OKABE_ITO["grey"], "marker": "D", "linestyle": ":", "label": "no city network"},
}
PANELS = [
    ((), "city networks only"),
    (("repo_fleet",), "+ repossession cars"),
    (("county_fixed",), "+ county cameras"),
    (("repo_fleet", "county_fixed"), "+ repossession and county"),
]


def class_picture(shares: pd.DataFrame, measure: str = "home") -> Figure:
    """Share of all cars whose home (or work) is guessed within a block, against days of data, for every combination of networks."""
    import matplotlib.pyplot as plt

    column = f"{measure}_share"
    with plt.ioff():
        fig, axes = plt.subplots(1, 4, figsize=(15, 5.8), sharey=True)
    fig.subplots_adjust(left=0.06, right=0.99, bottom=0.24, top=0.84, wspace=0.08)  # fixed: no layout solver
    for ax, (extra, title) in zip(axes, PANELS):
        for city, st in LINE_STYLES.items():
            combo = tuple(n for n in mosaic.NETWORKS if n in city + extra)
            part = shares[shares.networks == combo].sort_values("days")
            if part.empty:
                continue
            ax.plot(
                part.days,
                100 * part[column],
                color=st["color"],
                marker=st["marker"],
                linestyle=st["linestyle"],
                lw=2.2,
                label=st["label"],
            )
        ax.set_title(title, fontsize=14)
        ax.set_xlabel("days of data")
        ax.set_ylim(0, 100)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(f"% of cars, {measure} within 1 block")
    # One legend for all four panels (the grey line only appears where the city's networks are off).
    handles = [
        Line2D([], [], color=st["color"], marker=st["marker"], linestyle=st["linestyle"], lw=2.2, label=st["label"])
        for st in LINE_STYLES.values()
    ]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=12, frameon=False)
    fig.suptitle(f"How fast the picture forms: {measure} guessed within one block", fontsize=17, fontweight="bold")
    every = shares[shares.networks == tuple(mosaic.NETWORKS)].sort_values("days")
    first, last = every.iloc[0], every.iloc[-1]
    text = (
        f"Four line charts, one per set of extra networks. With all four networks, the {measure} of "
        f"{100 * first[column]:.0f}% of cars is guessed within a block after {int(first.days)} day(s), "
        f"and {100 * last[column]:.0f}% after {int(last.days)} days."
    )
    return style.describe(fig, text)
