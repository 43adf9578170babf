"""data/README.md matches the shipped data (issue #20): row counts, columns, `make data`'s commands, paths, figures.

Every figure the README quotes about the class data is recomputed here from data/ with the package's readers,
so a regeneration that moves a number fails this test until the README follows. Fast: it only reads files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest

from platetrails import answer_key, data, networks, scoring, traffic
from platetrails.build import seed_ranges
from platetrails.facts import load_facts

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
README = DATA / "README.md"
NUMBER_WORDS = {"four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def readme() -> str:
    return README.read_text("utf-8")


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def rounded(value: float, places: int = 0) -> str:
    """`value` to `places` decimals, halves rounded up, with thousands separators (768, 11,698, 3.8)."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{q:,.{places}f}"


def pct(share: float, places: int = 0) -> str:
    return rounded(share * 100, places) + "%"


def share(value: float) -> str:
    """A share as notebook 02 prints it (one decimal, no trailing '.0')."""
    return seed_ranges.percent(value)


def every_network() -> str:
    return " + ".join(networks.names())


# --- readers: the shipped data, through the package's own doors ------------------------------------


def shares_at(days: int, combination: str | None = None) -> pd.Series:
    table = scoring.class_shares(DATA)
    row = table[(table.combination == (combination or every_network())) & (table.days == days)]
    assert len(row) == 1, (combination, days)
    return row.iloc[0]


def ranges() -> pd.DataFrame:
    return seed_ranges.load(DATA).set_index("figure")


def realism() -> pd.DataFrame:
    return data.read_table("realism.csv", DATA)


def realism_cell(level: str, days: int) -> pd.Series:
    table = realism()
    return table[(table.level == level) & (table.days == days)].iloc[0]


def reads() -> pd.DataFrame:
    return data.read_table("reads.csv", DATA)


def meta() -> dict:
    return data.load_meta(DATA)


def calibration() -> pd.DataFrame:
    return pd.read_csv(DATA / "calibration.csv").set_index("figure")


def derived(figure_id: str) -> float:
    return float(load_facts(DATA / "facts").figure(figure_id).value)


def camera_car_reads_per_car_day() -> float:
    town = reads()
    return town.network.isin(networks.mobile_names()).sum() / meta()["vehicles"] / meta()["days"]


def friction_row(
    label: str, days: int, figure: str, before: str, combination: str | None = None, column: str = "home_share"
):
    def compute() -> tuple[str, ...]:
        r = ranges().loc[figure]
        value = shares_at(days, combination)[column]
        assert value == pytest.approx(r.in_this_town, abs=5e-5), "shares.csv and seed_ranges.csv disagree"
        return (share(value), share(r.lowest).rstrip("%"), share(r.highest))

    return f"| {label} | {before} | {{}} | {{}} to {{}} |", compute


# --- every figure the README quotes about the data: (words with {} for each number, how to compute them) ---

