"""The package installs like any other (issue #21 step 1): a wheel built from the repository, installed into a fresh
virtual environment outside it, runs notebook 00 and one widget of every notebook, in English and in Spanish.

The new environment gets the wheel alone (`--no-deps`); the lab's dependencies come from the test's own
environment through a .pth line, so nothing is downloaded. The package itself must come from the wheel: the
test checks `platetrails.__file__` and the data folder are inside the new environment, and runs from a folder
outside the repository. About 10 to 60 s, so those tests are in the full tier only (marker slow); the rule that
picks the data folder is checked in the fast tier.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from platetrails import data
from tests.support.notebooks import GUARD, NOTEBOOK_DIR, problems_in_outputs

ROOT = Path(__file__).resolve().parents[1]
KERNEL = "platetrails-wheel"

# One widget of every notebook, built from the installed package with the notebook's own set-up calls; each
# sets one control the notebook's tasks use and reports what its state then says.
WIDGETS_SCRIPT = r"""
import json, sys
import matplotlib
matplotlib.use("Agg")
import platetrails
from platetrails import data, evidence_catalogue, i18n, lab, policy, widgets
from platetrails.facts import load_facts
from platetrails.states.sharing import SharingData

town = data.load_town()
facts = load_facts()
key = lab.answer_key()
cars = lab.case_plates()
report = {"package": platetrails.__file__, "data": str(data.DATA_DIR), "languages": i18n.available_languages()}


def seen(widget, check):
    report[type(widget).__name__] = {"error": widget.error, "updates": widget.updates, "check": bool(check),
                                     "sentence": widget.sentence[:80]}


tour = widgets.NetworkTour(town)  # 00
tour.boxes["city_fixed"].value = False
seen(tour, "city_fixed" not in tour.state.networks)

card = widgets.ReadCard(town)  # 01
first = card.state.read_id
card.button.click()
seen(card, card.state.read_id != first)

explorer = widgets.MosaicExplorer(town, key)  # 02
explorer.days.value = 3
seen(explorer, explorer.state.days == 3)

line = widgets.CameraLine(lab.candidate_trips(), facts)  # 03
line.cameras.value = 10
seen(line, line.state.cameras == 10)

shared = widgets.SharingMap(SharingData(town, key, facts.figure("ice_history_years").value, cars))  # 04
shared.boxes["agency_access"].value = False
seen(shared, shared.state.homes_found == 0)

board = widgets.PolicyScoreboard(policy.PolicyData(town, policy.load_cases()),
                                 facts.figure("arvada_warrant_days_max").value)  # 05
board.retention.value = "3 minutes unless a hit"
seen(board, board.state.retention == "3 minutes unless a hit")

viewer = widgets.EvidenceViewer(evidence_catalogue.EvidenceCatalogue(town, facts, key, cars))  # 06
last = viewer.piece.options[-1][1]
viewer.piece.value = last
seen(viewer, viewer.state.evidence.evidence_id == last)

with i18n.using_language("es"):  # the compiled Spanish catalogue came with the wheel
    report["spanish"] = widgets.NetworkTour(town).boxes["city_fixed"].description
json.dump(report, sys.stdout)
"""

FORBIDDEN = ("tests/", "notebooks/", "my_stand", ".venv/", "benchmarks/", "hub/", "instructors/", ".git/")


def inside(path: str | Path, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(folder.resolve())


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: int = 180) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    command = " ".join(str(a) for a in args if "\n" not in str(a))  # the widgets script is shown by its error only
    assert done.returncode == 0, f"{command} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def source_copy(target: Path) -> Path:
    """The repository's files as a clone would have them (tracked and new, not ignored), plus a student's saved
    stand and a virtual environment, as a school's copy might have: neither may reach the wheel."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(source.read_bytes())
    (target / "notebooks" / "my_stand.json").write_text('{"name": "A student"}')
    (target / ".venv" / "lib").mkdir(parents=True)
    (target / ".venv" / "lib" / "stray.py").write_text("")
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the wheel from a copy of the repository and install it, alone, into a new virtual environment."""
    tmp = tmp_path_factory.mktemp("wheel")
    assert not inside(tmp, ROOT)
    source = source_copy(tmp / "source")
    dist = tmp / "dist"
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-w",
        dist,
        source,
        cwd=tmp,
    )
    (wheel,) = dist.glob("platetrails-*.whl")
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel, cwd=tmp)
    # The dependencies: the test environment's site-packages, after the new environment's own (a path line in a
    # .pth file is appended to sys.path, and .pth files in that folder, such as the editable install's, are not run).
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).strip())
    lines = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    (site / "zz_test_dependencies.pth").write_text("".join(f"{line}\n" for line in lines))
    return {"wheel": wheel, "venv": venv, "python": python, "tmp": tmp}


def student_folder(installed: dict[str, Path], name: str) -> Path:
    """A working folder outside the repository, as a student's home on a hub."""
    folder = installed["tmp"] / name
    folder.mkdir()
    return folder


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name in ("PYTHONPATH", "PLATETRAILS_DATA_DIR", "PLATETRAILS_LANG", "MPLBACKEND"):
        monkeypatch.delenv(name, raising=False)
    return dict(os.environ)


