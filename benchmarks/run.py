"""`make bench`: how fast the widgets answer and how long each notebook takes, on the class data set.

Widget update time is measured from setting a control until the widget has recomputed its state,
drawn the figure and encoded the PNG it sends to the browser, over every control. Notebook time is compared, in the same
run, with a notebook that only starts a kernel and imports the same libraries.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from platetrails import (
    answer_key,
    data,
    evidence_catalogue,
    facts,
    i18n,
    lab,
    mosaic,
    policy,
    positions,
    scoring,
    widgets,
)
from platetrails.states.picture import TYPED  # noqa: E402
from platetrails.states.sharing import SharingData  # noqa: E402
from platetrails.widgets import registry  # noqa: E402

ARTIFACTS = Path(os.environ.get("PLATETRAILS_ARTIFACTS", Path(tempfile.gettempdir()) / "platetrails-artifacts"))
IMPORT_ONLY = """
import matplotlib.pyplot, pandas, numpy, ipywidgets
from platetrails import lab, maps, mosaic, style, widgets
"""


def time_changes(widget, changes: list[tuple[str, object, object]]) -> dict[str, list[float]]:
    """Apply each (name, control, value) change and time it until the PNG is ready."""
    timings: dict[str, list[float]] = {}
    for name, control, value in changes:
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            if value == "click":
                control.click()
            else:
                control.value = value
        timings.setdefault(name, []).append(time.perf_counter() - start)
        assert widget.error is None, widget.error
    return timings


def mosaic_changes(ex: widgets.MosaicExplorer) -> list[tuple[str, object, object]]:
    changes: list[tuple[str, object, object]] = []
    for days in list(range(1, 29)) + list(range(27, 0, -3)):
        changes.append(("days slider", ex.days, days))
    for value in [v for _, v in ex.car.options if v != TYPED] * 2:
        changes.append(("car menu", ex.car, value))
    for _ in range(2):
        for net, box in ex.network_boxes.items():
            changes += [(f"network box ({net})", box, False), (f"network box ({net})", box, True)]
    for _ in range(5):
        changes += [("colour toggle", ex.colour, "network"), ("colour toggle", ex.colour, "time")]
        changes += [("reveal box", ex.reveal, True), ("reveal box", ex.reveal, False)]
        changes.append(("random button", ex.new_random, "click"))
    changes.append(("car menu", ex.car, TYPED))
    for typed in [
        ex.data.case_plates["Car B"],
        "  " + ex.data.case_plates["Car C"].lower(),
        "nonsense!",
        "",
        "0AAA000",
    ] * 2:
        changes.append(("plate box", ex.plate_box, typed))
    return changes


def tour_changes(tour: widgets.NetworkTour) -> list[tuple[str, object, object]]:
    changes = []
    for _ in range(5):
        for net, box in tour.boxes.items():
            changes += [(f"network box ({net})", box, False), (f"network box ({net})", box, True)]
    return changes


def reader_changes(ws: dict) -> list[tuple[str, object, object]]:
    changes: list[tuple[str, object, object]] = []
    day, alert, rate, misread, card = (
        ws["CameraDay"],
        ws["AlertFinder"],
        ws["HitRate"],
        ws["MisreadCost"],
        ws["ReadCard"],
    )
    for cam in [c for _, c in day.camera.options][::3]:
        changes.append(("CameraDay camera", day.camera, cam))
    for d in range(0, 28, 3):
        changes.append(("CameraDay day", day.day, d))
    for hour in range(0, 24, 2):
        changes.append(("AlertFinder hour", alert.hour, hour))
    for plate in [p for _, p in alert.car.options]:
        changes.append(("AlertFinder car", alert.car, plate))
    for box in alert.boxes.values():
        changes += [("AlertFinder network box", box, not box.value), ("AlertFinder network box", box, box.value)]
    for size in list(range(0, 11)) + [1]:
        changes.append(("HitRate slider", rate.size, size))
    for r in [0.5, 1.0, 3.0, 5.0, 2.0]:
        changes.append(("MisreadCost slider", misread.rate, r))
    for typed in ["", "??", misread.plate_box.value]:
        changes.append(("MisreadCost plate box", misread.plate_box, typed))
    for _ in range(5):
        changes.append(("ReadCard button", card.button, "click"))
    case = ws["CaseSearch"]
    for plate in [p for _, p in case.car.options][1:] + [case.car.options[0][1]]:
        changes.append(("CaseSearch car", case.car, plate))
    for delay in [v for _, v in case.delay.options][1:] + [case.delay.options[0][1]]:
        changes.append(("CaseSearch delay", case.delay, delay))
    return changes


def singled_out_changes(widget: widgets.SingledOut) -> list[tuple[str, object, object]]:
    """Every car, every number of days and both levels, three times round; each change is a real change of value."""
    cars = [v for _, v in widget.car.options]
    days = [v for _, v in widget.days.options]
    changes: list[tuple[str, object, object]] = []
    for _ in range(3):
        changes += [("car menu", widget.car, car) for car in cars[1:] + cars[:1]]
        changes += [("days slider", widget.days, d) for d in days[:-1][::-1] + days[-1:]]
        changes += [("level toggle", widget.level, "coarse"), ("level toggle", widget.level, "exact")]
    return changes


def sharing_changes(widget: widgets.SharingMap) -> list[tuple[str, object, object]]:
    """Each switch off and on again, and every number of years back, three times round."""
    changes: list[tuple[str, object, object]] = []
    for _ in range(3):
        for code, box in widget.boxes.items():
            changes += [(f"switch ({code})", box, not box.value), (f"switch ({code})", box, box.value)]
        years = [v for _, v in widget.years.options]
        changes += [("years slider", widget.years, y) for y in years[:-1][::-1] + years[-1:]]
    return changes


def policy_changes(board: widgets.PolicyScoreboard) -> list[tuple[str, object, object]]:
    """Every retention option, every rule and both assumptions, twice round; each change is a real change of value."""
    changes: list[tuple[str, object, object]] = []
    options = [v for _, v in board.retention.options]
    for _ in range(2):
        changes += [("retention slider", board.retention, v) for v in options[::-1][1:] + options[-1:]]
        changes += [("hits-only box", board.hits_only, True), ("hits-only box", board.hits_only, False)]
        for group, menu in board.who.items():  # each group's menu round to "may search" again
            changes += [(f"who menu ({group})", menu, v) for _, v in menu.options[1:] + menu.options[:1]]
        changes += [
            ("old-reads menu", board.history, v) for _, v in board.history.options[1:] + board.history.options[:1]
        ]
        changes += [("audit box", board.audit, True), ("audit box", board.audit, False)]
        for net, box in board.network_boxes.items():
            changes += [(f"network box ({net})", box, False), (f"network box ({net})", box, True)]
        changes += [("look-back menu", board.look_back, v) for _, v in board.look_back.options[::-1]]
        changes += [("look-back menu", board.look_back, "2 weeks")]
        changes += [("warrant slider", board.warrant_days, d) for d in (5, 10, 1, 3)]
        changes += [("start-from menu", board.start_from, v) for _, v in board.start_from.options[1:]]
        changes += [("start-from menu", board.start_from, "")]
    return changes


def public_anyway_changes(ws: dict) -> list[tuple[str, str, object, object]]:
    """Notebook 03's other widgets: every car and every memory choice; every car, days and camera count."""
    corner, name, line = ws["CornerOrNetwork"], ws["HomeToName"], ws["CameraLine"]
    changes: list[tuple[str, str, object, object]] = []
    for _ in range(2):
        changes += [
            ("CornerOrNetwork", "car menu", corner.car, v) for _l, v in corner.car.options[1:] + corner.car.options[:1]
        ]
        changes += [
            ("CornerOrNetwork", "memory menu", corner.memory, v)
            for _l, v in corner.memory.options[1:] + corner.memory.options[:1]
        ]
        changes += [("HomeToName", "car menu", name.car, v) for _l, v in name.car.options[1:] + name.car.options[:1]]
        changes += [
            ("HomeToName", "days slider", name.days, v) for _l, v in name.days.options[:-1] + name.days.options[-1:]
        ]
        changes += [("CameraLine", "car menu", line.car, v) for _l, v in line.car.options[1:] + line.car.options[:1]]
        changes += [("CameraLine", "cameras slider", line.cameras, v) for v in (3, 4, 5, 8, 12, 20, 30, 48, 2)]
        changes += [("CameraLine", "line slider", line.line, v) for v in (6, 10, 0)]
    return changes