PHRASES: list[tuple[str, Callable[[], tuple]]] = [
    friction_row("home within 1 block, all networks, 1 day", 1, "home_1_day", "40%"),
    friction_row("home within 1 block, all networks, 7 days", 7, "home_7_days", "82%"),
    friction_row("home within 1 block, all networks, 28 days", 28, "home_28_days", "88%"),
    friction_row(
        "home within 1 block, city fixed cameras alone, 28 days", 28, "home_city_fixed_alone", "25%", "city_fixed"
    ),
    friction_row(
        "work within 1 block (cars with a workplace), 28 days", 28, "work_of_workers", "63%", column="work_share"
    ),
    (
        "| camera-car reads per car per day | 1.05 | {} | {} to {} (48 towns, a year each, `realism.csv`) |",
        lambda: (
            rounded(camera_car_reads_per_car_day(), 2),
            rounded(realism().query("level == 'town'").camera_car_reads_per_vehicle_per_day.min(), 2),
            rounded(realism().query("level == 'town'").camera_car_reads_per_vehicle_per_day.max(), 2),
        ),
    ),
    (
        "ranges over eight seeds (2018 and 1 to {}) in `mosaic/seed_ranges.csv`",
        lambda: (max(s for s in seed_ranges.SEEDS if s != seed_ranges.CLASS_SEED),),
    ),
    (
        "about {} of the town's plates are read on 2 or more days of a week (mean of {} towns in `realism.csv`), "
        "against Seattle's {}",
        lambda: (
            pct(realism_cell("Seattle-like", 28).share_plates_2_days_mean),
            realism().seed.nunique(),
            rounded(derived("seattle_share_plates_2_days"), 1) + "%",
        ),
    ),
    # the realism dial
    (
        "| `town` (the class data) | 1 | about {} |",
        lambda: (rounded(realism_cell("town", 28).reads_per_vehicle_per_day_mean, 1),),
    ),
    (
        "| `one third` | 1/3 | about {} |",
        lambda: (rounded(realism_cell("one third", 28).reads_per_vehicle_per_day_mean, 1),),
    ),
    (
        "| `one tenth` | 1/10 | about {} |",
        lambda: (rounded(realism_cell("one tenth", 28).reads_per_vehicle_per_day_mean, 2),),
    ),
    (
        "| `Seattle-like` | {} | about {}; Seattle's police readers: {} |",
        lambda: (
            traffic.REALISM_LEVELS["Seattle-like"],
            rounded(realism_cell("Seattle-like", 28).reads_per_vehicle_per_day_mean, 3),
            derived("seattle_reads_per_vehicle_per_day"),
        ),
    ),
    (
        "about {} per vehicle per day at full density (mean of {} towns over a year, `realism.csv`), so the level "
        "is about {} / {}, or {}.",
        lambda: (
            rounded(realism_cell("town", 28).reads_per_vehicle_per_day_mean, 2),
            realism().seed.nunique(),
            derived("seattle_reads_per_vehicle_per_day"),
            rounded(realism_cell("town", 28).reads_per_vehicle_per_day_mean, 2),
            rounded(
                derived("seattle_reads_per_vehicle_per_day") / realism_cell("town", 28).reads_per_vehicle_per_day_mean,
                4,
            ),
        ),
    ),
    (
        "give about {} ({} reads of {} cars in {} days)",
        lambda: (
            rounded(len(reads()) / meta()["vehicles"] / meta()["days"], 1),
            rounded(len(reads())),
            meta()["vehicles"],
            meta()["days"],
        ),
    ),
    (
        "the home is found within a block for about {} of cars at 28 days at the town's density, {} at one third, "
        "{} at one tenth and {} at the Seattle-like level",
        lambda: tuple(pct(realism_cell(level, 28).home_mean) for level in traffic.REALISM_LEVELS),
    ),
    (
        "After a year the first three levels all reach about {} to {}, but the Seattle-like level only about {}",
        lambda: (
            pct(min(realism_cell(level, 365).home_mean for level in ("town", "one third", "one tenth"))).rstrip("%"),
            pct(max(realism_cell(level, 365).home_mean for level in ("town", "one third", "one tenth"))),
            pct(realism_cell("Seattle-like", 365).home_mean),
        ),
    ),
    ("### `realism.csv`: how long the mosaic takes at each level ({} rows)", lambda: (rounded(len(realism())),)),
    ("for each of {} seeds", lambda: (realism().seed.nunique(),)),
    # how the data was made: the error rates and capture chances the generator wrote to town.json
    ("{}% of car reads have one character misread", lambda: (rounded(meta()["misread_rate"] * 100),)),
    ("{}% of fixed-camera reads are logged twice", lambda: (rounded(meta()["duplicate_rate"] * 100),)),
    ("read as plates at about {}% of fixed-camera reads", lambda: (rounded(meta()["sign_rate"] * 100, 1),)),
    (
        "and Riverside; two sit on the corner of a sensitive place (see below) | {} per pass |",
        lambda: (rounded(meta()["capture_probability"]["city_fixed"], 2),),
    ),
    (
        "where Route 9 enters town and out on the highway | {} per pass |",
        lambda: (rounded(meta()["capture_probability"]["county_fixed"], 2),),
    ),
    ("9 pm to 4 am | {} per parked car", lambda: (rounded(meta()["capture_probability"]["repo_fleet"], 2),)),
    (
        "| {} per parked car on a street it drives | | `repo_fleet`",
        lambda: (rounded(meta()["capture_probability"]["city_patrol"], 2),),
    ),
    (
        "| {} fixed cameras at crossroads",
        lambda: ((data.read_table("town/cameras.csv", DATA).network == "city_fixed").sum(),),
    ),
    (
        "2 cars that together make {} sweeps of home neighbourhoods each night",
        lambda: (rounded((answer_key.load_answer_key(DATA).sweeps.network == "repo_fleet").sum() / meta()["days"], 0),),
    ),
    (
        "worship once a week for {} of drivers",
        lambda: (pct(answer_key.load_answer_key(DATA).vehicles.worship_place_id.ne("").mean()),),
    ),
    # calibration.csv
    (
        "**The town's distinct plates ({}) exceed its {} cars**",
        lambda: (rounded(calibration().alder_falls_week["distinct plates"]), meta()["vehicles"]),
    ),
    (
        "({} against {} per vehicle per day in the class seed's mean week), and {} of its plates",
        lambda: (
            rounded(calibration().alder_falls_seattle_like_week["reads per vehicle per day"], 3),
            rounded(calibration().seattle_week["reads per vehicle per day"], 3),
            pct(calibration().alder_falls_seattle_like_week["share of plates seen on 2 or more days"]),
        ),
    ),
    # mosaic/
    (
        "the analyst finds the home within a block for {} of cars after 1 day, {} after 7 days and {} after 28 days",
        lambda: tuple(share(shares_at(d).home_share) for d in (1, 7, 28)),
    ),
    (
        "over the eight seeds of `seed_ranges.csv` the 28-day figure runs from {} to {}",
        lambda: (share(ranges().lowest["home_28_days"]).rstrip("%"), share(ranges().highest["home_28_days"])),
    ),
    ("scoring 200 cars {} times", lambda: (len(scoring.class_shares(DATA)),)),
]

