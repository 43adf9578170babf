"""The shape of the package: the widget contract, one registry of networks, the answer key's door, the layers,
translation of every student-facing word, and typed text shown as text."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from pathlib import Path

import ipywidgets
import numpy as np
import pytest
from bs4 import BeautifulSoup

from platetrails import answer_key as truth
from platetrails import (
    cards,
    charts,
    data,
    evidence_catalogue,
    evidence_charts,
    guess_charts,
    hotlist,
    i18n,
    lab,
    maps,
    mosaic,
    networks,
    policy,
    privacy_charts,
    score_chart,
    sharing,
    sharing_map,
    style,
    untranslated,
    widgets,
)
from platetrails import facts as facts_module
from platetrails.build import generate
from platetrails.states import alerts, casework, coverage, memory, naming, picture, reading
from platetrails.states import evidence as stand_states
from platetrails.states import policy as policy_state
from platetrails.states import scale as scale_states
from platetrails.states import sharing as sharing_states
from platetrails.states import unicity as unicity_states
from platetrails.widgets import registry

PACKAGE = Path(__file__).resolve().parents[1] / "platetrails"


@pytest.fixture(scope="module")
def facts():
    return facts_module.load_facts()


@pytest.fixture(scope="module")
def cars(answer_key):
    return truth.case_plates(answer_key)


# --- The widget contract ------------------------------------------------------------------------


def every_state(town_data, key, facts, cars):
    """One state of every widget, built from the pure functions alone, with its draw and describe functions."""
    mosaic_data = picture.MosaicData(town_data, key)
    states = [
        (reading.compute_tour(town_data, networks.names()), maps.draw_tour, reading.describe_tour),
        (reading.compute_read_card(town_data, 3), cards.draw_read_card, reading.describe_read_card),
        (
            reading.compute_camera_day(reading.CameraIndex(town_data), "CITY-09", 1),
            charts.draw_camera_day,
            reading.describe_camera_day,
        ),
        (
            alerts.compute_alert(town_data, "Car A", cars["Car A"], 2, 9, ["city_fixed"]),
            maps.draw_alert,
            alerts.describe_alert,
        ),
        (
            alerts.compute_hit_rate(alerts.HotListData(town_data, facts), 3),
            charts.draw_hit_rate,
            alerts.describe_hit_rate,
        ),
        (alerts.compute_misread(town_data, cars["Car C"], 2.0), cards.draw_misread, alerts.describe_misread),
        (
            casework.compute_case(
                casework.CaseData(town_data, facts), "Car A", cars["Car A"], next(iter(casework.DELAYS))
            ),
            charts.draw_case,
            casework.describe_case,
        ),
        (
            picture.compute_mosaic(mosaic_data, "Car A", days=14, networks=networks.names(), reveal=True),
            maps.draw_mosaic,
            picture.describe_mosaic,
        ),
        (
            scale_states.compute_realism(data.read_table("realism.csv"), "Seattle-like", 91),
            guess_charts.draw_realism,
            scale_states.describe_realism,
        ),
        (
            unicity_states.compute_singled_out(unicity_states.PublicData(town_data, cars, facts), "coarse", "Car B", 7),
            privacy_charts.draw_singled_out,
            unicity_states.describe_singled_out,
        ),
        (
            sharing_states.compute_sharing_map(sharing_data(town_data, key, cars), sharing.Switches.story(2)),
            sharing_map.draw_sharing_map,
            sharing_states.describe_sharing_map,
        ),
        (
            policy_state.compute_policy_score(
                policy.PolicyData(town_data, policy.load_cases()), "21 days", who_may_query="in_state"
            ),
            score_chart.draw_policy_score,
            policy_state.describe_policy_score,
        ),
        (
            memory.compute_memory(
                memory.MemoryData(town_data, cars, facts, truth.case_places(key, town_data.places)),
                "Car A",
                "law:Vermont",
            ),
            privacy_charts.draw_memory,
            memory.describe_memory,
        ),
        (
            naming.compute_named(naming.NamedData(town_data, cars), "Car A", 28),
            privacy_charts.draw_named,
            naming.describe_named,
        ),
        (
            coverage.compute_camera_line(
                coverage.LineData(truth.load_candidate_trips(), facts), coverage.ALL_SIX, 4, 12
            ),
            privacy_charts.draw_camera_line,
            coverage.describe_camera_line,
        ),
        (
            stand_states.compute_stand(
                evidence_catalogue.EvidenceCatalogue(town_data, facts, key, cars),
                "strict_limits",
                ["town_alerts", "retention", "town_labels", "ice_sharing"],
                "My reasoning.",
                "My rebuttal.",
            ),
            evidence_charts.draw_stand,
            stand_states.describe_stand,
        ),
        (
            stand_states.compute_evidence(
                evidence_catalogue.EvidenceCatalogue(town_data, facts, key, cars), "ice_sharing"
            ),
            evidence_charts.draw_evidence,
            stand_states.describe_evidence,
        ),
    ]
    return states + registered_states(states, {"town": town_data, "key": key, "facts": facts, "cars": cars})


def registered_states(states: list, made: dict) -> list:
    """A state of each registered widget the list above does not draw, built from its registry line alone
    (lab.build_widget), so a new widget is checked here with no edit to this file."""
    drawn = {draw for _state, draw, _describe in states}
    out = []
    for name in registry.names():
        cls = getattr(widgets, name)
        if cls.draw not in drawn:
            built = lab.build_widget(name, made)
            out.append((built.state, cls.draw, cls.describe))
    return out


_sharing_data = {}


def sharing_data(town_data, key, cars):
    """Notebook 04's precomputed flows, built once per test session."""
    if "data" not in _sharing_data:
        _sharing_data["data"] = sharing_states.SharingData(town_data, key, 5, cars)
    return _sharing_data["data"]