def stand_changes(widget: widgets.StandWidget) -> list[tuple[str, object, object]]:
    """Every position, ticks on and off, and typing in each box (as a box losing focus), three times round."""
    every_position = list(positions.POSITIONS)
    changes: list[tuple[str, object, object]] = []
    for k in range(3):
        changes += [("position", widget.position, p) for p in every_position[1:] + every_position[:1]]
        for box in list(widget.boxes.values())[:4]:
            changes += [("evidence box", box, True), ("evidence box", box, False)]
        for n in range(4):
            changes.append(
                ("reasoning box", widget.reasoning, f"Round {k}, draft {n}: " + "because readers help. " * 40)
            )
            changes.append(("rebuttal box", widget.rebuttal, f"Round {k}, draft {n}: the other side says <b>so</b>."))
        changes.append(("name box", widget.name, f"Student {k}"))
    return changes


def dial_changes(dial: widgets.RealismDial) -> list[tuple[str, object, object]]:
    """Every level and every number of days, twice round; each change is a real change of value."""
    levels = [v for _, v in dial.level.options]
    days = [v for _, v in dial.days.options]
    changes: list[tuple[str, object, object]] = []
    for _ in range(2):
        changes += [("level buttons", dial.level, v) for v in levels[1:] + levels[:1]]
        changes += [("days slider", dial.days, v) for v in days if v != dial.days.value] + [
            ("days slider", dial.days, 28)
        ]
    return changes