# calibration.csv's table: the README's label, the file's figure, and the decimals of the town's two columns
# (a "%" means a share shown as a percentage).
CALIBRATION_ROWS = [
    ("reads per day", "reads per day", "0", "1"),
    ("distinct plates", "distinct plates", "0", "0"),
    ("share of plates read only once", "share of plates read only once", "0%", "0%"),
    ("share of plates read 5 or more times", "share of plates read 5 or more times", "0%", "0%"),
    ("most reads of one plate", "most reads of one plate", "0", "1"),
    ("devices", "devices (cameras and camera cars)", "0", "0"),
    ("median reads per device per day", "median reads per device per day", "0", "1"),
    ("busiest device's share of reads", "busiest device's share of reads", "0%", "0%"),
    ("share of reads from midnight to 6 am", "share of reads at night (0-6)", "0%", "0%"),
    ("share of reads 6 am to noon", "share of reads at morning (6-12)", "0%", "0%"),
    ("share of reads noon to 6 pm", "share of reads at afternoon (12-18)", "0%", "0%"),
    ("share of reads 6 pm to midnight", "share of reads at evening (18-24)", "0%", "0%"),
    ("reads per vehicle per day", "reads per vehicle per day", "1", "3"),
    ("camera-car reads per vehicle per day", "camera-car reads per vehicle per day", "2", "3"),
    ("share of plates seen on 2 or more days", "share of plates seen on 2 or more days", "0%", "0%"),
    (
        "share of plates seen on 2 or more days, camera cars only",
        "share of plates seen on 2 or more days by camera cars",
        "0%",
        "0%",
    ),
    (
        "share of plates seen parked at the same spot on 2 nights",
        "share of plates seen parked at the same spot on 2 nights",
        "0%",
        "0%",
    ),
]


def shown(value: float, form: str) -> str:
    return pct(value, int(form[:-1])) if form.endswith("%") else rounded(value, int(form))


@pytest.mark.parametrize(("words", "compute"), PHRASES, ids=[w[:60] for w, _ in PHRASES])
def test_each_figure_the_readme_quotes_is_recomputed_from_the_data(words: str, compute) -> None:
    expected = words.format(*compute())
    assert expected in one_line(readme()), f"data/README.md should say: {expected}"


def test_the_calibration_table_gives_the_class_seed_s_figures() -> None:
    table = calibration()
    rows = {
        r[0]: [c.strip() for c in r[1:]]
        for r in re.findall(r"^\| ([^|]+?) \|([^|]+)\|([^|]+)\|([^|]+)\|$", readme(), re.M)
    }
    assert len(CALIBRATION_ROWS) == len(table), "a figure of calibration.csv is missing from CALIBRATION_ROWS"
    for label, figure, town_form, like_form in CALIBRATION_ROWS:
        assert label in rows, f"data/README.md's calibration table has no row '{label}'"
        _seattle, town, like = rows[label]
        assert town == shown(table.alder_falls_week[figure], town_form), label
        assert like == shown(table.alder_falls_seattle_like_week[figure], like_form), label


# --- row counts, columns, commands and paths ------------------------------------------------------------


def data_file(name: str) -> Path:
    """A file the README names: a path under data/, or a bare file name found once under data/."""
    if "/" in name:
        return DATA / name.removeprefix("data/")
    found = sorted(DATA.rglob(name))
    assert len(found) == 1, f"'{name}' is not one file under data/: {found}"
    return found[0]


def stated_row_counts() -> list[tuple[str, int]]:
    text = readme()
    counts = re.findall(r"`([\w/]+\.csv)`[^\n()]*\(([\d,]+) rows", text)  # headings and bullets: `x.csv` ... (N rows
    counts += re.findall(r"^\| `([\w/]+\.csv)` \| ([\d,]+) \|", text, re.M)  # tables: | `x.csv` | N |
    return [(name, int(rows.replace(",", ""))) for name, rows in counts]


def test_the_readme_states_row_counts_for_every_shipped_table() -> None:
    stated = {data_file(name).relative_to(DATA).as_posix() for name, _ in stated_row_counts()}
    shipped = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*.csv")}
    assert shipped <= stated, f"no row count in data/README.md for {sorted(shipped - stated)}"