def test_every_widget_state_is_frozen_and_draws_and_speaks_from_the_state_alone(
    town_data, answer_key, facts, cars
) -> None:
    states = every_state(town_data, answer_key, facts, cars)
    drawn = {draw for _state, draw, _describe in states}
    assert {getattr(widgets, name).draw for name in registry.names()} <= drawn
    for state, draw, describe in states:
        assert dataclasses.is_dataclass(state) and type(state).__dataclass_params__.frozen, type(state)
        assert hasattr(state, "message")
        fig = draw(state)
        assert fig.axes and style.description_of(fig), type(state)
        assert isinstance(describe(state), str)
        with pytest.raises(dataclasses.FrozenInstanceError):
            state.message = "changed"


def test_states_and_figures_need_no_ipywidgets() -> None:
    code = (
        "import platetrails.states.reading, platetrails.states.alerts, platetrails.states.picture, "
        "platetrails.maps, platetrails.charts, platetrails.cards, platetrails.scoring, platetrails.states.sharing, "
        "platetrails.sharing_map, platetrails.sharing_tables, platetrails.guess_charts, platetrails.privacy_charts, "
        "platetrails.score_chart, platetrails.evidence_charts, sys; "
        "print('ipywidgets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- One registry of widgets -------------------------------------------------------------------


def widget_classes_in_the_source() -> set[str]:
    """Every LabWidget subclass defined in platetrails/widgets/, read from the source."""
    found = set()
    for path in (PACKAGE / "widgets").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and any(ast.unparse(b) == "LabWidget" for b in node.bases):
                found.add(node.name)
    return found


def test_one_widget_registry_is_what_the_package_exports_and_the_benchmarks_time() -> None:
    from benchmarks import run as bench

    names = registry.names()
    assert len(names) == len(set(names)) and set(names) == widget_classes_in_the_source()
    assert set(widgets.__all__) == {"LabWidget", *names}
    for entry in registry.WIDGETS:
        assert getattr(widgets, entry.name).__module__ == f"platetrails.widgets.{entry.module}"
        assert any(NOTEBOOKS.glob(f"{entry.notebook}_*.ipynb")), entry
    assert set(bench.TIMED) <= set(names), "TIMED names only registered widgets"


def test_every_registered_widget_is_built_from_its_registry_line_alone(
    town_data, answer_key, facts, cars, tmp_path, monkeypatch
) -> None:
    """A new widget is one registry line: lab.build_widget makes each on the class data, the state test draws it
    (registered_states) and `make bench` times it by moving each of its controls (bench.control_changes)."""
    from benchmarks import run as bench

    monkeypatch.setenv("PLATETRAILS_STAND_DIR", str(tmp_path))  # the stand widget saves nothing in the checkout
    made = {"town": town_data, "key": answer_key, "facts": facts, "cars": cars}
    for name in registry.names():
        built = lab.build_widget(name, made)
        assert type(built).__name__ == name and built.error is None and built.state is not None, name
    tour = lab.build_widget("NetworkTour", made)
    changes = bench.control_changes(tour)
    boxes = {control for control in tour.controls if isinstance(control, ipywidgets.Checkbox)}
    assert boxes and {control for _name, control, _value in changes} == boxes  # every box moved, nothing else
    held = {id(box): box.value for box in boxes}
    for _name, control, value in changes:  # every change is a real change of value
        assert value != held[id(control)]
        held[id(control)] = value
    timings = bench.time_changes(tour, changes)
    assert sum(len(t) for t in timings.values()) == len(changes) and tour.error is None
    with pytest.raises(ValueError, match="lab.INPUTS"):
        registry_line = registry.Entry("Imagined", "tour", "00", ("a_table_no_one_makes",))
        monkeypatch.setattr(registry, "WIDGETS", (*registry.WIDGETS, registry_line))
        lab.build_widget("Imagined", made)


# --- One registry of networks -------------------------------------------------------------------

CAMPUS = networks.Network(
    name="campus_fixed",
    label="Campus cameras",
    description="College security cameras",  # i18n: ok
    owner="Alder Falls Community College",
    kind="fixed",
    capture=0.9,
    color="#000000",
    marker="X",
    hatch="++",
    cameras=(("CAMPUS-01", 7, 10, "College car park"), ("CAMPUS-02", 6, 9, "Gym corner")),
    party=networks.POLICE,  # run by the town's police, shared by the city's switch
    sharing=networks.switch_from(networks.POLICE).code,
    collects=True,
    phrase="the campus cameras",
)
TOW = networks.Network(
    name="tow_fleet",
    label="Tow trucks (private)",
    description="A towing company's trucks that read parked cars at night",  # i18n: ok
    owner="Falls Towing",
    kind="mobile",
    capture=0.3,
    color="#999999",
    marker="v",
    units=("TOW-1",),
    unit_label="tow truck",
    schedule=networks.NightSweeps(per_night=2, window_minutes=(22 * 60, 26 * 60), weights={"Riverside": 1.0}),
    party="tow_company",  # a new owner with a switch of its own
    sharing="tow_uploads",
    collects=True,
    phrase="the tow trucks",
)
TOWING = networks.Party("tow_company", "Falls Towing", "owner")
TOW_UPLOADS = networks.Switch(
    "tow_uploads", "The towing company uploads", "tow_company", networks.database().code, True, "its contract", "it"
)


def test_a_fifth_network_is_one_edit_and_everything_picks_it_up(tmp_path: Path) -> None:
    with networks.registered(CAMPUS, TOW, TOWING, TOW_UPLOADS):
        generate.write(generate.simulate(5, 60, 7), tmp_path)
        town = data.load_town(tmp_path)
        assert {"campus_fixed", "tow_fleet"} <= set(town.reads.network.astype(str))
        assert set(town.cameras[town.cameras.network == "tow_fleet"].kind) == {"mobile"}
        assert town.meta["networks"]["campus_fixed"] == "College security cameras"
        analyst = mosaic.Analyst(town)
        assert analyst.s.network_names[-2:] == ["campus_fixed", "tow_fleet"]
        towed = town.reads[town.reads.network == "tow_fleet"].plate.iloc[0]
        assert analyst.profile(towed, 7, ["tow_fleet"]).sightings > 0
        legend = maps.town_map(town).axes[0].get_legend()
        assert "Campus cameras" in [t.get_text() for t in legend.get_texts()]
        tour = widgets.NetworkTour(town)
        assert set(tour.boxes) == set(networks.names()) and "tow_fleet" in tour.boxes
        tour.boxes["tow_fleet"].value = False
        assert "tow_fleet" not in tour.state.networks and tour.error is None
        assert "campus_fixed" in hotlist.scans_by_neighbourhood(town).columns
        # Notebook 05's policy scoreboard: a box for each new collecting network, and the rules follow it.
        board = widgets.PolicyScoreboard(policy.PolicyData(town, policy.load_cases()), 10)
        assert list(board.network_boxes) == networks.collecting() and list(board.network_boxes)[-2:] == [
            "campus_fixed",
            "tow_fleet",
        ]
        assert board.state.policy.networks[-2:] == ("campus_fixed", "tow_fleet") and board.error is None
        kept = board.state.outcome.breach_reads
        board.network_boxes["tow_fleet"].value = False
        assert board.state.policy.networks[-1] == "campus_fixed" and board.state.outcome.breach_reads < kept
        # Notebook 04's sharing map: the new owner's box, reads and switch, and the campus under the city's switch.
        key = truth.load_answer_key(tmp_path)
        shared = widgets.SharingMap(sharing_states.SharingData(town, key, 5, truth.case_plates(key)))
        assert list(shared.boxes) == networks.switch_codes() and "tow_uploads" in shared.boxes
        s = shared.data.model.analyst.s

        def sightings(nets: list[str]) -> int:
            return int(np.isin(s.network, [s.network_names.index(n) for n in nets]).sum())

        held = {code: (n, seen) for code, n, seen in shared.state.reads_by_party}
        assert held["tow_company"] == (sightings(["tow_fleet"]),) * 2 and held["tow_company"][0] > 0  # switch on
        assert ("tow_uploads", "tow_company", networks.database().code, True) in shared.state.flows
        assert held[networks.POLICE][0] == sightings(["city_fixed", "city_patrol", "campus_fixed"])
        shared.boxes["tow_uploads"].value = False
        held = {code: seen for code, _n, seen in shared.state.reads_by_party}
        assert held["tow_company"] == 0 and "tow_fleet" not in sharing.visible_networks(shared.state.switches)
        assert shared.error is None and shared.png
        assert "of 4 owners send reads" in style.description_of(shared.figure)
    assert "tow_fleet" not in networks.names() and "tow_uploads" not in networks.switch_codes()


def test_the_registry_order_sets_the_codes_and_every_network_is_drawable() -> None:
    names = networks.names()
    assert names == ["city_fixed", "city_patrol", "repo_fleet", "county_fixed"]
    for net in networks.all_networks():
        assert net.kind in ("fixed", "mobile") and 0 < net.capture <= 1
        assert bool(net.cameras) != net.mobile and bool(net.units) == net.mobile
    assert len({n.color for n in networks.all_networks()}) == len(names)
    assert len({n.marker for n in networks.all_networks()}) == len(names)


# --- The answer key's door ----------------------------------------------------------------------


def test_the_public_loader_cannot_return_the_answer_key() -> None:
    assert not any(name.startswith("answer_key") for name in data.SCHEMAS)
    for name in truth.SCHEMAS:
        with pytest.raises(ValueError, match="not a public file"):
            data.read_table(f"answer_key/{name}")
    town = data.load_town()
    columns = {c for table in (town.reads, town.cameras, town.places) for c in table.columns}
    assert not columns & {"owner_name", "vehicle_id", "true_plate", "home_x", "story"}


def test_a_damaged_answer_key_file_gets_the_plain_message(tmp_path: Path) -> None:
    generate.write(generate.simulate(3, 12, 2), tmp_path)
    (tmp_path / "answer_key" / "vehicles.csv").write_text("nonsense\n")
    with pytest.raises(data.DataFileError, match="vehicles.csv.*make data"):
        truth.load_answer_key(tmp_path)


# --- Layers: each may import only the layers it names ------------------------------------------
# A module's layer is found from its first dotted part (platetrails/build/*.py are all "build").
# The analysis works from the public reads alone: it never imports the simulator or the answer key; only the
# grading layer (the analysis scored against the truth), the build scripts, the states and widgets of a
# "reveal" step and the notebook's set-up see the key. Figures draw states; pages write files.

LAYERS = {
    "base": {"i18n", "rounding", "local_format", "palette"},
    "tools": {
        "catalogue",
        "markdown_catalogue",
        "markdown_parts",
        "untranslated",
        "facts_check",
    },  # maintainers' commands, never imported by the lab
    "world": {"networks", "town", "plates", "data", "facts", "audit_rules"},
    "simulator": {"routines", "case_residents", "day_plans", "traffic"},
    "answer key": {"answer_key"},
    "analysis": {
        "mosaic",
        "hotlist",
        "unicity",
        "sharing",
        "audit_log",
        "policy",
        "policy_rules",
        "policy_words",
        "memory",
        "naming",
        "coverage",
        "positions",
        "evidence",
        "sourced_evidence",
        "position_file",
    },
    "grading": {"scoring", "town_evidence", "evidence_catalogue"},
    "build": {"build"},
    "states": {"states", "questions"},  # questions: what the data shows for a prediction, from the states
    "figures": {
        "style",
        "maps",
        "charts",
        "guess_charts",
        "privacy_charts",
        "score_chart",
        "cards",
        "tables",
        "sharing_map",
        "sharing_tables",
        "evidence_charts",
        "class_policy",
    },
    "pages": {"position_page"},
    "widgets": {"widgets"},
    "notebook": {"lab", "presenting", "plain_errors"},
}
BELOW_THE_STATES = {"base", "world", "analysis", "answer key", "grading"}
MAY_IMPORT = {
    "base": {"base"},
    "tools": {"base", "world", "tools"},
    "world": {"base", "world"},
    "simulator": {"base", "world", "simulator"},
    "answer key": {"base", "world", "answer key"},
    "analysis": {"base", "world", "analysis"},
    "grading": {"base", "world", "analysis", "answer key", "grading"},
    "build": {"base", "world", "simulator", "answer key", "analysis", "grading", "build"},
    "states": BELOW_THE_STATES | {"states"},
    "figures": {"base", "world", "analysis", "states", "figures"},
    "pages": {"base", "world", "analysis", "states", "figures", "pages"},
    "widgets": BELOW_THE_STATES | {"states", "figures", "pages", "widgets"},
    "notebook": set(LAYERS) - {"simulator", "tools"},
}
MAY_OPEN_THE_ANSWER_KEY = {
    "answer_key",
    "build.generate",
    "build.directory_and_sites",
    "build.horizon",
    "build.class_tables",
    "build.realism",
    "build.seed_ranges",
    "build.headline",
    "scoring",
    "town_evidence",
    "evidence_catalogue",
    "states.picture",
    "states.sharing",
    "questions",
    "widgets.picture",
    "lab",
}


def type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of import nodes under `if TYPE_CHECKING:`: names for type hints, never run, so in no layer."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            found |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return found


def module_imports() -> dict[str, set[str]]:
    """Each module of the package (dotted, without 'platetrails.') and the package modules it imports."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        tree = ast.parse(path.read_text())
        hints = type_checking_only(tree)
        deps = set()
        for node in ast.walk(tree):
            if id(node) in hints:
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("platetrails"):
                base = node.module.removeprefix("platetrails").lstrip(".")
                if base:
                    deps.add(base)
                else:
                    deps |= {alias.name for alias in node.names}
            elif isinstance(node, ast.Import):
                deps |= {a.name.removeprefix("platetrails.") for a in node.names if a.name.startswith("platetrails.")}
        found[name] = deps
    return found


def layer_of(module: str) -> str:
    top = module.split(".")[0]
    for layer, members in LAYERS.items():
        if top in members:
            return layer
    raise AssertionError(f"platetrails/{top}.py is in no layer: add it to LAYERS in tests/test_structure.py")


def layer_breaks(imports: dict[str, set[str]]) -> list[str]:
    """Every import that points to a layer its module's layer may not import."""
    broken = []
    for module, deps in sorted(imports.items()):
        if not module or module in ("__init__", "build", "states", "widgets"):  # the packages' own docstrings
            continue
        mine = layer_of(module)
        broken += [
            f"{module} ({mine}) imports {d} ({layer_of(d)})" for d in deps if layer_of(d) not in MAY_IMPORT[mine]
        ]
    return broken


def test_every_layer_is_named_and_may_import_itself() -> None:
    assert set(MAY_IMPORT) == set(LAYERS)
    assert all(layer in allowed for layer, allowed in MAY_IMPORT.items())
    assert {"world", "simulator", "build", "analysis", "states", "figures", "widgets"} <= set(LAYERS)


def test_imports_only_point_down_the_layers() -> None:
    imports = module_imports()
    assert {"mosaic", "maps", "widgets.base", "states.picture", "build.generate"} <= set(imports)  # all were read
    assert layer_breaks(imports) == []


def test_the_layer_test_fails_when_the_analysis_sees_the_simulation_or_the_truth() -> None:
    assert layer_breaks({"mosaic": {"routines"}}) == ["mosaic (analysis) imports routines (simulator)"]
    assert layer_breaks({"hotlist": {"answer_key"}}) == ["hotlist (analysis) imports answer_key (answer key)"]
    assert layer_breaks({"unicity": {"build.generate"}}) == ["unicity (analysis) imports build.generate (build)"]
    assert layer_breaks({"maps": {"widgets.base"}}) and layer_breaks({"charts": {"scoring"}})
    assert layer_breaks({"states.memory": {"traffic"}}) and layer_breaks({"data": {"mosaic"}})


# --- Rooms named by subject ---------------------------------------------------------------------
# A module is named for what it holds, never for the notebook that uses it: no part of a module's name (split
# at "_") may be a word of a notebook's title that names that notebook rather than a subject. The title words
# kept as subjects are listed with what they name; common words are skipped.
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
COMMON_WORDS = {"the", "a", "what", "who", "here", "start", "take", "sees"}
SUBJECT_WORDS = {
    "mosaic": "the mosaic effect, modelled by mosaic.Analyst",
    "policy": "policy rules and their model",
    "lab": "lab.py, the first cell of every notebook of the lab",
}
MOST_LINES = 450


def notebook_title_words() -> set[str]:
    words = set()
    for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"):
        words |= set(path.stem.split("_")[1:])
    return words - COMMON_WORDS - set(SUBJECT_WORDS)


def test_no_module_is_named_after_a_notebook() -> None:
    banned = notebook_title_words()
    assert {"anyway", "public", "stand", "shares", "reader"} <= banned  # the titles were read
    for path in PACKAGE.rglob("*.py"):
        for part in path.relative_to(PACKAGE).with_suffix("").parts:
            words = set(part.split("_"))
            assert not words & banned, f"platetrails/{path.relative_to(PACKAGE)} is named after a notebook"
            assert not any(w.startswith(("nb", "notebook")) or w.isdigit() for w in words), path


def test_no_module_is_over_450_lines() -> None:
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text().splitlines()) for p in PACKAGE.rglob("*.py")}
    assert len(sizes) > 60
    assert {name: n for name, n in sizes.items() if n > MOST_LINES} == {}