@pytest.mark.slow
def test_the_wheel_holds_the_whole_package_its_catalogues_and_data_and_nothing_else(installed) -> None:
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    must = [
        "platetrails/widgets/base.py",
        "platetrails/states/__init__.py",
        "platetrails/locale/es/LC_MESSAGES/platetrails.mo",
        "platetrails/classdata/town/town.json",
        "platetrails/classdata/reads.csv",
        "platetrails/classdata/facts/figures.csv",
        "platetrails/classdata/answer_key/vehicles.csv",
    ]
    assert [n for n in must if n not in names] == []
    for folder in ("states", "widgets"):  # every module of the package, not only the ones named above
        for module in (ROOT / "platetrails" / folder).glob("*.py"):
            assert f"platetrails/{folder}/{module.name}" in names
    for data_file in (ROOT / "data").rglob("*.csv"):
        assert f"platetrails/classdata/{data_file.relative_to(ROOT / 'data').as_posix()}" in names
    assert all(n.startswith(("platetrails/", "platetrails-0.1.0.dist-info/")) for n in names)
    assert [n for n in names if any(bad in n for bad in FORBIDDEN)] == []
    assert not any(n.endswith((".pyc", ".po", ".pot", ".ipynb")) for n in names)


@pytest.mark.slow
def test_widgets_of_every_notebook_work_from_the_installed_wheel(installed, clean_env) -> None:
    env = {**clean_env, "MPLBACKEND": "Agg"}
    work = student_folder(installed, "widgets")
    report = json.loads(run(installed["python"], "-c", WIDGETS_SCRIPT, cwd=work, env=env))
    assert inside(report["package"], installed["venv"]), report["package"]
    assert inside(report["data"], installed["venv"]) and report["data"].endswith("classdata")
    assert "es" in report["languages"]
    assert report["spanish"] == "Cámaras fijas de la ciudad"
    for name in ("NetworkTour", "ReadCard", "MosaicExplorer", "CameraLine", "SharingMap", "PolicyScoreboard"):
        widget = report[name]
        assert widget["error"] is None and widget["check"] and widget["sentence"], (name, widget)
        assert widget["updates"] >= 2, (name, widget)  # drawn, then drawn again after the control moved
    viewer = report["EvidenceViewer"]
    assert viewer["error"] is None and viewer["check"] and viewer["sentence"], viewer


@pytest.mark.slow
def test_notebook_00_runs_top_to_bottom_from_the_installed_wheel(installed, clean_env, monkeypatch) -> None:
    work = student_folder(installed, "notebook00")
    kernels = installed["tmp"] / "kernels"
    (kernels / KERNEL).mkdir(parents=True, exist_ok=True)
    argv = [str(installed["python"]), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (kernels / KERNEL / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": KERNEL, "language": "python"})
    )
    ipython = installed["tmp"] / "ipython"
    startup = ipython / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    (startup / "00-no-network.py").write_text(GUARD.read_text())
    log = installed["tmp"] / "network.log"
    log.write_text("")
    monkeypatch.setenv("IPYTHONDIR", str(ipython))
    monkeypatch.setenv("PLATETRAILS_NETWORK_LOG", str(log))

    nb = nbformat.read(NOTEBOOK_DIR / "00_start_here.ipynb", as_version=4)
    where = (
        "import json, platetrails, platetrails.data as d; print(json.dumps([platetrails.__file__, str(d.DATA_DIR)]))"
    )
    nb.cells.append(nbformat.v4.new_code_cell(where))
    manager = KernelManager(kernel_name=KERNEL, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
    client = NotebookClient(nb, km=manager, timeout=180, allow_errors=True, resources={"metadata": {"path": str(work)}})
    client.execute()

    assert problems_in_outputs(nb) == []
    assert [line for line in log.read_text().splitlines() if line] == []
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "every code cell ran"
    assert nb.metadata.get("widgets"), "the notebook's widget was shown"
    package, data_dir = json.loads(code[-1].outputs[0]["text"])
    assert inside(package, installed["venv"]) and inside(data_dir, installed["venv"]), (package, data_dir)
    assert list(work.iterdir()) == [], "running notebook 00 writes nothing in the student's folder"


def test_the_data_folder_is_the_one_named_else_the_installed_copy_else_the_checkouts(tmp_path, monkeypatch) -> None:
    assert data.DATA_DIR == ROOT / "data" == data.CHECKOUT_DATA_DIR  # a checkout (editable install) has no copy
    assert not data.INSTALLED_DATA_DIR.exists(), "a build's copy of data/ in the source tree would hide data/"
    copy = tmp_path / "classdata"
    monkeypatch.setattr(data, "INSTALLED_DATA_DIR", copy)
    assert data.find_data_dir({}) == data.CHECKOUT_DATA_DIR
    copy.mkdir()
    assert data.find_data_dir({}) == copy
    assert data.find_data_dir({data.DATA_DIR_VAR: " "}) == copy
    assert data.find_data_dir({data.DATA_DIR_VAR: str(tmp_path / "elsewhere")}) == tmp_path / "elsewhere"