@pytest.mark.parametrize(("name", "rows"), stated_row_counts(), ids=[n for n, _ in stated_row_counts()])
def test_each_stated_row_count_is_the_file_s(name: str, rows: int) -> None:
    assert len(pd.read_csv(data_file(name), dtype=str, keep_default_na=False)) == rows, name


def section(heading: str) -> str:
    text = readme()
    start = text.index(heading)
    body = text.index("\n", start)
    end = re.search(r"^#{2,3} ", text[body:], re.M)
    return text[start : body + end.start()] if end else text[start:]


def table_columns(block: str) -> set[str]:
    """The columns a README table of columns names (`a`, `b` in its first cell; `_band_low` after `x_mean`)."""
    names: set[str] = set()
    for first in re.findall(r"^\| (`[^|]+) \|", block, re.M):
        cell = re.findall(r"`([^`]+)`", first)
        base = cell[0].removesuffix("_mean")
        names |= {base + n if n.startswith("_") else n for n in cell}
    return names


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("### `reads.csv`", "reads.csv"),
        ("### `realism.csv`", "realism.csv"),
        ("## `policy/cases.csv`", "policy/cases.csv"),
    ],
)
def test_each_table_of_columns_lists_the_file_s_columns(heading: str, name: str) -> None:
    columns = set(pd.read_csv(data_file(name), nrows=0).columns)
    assert table_columns(section(heading)) == columns


def bullet_columns() -> list[tuple[str, str]]:
    """Each bullet `- `file.csv`...: `col`, `col` ...` of the README, with its text (to the next bullet)."""
    return re.findall(r"^- `([\w/]+\.csv)`([^\n]*(?:\n  [^\n]*)*)", readme(), re.M)


@pytest.mark.parametrize(("name", "text"), bullet_columns(), ids=[n for n, _ in bullet_columns()])
def test_each_bulleted_file_names_every_column(name: str, text: str) -> None:
    folder = {"places.csv": "town/", "cameras.csv": "town/", "neighbourhoods.csv": "town/"}.get(name, "")
    if "/" not in name and not folder:
        folder = "answer_key/"
    columns = list(pd.read_csv(DATA / (folder + name if "/" not in name else name), nrows=0).columns)
    named = set(re.findall(r"`([^`]+)`", text))
    assert [c for c in columns if c not in named] == [], f"data/README.md's entry for {name} misses these columns"


def test_calibration_csv_s_columns_are_named() -> None:
    text = one_line(section("### `calibration.csv`"))
    columns = pd.read_csv(DATA / "calibration.csv", nrows=0).columns
    assert [c for c in columns if f"`{c}`" not in text] == []


def test_the_mosaic_table_lists_every_file_of_mosaic() -> None:
    listed = {n for n, _ in re.findall(r"^\| `(\w+\.csv)` \| (\d+) \|", section("## `mosaic/`"), re.M)}
    assert listed == {p.name for p in (DATA / "mosaic").glob("*.csv")}


def makefile_data_commands() -> list[str]:
    text = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^data:.*\n((?:\t.*\n)+)", text, re.M)
    assert recipe, "the Makefile has no data target"
    return [line.strip().replace("$(BIN)/python", "python") for line in recipe.group(1).splitlines()]


def test_the_make_data_block_is_the_makefile_s_data_target() -> None:
    text = readme()
    intro = re.search(r"with `make data`, which runs (\w+) commands:\s*```\n(.*?)```", text, re.S)
    assert intro, "data/README.md should list make data's commands in a code block"
    commands = [line.split("#")[0].strip() for line in intro.group(2).splitlines() if line.strip()]
    assert commands == makefile_data_commands()
    assert NUMBER_WORDS[intro.group(1)] == len(commands)


def named_paths() -> list[str]:
    """Every path the README names in backticks: data/..., a file under data/, or a file of the repository."""
    names = re.findall(r"`((?:data/)?[\w./-]+\.(?:csv|json|md|py))`", readme())
    return sorted({n for n in names if "<" not in n})


@pytest.mark.parametrize("name", named_paths())
def test_every_path_the_readme_names_exists(name: str) -> None:
    candidates = [ROOT / name, DATA / name.removeprefix("data/"), ROOT / "platetrails" / name]
    if "/" not in name:
        candidates += list(DATA.rglob(name))
    assert any(p.exists() for p in candidates), f"data/README.md names {name}, which does not exist"


def test_the_old_figures_of_before_the_last_regeneration_are_gone() -> None:
    """The outside check of issue #20 found 32 / 62 / 65.5% where the data gives 26 / 55 / 68.5%."""
    rows = [line for line in readme().splitlines() if line.startswith("| home within 1 block, all networks")]
    assert len(rows) == 3
    assert not any(old in " ".join(rows) for old in ("| 32% |", "| 62% |", "| 65.5% |"))