def viewer_changes(viewer: widgets.EvidenceViewer) -> list[tuple[str, object, object]]:
    ids = [v for _, v in viewer.piece.options]
    return [("evidence menu", viewer.piece, i) for _ in range(3) for i in ids[1:] + ids[:1]]


# Each widget of the registry (platetrails/widgets/registry.py) that main() times; a test checks they agree.
TIMED = (
    "MosaicExplorer",
    "NetworkTour",
    "ReadCard",
    "CameraDay",
    "AlertFinder",
    "HitRate",
    "MisreadCost",
    "CaseSearch",
    "SingledOut",
    "SharingMap",
    "PolicyScoreboard",
    "CornerOrNetwork",
    "HomeToName",
    "CameraLine",
    "RealismDial",
    "StandWidget",
    "EvidenceViewer",
)


def control_changes(widget, rounds: int = 2) -> list[tuple[str, object, object]]:
    """Every control of a widget moved through its choices (a slider: up to ten stops), `rounds` times: how
    `make bench` times a registered widget that has no change list of its own above. A value equal to the one the
    control holds at that point is left out: setting it changes nothing, and its near-zero time would flatter the
    median."""
    changes: list[tuple[str, object, object]] = []
    held = {id(control): control.value for control in widget.controls if hasattr(control, "value")}
    for _ in range(rounds):
        for control in widget.controls:
            if not hasattr(control, "value"):  # a heading or a row that holds other controls
                continue
            name = f"{control.description or type(control).__name__}"
            options = getattr(control, "options", None)
            if isinstance(control, ipywidgets.Checkbox | ipywidgets.ToggleButton):
                values = [not control.value, control.value]
            elif options is not None:
                values = [o[1] if isinstance(o, tuple) else o for o in options]
            elif isinstance(control, ipywidgets.IntSlider | ipywidgets.FloatSlider):
                step = max((control.max - control.min) / 10, control.step)
                values = sorted({min(control.max, control.min + i * step) for i in range(11)})
                values = [type(control.value)(v) for v in values]
            else:
                continue  # typed text is timed by the widgets' own change lists
            for value in values:
                if value != held[id(control)]:
                    changes.append((name, control, value))
                    held[id(control)] = value
    return changes


