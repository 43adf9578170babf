"""Running a notebook the way a student does (a fresh kernel, top to bottom), with the network shut off."""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
GUARD = Path(__file__).with_name("no_network.py")


def all_notebooks() -> list[Path]:
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def translated_notebooks() -> list[Path]:
    """The editions built by `make catalog` (notebooks/<lang>/*.ipynb, e.g. notebooks/es/)."""
    return sorted(NOTEBOOK_DIR.glob("*/*.ipynb"))


@dataclass
class Run:
    notebook: nbformat.NotebookNode
    errors: list[str]
    network_attempts: list[str]


def problems_in_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """Error outputs and anything written to stderr, in cells and inside widget Output areas."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"cell {i} wrote to stderr: {out.get('text', '')[:300]}")
            text = json.dumps(out.get("data", {}))
            if "Traceback (most recent call last)" in text or "Something went wrong" in text:
                found.append(f"cell {i}: shows an error message")
    state = json.dumps(nb.metadata.get("widgets", {}))
    if '"output_type": "error"' in state or "Something went wrong" in state:
        found.append("a widget shows an error")
    return found


def execute(path: Path, timeout: int = 180) -> Run:
    """Execute a copy of the notebook in a fresh kernel with the network guard; the file itself is untouched."""
    nb = nbformat.read(path, as_version=4)
    scratch = Path(tempfile.mkdtemp(prefix="platetrails-nb-"))
    try:
        startup = scratch / "ipython" / "profile_default" / "startup"
        startup.mkdir(parents=True)
        shutil.copy(GUARD, startup / "00-no-network.py")
        log = scratch / "network.log"
        log.touch()
        saved = {k: os.environ.get(k) for k in ("IPYTHONDIR", "PLATETRAILS_NETWORK_LOG", "MPLBACKEND")}
        os.environ.update({"IPYTHONDIR": str(scratch / "ipython"), "PLATETRAILS_NETWORK_LOG": str(log)})
        os.environ.pop("MPLBACKEND", None)
        try:
            client = NotebookClient(
                nb,
                timeout=timeout,
                kernel_name="python3",
                allow_errors=True,
                resources={"metadata": {"path": str(path.parent)}},
            )
            client.execute()
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        attempts = [line for line in log.read_text().splitlines() if line]
        return Run(nb, problems_in_outputs(nb), attempts)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@functools.cache
def executed(path: Path) -> Run:
    """execute(path), once per test session: the run test and the translation check read the same run."""
    return execute(path)