def test_only_scoring_reveal_and_set_up_open_the_answer_key() -> None:
    for module, deps in module_imports().items():
        if "answer_key" in deps:
            assert module in MAY_OPEN_THE_ANSWER_KEY, f"{module} opens the answer key"
    assert "answer_key" not in module_imports()["mosaic"]


# The door's call sites: only the door and the generator name the folder; only the door, the grader (scoring) and
# the build scripts read the key's tables; everything else is handed an AnswerKey and asks the door's functions.
KEY_TABLES = {f.name for f in dataclasses.fields(truth.AnswerKey)}
NAMES_THE_FOLDER = {"answer_key", "build.generate"}
READS_THE_TABLES = {"answer_key", "scoring"}  # and the build scripts
LOADS_THE_KEY = {"answer_key"}  # and the build scripts


def package_trees() -> dict[str, ast.Module]:
    """Each module of the package (dotted, without 'platetrails.') and its syntax tree."""
    return {
        ".".join(path.relative_to(PACKAGE).with_suffix("").parts): ast.parse(path.read_text())
        for path in PACKAGE.rglob("*.py")
    }


def docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def last_name(node: ast.expr) -> str:
    """'key' for key, self.key and data.key; '' for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def test_only_the_door_and_the_generator_spell_the_answer_key_folder() -> None:
    for module, tree in package_trees().items():
        skip = docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                parts = node.value.replace("\\", "/").split("/")
                if "answer_key" in parts and module not in NAMES_THE_FOLDER:
                    raise AssertionError(f"{module} spells the answer key's folder: ask answer_key.FOLDER or its door")


def test_every_answer_key_a_module_is_handed_is_typed_and_read_only_through_the_door() -> None:
    for module, tree in package_trees().items():
        builder = module.startswith("build.")
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for arg in node.args.args + node.args.kwonlyargs:
                    if arg.arg == "key":
                        hint = ast.unparse(arg.annotation) if arg.annotation else ""
                        assert hint and hint != "Any", f"{module}.{node.name}: the parameter 'key' has no type"
            if isinstance(node, ast.Attribute) and node.attr in KEY_TABLES and last_name(node.value) == "key":
                assert builder or module in READS_THE_TABLES, (
                    f"{module} reads key.{node.attr}: ask a function of answer_key"
                )
            if isinstance(node, ast.Call) and last_name(node.func) == "load_answer_key":
                assert builder or module in LOADS_THE_KEY, f"{module} loads the answer key: use answer_key.class_key()"
            if isinstance(node, ast.Call) and last_name(node.func) == "AnswerKey":
                assert module == "answer_key", f"{module} builds an AnswerKey: use answer_key.from_vehicles"


def test_a_notebook_loads_the_answer_key_once(monkeypatch, town_data) -> None:
    from platetrails import lab

    loads = []
    real = truth.load_answer_key
    monkeypatch.setattr(truth, "load_answer_key", lambda *a: loads.append(a) or real(*a))
    truth._loaded_once.cache_clear()
    try:
        for _ in range(3):  # notebook 04 asks three times
            assert lab.case_plates()["Car A"]
        lab.case_places(town_data)
        assert lab.answer_key() is lab.answer_key()
        assert len(loads) == 1
    finally:
        truth._loaded_once.cache_clear()


# --- Translation --------------------------------------------------------------------------------


def test_no_student_facing_text_bypasses_the_translation_function() -> None:
    found = {module: hits for module, hits in untranslated.untranslated_in_package(PACKAGE).items() if hits}
    assert found == {}


def test_the_spanish_catalogue_switches_a_widget_to_spanish(town_data) -> None:
    with i18n.using_language("es"):
        tour = widgets.NetworkTour(town_data)
        assert tour.sentence.startswith("22 cámaras fijas y 6 autos con cámara registran")
        assert tour.boxes["city_fixed"].description == "Cámaras fijas de la ciudad"
        tour.boxes["city_fixed"].value = False
        assert "4 cámaras fijas" in tour.summary.value
    assert widgets.NetworkTour(town_data).sentence.startswith("22 fixed cameras and 6 camera cars")


# --- Typed text is shown as text ----------------------------------------------------------------

INJECTIONS = [
    "<h1>HACKED</h1>",
    "<marquee>hi</marquee>",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<b>bold</b> & <i>x</i>",
]


def assert_shown_as_text(html: str, typed: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    tags = {tag.name for tag in soup.find_all(True)}
    own = {"p", "b", "details", "summary"}  # the adapter's own: paragraphs, a bold message, the "more" fold
    assert tags <= own, f"typed text made the tags {tags - own}"
    if html:
        assert typed.strip()[:20] in soup.get_text() or "look like a plate" in soup.get_text()


@pytest.mark.parametrize("typed", INJECTIONS)
def test_html_typed_in_the_mosaic_plate_box_is_shown_as_text(town_data, answer_key, typed: str) -> None:
    explorer = widgets.MosaicExplorer(town_data, answer_key)
    explorer.plate_box.value = typed
    assert explorer.car.value == picture.TYPED and explorer.error is None
    assert_shown_as_text(explorer.message.value, typed)
    assert_shown_as_text(explorer.summary.value, typed)


@pytest.mark.parametrize("typed", INJECTIONS)
def test_html_typed_in_the_misread_plate_box_is_shown_as_text(town_data, cars, typed: str) -> None:
    widget = widgets.MisreadCost(town_data, cars["Car C"])
    widget.plate_box.value = typed
    assert widget.error is None and widget.state.plate is None
    assert_shown_as_text(widget.message.value, typed)
    assert_shown_as_text(widget.summary.value, typed)


# --- Readable from the back row -----------------------------------------------------------------


def every_figure(town_data, key, facts, cars):
    from platetrails import scoring

    figures = [draw(state) for state, draw, _describe in every_state(town_data, key, facts, cars)]
    analyst = mosaic.Analyst(town_data)
    shares = scoring.share_within(analyst, key, [1, 28])
    figures += [
        guess_charts.class_picture(shares, "home"),
        guess_charts.class_picture(shares, "work"),
        guess_charts.work_chart(shares),
    ]
    figures.append(guess_charts.labels_chart(scoring.label_truth(analyst, key, 28, networks.names())))
    figures.append(guess_charts.missed_chart(scoring.missed_by_routine(analyst, key, 28, networks.names())))
    realism = data.read_table("realism.csv")
    for level in ("town", "Seattle-like"):
        figures.append(guess_charts.draw_realism(realism_state(realism, level)))
    figures += [charts.scans_chart(hotlist.scans_by_neighbourhood(town_data)), charts.retention_chart(facts)]
    figures.append(maps.town_map(town_data))
    figures.append(sharing_map.scenarios_chart(sharing_data(town_data, key, cars).scenario_table()))
    figures.append(sharing_map.degree_chart(sharing.load_degrees()))
    catalogue = evidence_catalogue.EvidenceCatalogue(town_data, facts, key, cars)
    every_piece = stand_states.compute_stand(catalogue, "ban", catalogue.ids())
    figures.append(evidence_charts.draw_stand(every_piece, pixels=False))  # the pasted line and its labels, as vectors
    figures += [evidence_charts.draw_evidence(stand_states.compute_evidence(catalogue, i)) for i in catalogue.ids()]
    background, ax = maps.new_map("the static town")
    maps.draw_town(ax, town_data)  # the layer every map pastes underneath, drawn as vectors to check its text
    figures.append(background)
    return figures


def drawn_texts(fig):
    """The texts a reader sees: visible, not empty, and not part of an axis that is switched off."""
    from matplotlib.text import Text

    hidden = set()
    for ax in fig.axes:
        if not ax.axison:  # a map: its axes are switched off, and the streets are labelled on the map
            hidden |= set(ax.xaxis.findobj(Text)) | set(ax.yaxis.findobj(Text))
            continue
        for axis in (ax.xaxis, ax.yaxis):  # matplotlib keeps ticks outside the view, but does not draw them
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    hidden |= {tick.label1, tick.label2}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and t not in hidden]


def realism_state(realism, level):
    from platetrails.states.scale import compute_realism

    return compute_realism(realism, level, 28)


def test_every_text_on_every_figure_is_at_least_18_px_inside_the_picture_and_no_figure_is_too_wide(
    town_data, answer_key, facts, cars
) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for fig in every_figure(town_data, answer_key, facts, cars):
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        assert fig.get_figwidth() * fig.dpi <= style.WIDTH_PX + 1
        box = fig.bbox.padded(2)
        cut = [
            t.get_text()[:30]
            for t in drawn_texts(fig)
            if not (
                box.contains(*t.get_window_extent(renderer).min) and box.contains(*t.get_window_extent(renderer).max)
            )
        ]
        assert cut == [], f"{style.description_of(fig)[:60]}: text cut off at the edge: {cut[:5]}"
        small = [
            (t.get_text(), round(style.pixels(t.get_fontsize(), fig.dpi), 1))
            for t in drawn_texts(fig)
            if style.pixels(t.get_fontsize(), fig.dpi) < style.MIN_PX
        ]
        assert small == [], f"{style.description_of(fig)[:60]}: text below {style.MIN_PX} px: {small[:5]}"