def answer_box_timings(rounds: int = 10) -> dict[str, list[float]]:
    """The send box (class view): typing, choosing, and Send, off the hub and to a class server on 127.0.0.1 (the
    tests' fake service); each saves my_answers.json in a scratch folder."""
    from platetrails import class_answers, questions
    from tests.support.fake_class_server import FakeClassServer, running

    question = next(q for q in questions.QUESTIONS if q.choices)
    folder = Path(tempfile.mkdtemp(prefix="platetrails-answers-"))
    timings: dict[str, list[float]] = {}
    with running(FakeClassServer(tokens={"bench": "student"})) as fake:
        for where, server in (("off hub", None), ("hub", class_answers.ClassServer(fake.url, "bench"))):
            box = widgets.AnswerBox(question, server=server, folder=folder)
            box.server = server  # None: no class server, whatever the environment says
            for n in range(rounds):
                for name, act in (
                    ("type", lambda n=n, box=box: setattr(box.text, "value", f"reason {n}")),
                    ("choose", lambda n=n, box=box: setattr(box.choice, "value", question.choices[n % 2][0])),
                    (f"send ({where})", box.send_button.click),
                ):
                    start = time.perf_counter()
                    act()
                    timings.setdefault(name, []).append(time.perf_counter() - start)
    return timings


def summarise(timings: dict[str, list[float]]) -> dict[str, float]:
    every = [t for ts in timings.values() for t in ts]
    return {
        "changes": len(every),
        "median_ms": 1000 * statistics.median(every),
        "p95_ms": 1000 * float(np.percentile(every, 95)),
        "worst_control": max(timings, key=lambda k: statistics.median(timings[k])),
        "worst_control_median_ms": 1000 * max(statistics.median(v) for v in timings.values()),
    }


NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"


def all_notebooks(lang: str = "en") -> list[Path]:
    """The English notebooks, or an edition's (notebooks/es/ for "es")."""
    return sorted((NOTEBOOK_DIR if lang == "en" else NOTEBOOK_DIR / lang).glob("*.ipynb"))


def execute(path: Path) -> list[str]:
    """Run a copy of the notebook in a fresh kernel, as a student's Run All does; the error outputs it shows."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return [o.get("ename", "") for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


def notebook_times(repeats: int = 5, lang: str = "en") -> dict[str, float]:
    """Median seconds per notebook; runs go round-robin so that a slow spell of the machine hits all alike."""
    scratch = Path(tempfile.mkdtemp(prefix="platetrails-bench-"))
    baseline = nbformat.v4.new_notebook()
    baseline.cells = [nbformat.v4.new_code_cell(IMPORT_ONLY)]
    base_path = scratch / "import_only.ipynb"
    nbformat.write(baseline, base_path)
    paths = [base_path, *all_notebooks(lang)]
    runs: dict[str, list[float]] = {p.stem: [] for p in paths}
    for _ in range(repeats):
        for path in paths:
            start = time.perf_counter()
            errors = execute(path)
            runs[path.stem].append(time.perf_counter() - start)
            assert not errors, errors
    return {name: statistics.median(times) for name, times in runs.items()}


def handouts_seconds() -> tuple[float, int]:
    """`make handouts` from a fresh process (imports, both languages, both papers, the guide), into a temp folder:
    its seconds and the PDFs it wrote."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "handouts", "--out", out], check=True, capture_output=True)
        return time.perf_counter() - start, len(list(Path(out).rglob("*.pdf")))


def main() -> None:
    notebooks = "--widgets-only" not in sys.argv[1:]
    # --language es: every widget in Spanish, and the Spanish notebooks (notebooks/es/) beside the same baseline
    lang = sys.argv[sys.argv.index("--language") + 1] if "--language" in sys.argv else "en"
    i18n.set_language(lang)
    town, key = data.load_town(), answer_key.load_answer_key()
    results: dict[str, object] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        explorer = widgets.MosaicExplorer(town, key)
        tour = widgets.NetworkTour(town)
    results["MosaicExplorer"] = summarise(time_changes(explorer, mosaic_changes(explorer)))
    results["NetworkTour"] = summarise(time_changes(tour, tour_changes(tour)))
    with contextlib.redirect_stdout(io.StringIO()):
        cars = lab.case_plates()
        real = facts.load_facts()
        ws = {
            "ReadCard": widgets.ReadCard(town),
            "CameraDay": widgets.CameraDay(town),
            "AlertFinder": widgets.AlertFinder(town, cars),
            "HitRate": widgets.HitRate(town, real),
            "MisreadCost": widgets.MisreadCost(town, cars["Car C"]),
            "CaseSearch": widgets.alerts.CaseSearch(town, cars, real),
        }
    timings: dict[str, list[float]] = {}
    for name, control, value in reader_changes(ws):
        widget = ws[name.split()[0]]
        timings.update({k: timings.get(k, []) + v for k, v in time_changes(widget, [(name, control, value)]).items()})
    results["Notebook 01 widgets"] = summarise(timings)
    with contextlib.redirect_stdout(io.StringIO()):
        start = time.perf_counter()
        singled = widgets.SingledOut(town, cars, real)
        results["SingledOut set-up (every curve computed once)_s"] = time.perf_counter() - start
    results["SingledOut"] = summarise(time_changes(singled, singled_out_changes(singled)))
    with contextlib.redirect_stdout(io.StringIO()):
        start = time.perf_counter()
        history = facts.load_facts().figure("ice_history_years").value
        shares = widgets.SharingMap(SharingData(town, key, history, cars))
        results["SharingMap set-up (every combination of switches once)_s"] = time.perf_counter() - start
    results["SharingMap"] = summarise(time_changes(shares, sharing_changes(shares)))
    with contextlib.redirect_stdout(io.StringIO()):
        start = time.perf_counter()
        board = widgets.PolicyScoreboard(
            policy.PolicyData(town, policy.load_cases()), real.figure("arvada_warrant_days_max").value
        )
        results["PolicyScoreboard set-up (the model and the laws prepared once)_s"] = time.perf_counter() - start
    results["PolicyScoreboard"] = summarise(time_changes(board, policy_changes(board)))
    with contextlib.redirect_stdout(io.StringIO()):
        start = time.perf_counter()
        anyway_ws = {
            "CornerOrNetwork": widgets.CornerOrNetwork(town, cars, real, lab.case_places(town)),
            "HomeToName": widgets.HomeToName(town, cars),
            "CameraLine": widgets.CameraLine(lab.candidate_trips(), real),
        }
        results["Notebook 03 widgets set-up_s"] = time.perf_counter() - start
    timings = {}
    for widget_name, control_name, control, value in public_anyway_changes(anyway_ws):
        label = f"{widget_name} {control_name}"
        timings.update(
            {
                k: timings.get(k, []) + v
                for k, v in time_changes(anyway_ws[widget_name], [(label, control, value)]).items()
            }
        )
    results["Notebook 03 widgets"] = summarise(timings)
    with contextlib.redirect_stdout(io.StringIO()):
        dial = widgets.RealismDial(lab.realism())
    results["RealismDial"] = summarise(time_changes(dial, dial_changes(dial)))
    with contextlib.redirect_stdout(io.StringIO()):
        start = time.perf_counter()
        catalogue = evidence_catalogue.EvidenceCatalogue(town, real, key, cars)
        results["Evidence catalogue set-up (every piece computed once)_s"] = time.perf_counter() - start
        my_stand = widgets.StandWidget(catalogue, Path(tempfile.mkdtemp(prefix="platetrails-stand-")))
        viewer = widgets.EvidenceViewer(catalogue)
    results["StandWidget"] = summarise(time_changes(my_stand, stand_changes(my_stand)))
    results["EvidenceViewer"] = summarise(time_changes(viewer, viewer_changes(viewer)))
    results["AnswerBox"] = summarise(answer_box_timings())
    made = {"town": town, "key": key, "cars": cars, "facts": real}
    for name in (n for n in registry.names() if n not in TIMED):  # a new widget: built from its registry line
        with contextlib.redirect_stdout(io.StringIO()):
            built = lab.build_widget(name, made)
        results[name] = summarise(time_changes(built, control_changes(built)))
    for evidence_id in ("mesa_trial", "town_labels", "retention"):
        my_stand.boxes[evidence_id].value = True
    pages = []
    for _ in range(5):
        start = time.perf_counter()
        my_stand.save_button.click()
        pages.append(time.perf_counter() - start)
        assert my_stand.error is None and my_stand.page is not None, my_stand.error
    results["Save my stand (page with 3 pieces of evidence written)_s"] = statistics.median(pages)
    start = time.perf_counter()
    scoring.share_within(mosaic.Analyst(town), key, [1, 2, 4, 7, 14, 21, 28])
    class_data = "class-wide chart data, made by make data (15 combinations x 7 day counts)_s"
    results[class_data] = time.perf_counter() - start
    handouts = "make handouts (every worksheet, key, plan and the guide; 2 languages, 2 papers)_s"
    if notebooks:
        results[handouts], results["make handouts PDFs"] = handouts_seconds()
    nb: dict[str, float] = {}
    if notebooks:
        nb = notebook_times(lang=lang)
        results["notebooks_s"] = nb
        results["notebook_to_baseline_ratio"] = {k: v / nb["import_only"] for k, v in nb.items() if k != "import_only"}

    print("Widget update: control change to finished PNG, on the class data set")
    print(f"{'widget':20} {'changes':>8} {'median ms':>10} {'p95 ms':>8}  slowest control (median ms)")
    for name in (
        "MosaicExplorer",
        "NetworkTour",
        "Notebook 01 widgets",
        "SingledOut",
        "Notebook 03 widgets",
        "RealismDial",
        "SharingMap",
        "PolicyScoreboard",
        "StandWidget",
        "EvidenceViewer",
        "AnswerBox",
    ):
        r = results[name]
        print(
            f"{name:20} {r['changes']:>8} {r['median_ms']:>10.1f} {r['p95_ms']:>8.1f}  "
            f"{r['worst_control']} ({r['worst_control_median_ms']:.1f})"
        )
    print(
        f"SingledOut set-up (every curve computed once): {results['SingledOut set-up (every curve computed once)_s']:.2f} s"
    )
    print(
        f"SharingMap set-up (every combination of switches once): "
        f"{results['SharingMap set-up (every combination of switches once)_s']:.2f} s"
    )
    print(
        "PolicyScoreboard set-up (the model and the laws prepared once): "
        f"{results['PolicyScoreboard set-up (the model and the laws prepared once)_s']:.2f} s"
    )
    print(f"Evidence catalogue set-up: {results['Evidence catalogue set-up (every piece computed once)_s']:.2f} s")
    print(f"Save my stand (page written): {results['Save my stand (page with 3 pieces of evidence written)_s']:.2f} s")
    print(f"\nClass-wide chart data (made once by make data, not in the notebook): {results[class_data]:.2f} s")
    if notebooks:
        print(f"make handouts, from a fresh process ({results['make handouts PDFs']} PDFs): {results[handouts]:.1f} s")
        print("\nNotebook execution in a fresh kernel (median of 5, round-robin), beside an import-only notebook:")
        for name, seconds in nb.items():
            ratio = "" if name == "import_only" else f"  {seconds / nb['import_only']:.2f}x the baseline"
            print(f"  {name:24} {seconds:6.2f} s{ratio}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    saved = ARTIFACTS / ("bench.json" if lang == "en" else f"bench-{lang}.json")
    saved.write_text(json.dumps(results, indent=2))
    print(f"\nSaved to {saved}")


if __name__ == "__main__":
    main()
