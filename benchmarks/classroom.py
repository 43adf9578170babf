"""`make bench`, part two: speed for a whole class (issue #13, step 3), on this machine.

Four measurements, each beside its own baseline taken in the same run:

1. a class pressing Run All: thirty notebook 02 kernels started together, against thirty notebooks that only
   import the same libraries and show one small picture;
2. the teacher opening each notebook in Voila as `make voila` serves it, against a plain Voila page of that
   import-only notebook: seconds from opening the page to the first widget picture;
3. in Voila in Chromium, from a keypress or click on every control of every widget to its new picture;
4. a kernel's memory after Run All and after heavy scripted use of every control of every widget.

Usage: python -m benchmarks.classroom [--only class,voila,browser,memory] [--students 30]
The results go to the artefacts folder as classroom.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import numpy as np
import psutil
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from tests.support import browser as support
from tests.support.notebooks import NOTEBOOK_DIR, all_notebooks

MiB = 1024 * 1024
CLASS_NOTEBOOK = NOTEBOOK_DIR / "02_the_mosaic.ipynb"
# The baseline: the same libraries, and one small picture (so a page has something to wait for).
IMPORT_ONLY = """\
import matplotlib.pyplot as plt, pandas, numpy, ipywidgets
from platetrails import lab, maps, mosaic, style, widgets
fig, ax = plt.subplots(figsize=(2, 1.5))
ax.plot([0, 1], [0, 1])
plt.show()
"""


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def import_only_notebook(folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(IMPORT_ONLY)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "import_only.ipynb"
    nbformat.write(notebook, path)
    return path


def summed(processes: list[psutil.Process], measure) -> float:
    """The sum of `measure(process)` over processes, skipping any that ended meanwhile."""
    total = 0.0
    for process in processes:
        try:
            total += measure(process)
        except psutil.Error:
            pass
    return total


def process_tree(pid: int) -> list[psutil.Process]:
    proc = psutil.Process(pid)
    return [proc, *proc.children(recursive=True)]


class MemoryWatch:
    """Samples the summed RSS of this process's children (the kernels) twice a second; keeps the peak."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            self.peak = max(self.peak, summed(me.children(recursive=True), lambda p: p.memory_info().rss))
            self._stop.wait(0.5)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


FAILED_STARTS: list[str] = []  # kernels started again during the current class run


async def _run_one(path: Path, tries: int = 2) -> float:
    """Seconds for one student's Run All; a kernel that fails to start (two kernels once drew the same free port
    when thirty started at once) is started again, as a student would press Run All again."""
    for attempt in range(tries):
        try:
            return await asyncio.wait_for(_run_once(path), timeout=300)
        except (TimeoutError, RuntimeError, AssertionError, OSError) as err:
            if attempt == tries - 1:
                raise RuntimeError(f"{path.name} failed {tries} times: {type(err).__name__} {err}") from err
            FAILED_STARTS.append(f"{path.name}: {type(err).__name__} {err}")
    raise AssertionError("unreachable")


async def _run_once(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    await NotebookClient(
        notebook,
        timeout=600,
        startup_timeout=240,  # thirty kernels starting at once on two cores can take longer than the default minute
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).async_execute()
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        raise RuntimeError(f"{path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}")
    return time.perf_counter() - start


async def class_run(path: Path, students: int) -> dict:
    """`students` kernels run the notebook at once: wall time, each student's time, peak memory of the kernels."""
    with MemoryWatch() as memory:
        start = time.perf_counter()
        times = list(await asyncio.gather(*(_run_one(path) for _ in range(students))))
        wall = time.perf_counter() - start
    return {
        "wall_s": wall,
        "median_student_s": statistics.median(times),
        "p95_student_s": percentile(times, 95),
        "peak_memory_mib": memory.peak / MiB,
        "memory_per_student_mib": memory.peak / MiB / students,
    }


def measure_class(students: int) -> dict:
    """The import-only class, then the notebook 02 class, in one event loop (one loop for all the kernels)."""
    scratch = Path(tempfile.mkdtemp(prefix="platetrails-class-"))
    baseline = import_only_notebook(scratch)

    async def both() -> dict:
        result = {"students": students, "alone_s": await _run_one(CLASS_NOTEBOOK)}
        result["import_only"] = await class_run(baseline, students)
        result["notebook_02"] = await class_run(CLASS_NOTEBOOK, students)
        return result

    FAILED_STARTS.clear()
    result = asyncio.run(both())
    result["failed_starts"] = list(FAILED_STARTS)
    result["ratio"] = result["notebook_02"]["wall_s"] / result["import_only"]["wall_s"]
    shutil.rmtree(scratch, ignore_errors=True)
    return result


# --- Voila -------------------------------------------------------------------------------------------------


QUIET_CPU_PERCENT = 10  # a tenth of one core, summed over the server and its kernels


def wait_until_quiet(pids: list[int], seconds: float = 120) -> None:
    """Wait until these processes and their children use under QUIET_CPU_PERCENT for two seconds (pools filled)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        tree = [p for pid in pids for p in process_tree(pid)]
        summed(tree, lambda p: p.cpu_percent(None))  # starts each process's CPU clock
        time.sleep(2)
        if summed(tree, lambda p: p.cpu_percent(None)) < QUIET_CPU_PERCENT:
            return


def tree_rss_mib(pid: int) -> float:
    return summed(process_tree(pid), lambda p: p.memory_info().rss) / MiB


def start_plain_voila(folder: Path, scratch: Path) -> tuple[subprocess.Popen, str]:
    port = support.free_port()
    base = f"http://127.0.0.1:{port}"
    proc = support.serve(
        support.voila_command(port, folder), base + "/", support.isolated_env(scratch), "bench-voila-plain.log"
    )
    return proc, base


def start_make_voila(scratch: Path) -> tuple[subprocess.Popen, str]:
    """The lab's own `make voila`, on a free port, without a browser."""
    port = support.free_port()
    base = f"http://127.0.0.1:{port}"
    proc = support.serve(
        support.make_voila_command(port), base + "/", support.isolated_env(scratch), "bench-voila-make.log"
    )
    return proc, base


def first_picture(page, url: str, selector: str) -> float:
    start = time.perf_counter()
    page.goto(url, timeout=120_000, wait_until="commit")
    page.locator(selector).first.wait_for(state="visible", timeout=120_000)
    return time.perf_counter() - start


def measure_voila(rounds: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    scratch = Path(tempfile.mkdtemp(prefix="platetrails-voila-bench-"))
    baseline_dir = scratch / "baseline"
    baseline_dir.mkdir()
    import_only_notebook(baseline_dir)
    result: dict = {"plain_s": [], "make_voila_s": {}}
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(**support.launch_args())
        context = chromium.new_context(viewport={"width": 1280, "height": 720})
        proc, base = start_plain_voila(baseline_dir, scratch / "plain")
        try:
            for _ in range(rounds):
                page = context.new_page()
                result["plain_s"].append(
                    first_picture(page, f"{base}/voila/render/import_only.ipynb", ".jp-OutputArea-output img")
                )
                page.close()
        finally:
            support.stop(proc)
        proc, base = start_make_voila(scratch / "make")
        try:
            wait_until_quiet([proc.pid])
            result["make_voila_idle_memory_mib"] = tree_rss_mib(proc.pid)
            for _ in range(rounds):
                for path in all_notebooks():
                    page = context.new_page()
                    seconds = first_picture(page, f"{base}/voila/render/{path.name}", ".widget-output img")
                    result["make_voila_s"].setdefault(path.stem, []).append(seconds)
                    page.close()
                    wait_until_quiet([proc.pid])  # the pool refills; a teacher changes notebook minutes apart
        finally:
            support.stop(proc)
        chromium.close()
    plain = statistics.median(result["plain_s"])
    result["plain_median_s"] = plain
    result["ratio"] = {name: statistics.median(times) / plain for name, times in result["make_voila_s"].items()}
    shutil.rmtree(scratch, ignore_errors=True)
    return result


# --- In the browser: control change to new picture ---------------------------------------------------------

# Installed in each page: the time of the first keydown, click or change after arming, and of the first new
# picture (a different <img>, or a new src) in the armed widget's picture area, once it is decoded.
WATCH_JS = """
() => {
  if (window.__pt) return;
  const pt = window.__pt = {t0: null, t1: null, widget: null, img: null, src: null};
  const mark = () => { if (pt.widget && pt.t0 === null) pt.t0 = performance.now(); };
  for (const kind of ["keydown", "mousedown", "change"]) document.addEventListener(kind, mark, true);
  new MutationObserver(() => {
    if (!pt.widget || pt.t0 === null || pt.t1 !== null) return;
    const img = pt.widget.querySelector(".widget-output img, .widget-image");
    if (!img || (img === pt.img && img.src === pt.src)) return;
    pt.t1 = -1;
    const done = () => { pt.t1 = performance.now(); };
    (img.decode ? img.decode() : Promise.resolve()).then(done, done);
  }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ["src"]});
}
"""
ARM_JS = """
(widget) => {
  const pt = window.__pt, img = widget.querySelector(".widget-output img, .widget-image");
  Object.assign(pt, {t0: null, t1: null, widget: widget, img: img, src: img ? img.src : null});
}
"""
CONTROLS = {
    "slider": ".widget-slider .noUi-handle",
    "check box": ".widget-checkbox input",
    "menu": ".widget-dropdown select",
    "toggle": ".widget-toggle-buttons",
    "radio": ".widget-radio-box",
    "button": ".widget-button",
    "text box": ".widget-text input",
}


def _act(page, kind: str, control, step: int) -> None:
    """One change of a control, as a student makes it: a key on a slider, a click, a choice from a menu, typing."""
    if kind == "slider":
        now, low, high = (control.get_attribute(a) for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax"))
        at_top = now is not None and now == high
        at_bottom = now is not None and now == low
        control.focus()
        page.keyboard.press("ArrowLeft" if at_top or (step % 2 and not at_bottom) else "ArrowRight")
    elif kind in ("check box", "button"):
        control.click()
    elif kind in ("toggle", "radio"):  # a group of choices: pick one not chosen yet
        control.locator(NOT_CHOSEN[kind]).first.click()
    elif kind == "menu":
        options = control.locator("option")
        current = control.evaluate("s => s.selectedIndex")
        control.select_option(index=(current + 1) % options.count())
    elif kind == "text box":
        control.fill(["", "7ABC123", "??"][step % 3])
        control.press("Enter")


# Toggle buttons and radio buttons: the next one that is not chosen yet.
NOT_CHOSEN = {"toggle": "button:not(.mod-active)", "radio": "input:not(:checked)"}


def measure_browser(changes_per_control: int = 3) -> dict:
    """Every control of every widget of every notebook, in `make voila`; each change timed in the page."""
    from playwright.sync_api import sync_playwright

    scratch = Path(tempfile.mkdtemp(prefix="platetrails-browser-bench-"))
    timings: dict[str, list[float]] = {}
    unchanged: list[str] = []
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(**support.launch_args())
        context = chromium.new_context(viewport={"width": 1280, "height": 720})
        proc, base = start_make_voila(scratch)
        try:
            wait_until_quiet([proc.pid])
            for path in all_notebooks():
                page = context.new_page()
                first_picture(page, f"{base}/voila/render/{path.name}", ".widget-output img")
                # Voila fills the pool again (a new kernel runs the notebook, about 5 s of one core): wait for
                # that, as a teacher's class is a minute into the page before anyone moves a slider.
                wait_until_quiet([proc.pid])
                page.evaluate(WATCH_JS)
                for w_index, widget in enumerate(page.locator(".platetrails-widget").all()):
                    if widget.locator(".widget-output img").count() == 0:
                        continue
                    for kind, selector in CONTROLS.items():
                        for c_index, control in enumerate(widget.locator(selector).all()):
                            if not control.is_visible() or not control.is_enabled():
                                continue
                            name = f"{path.stem} widget {w_index + 1} {kind} {c_index + 1}"
                            for step in range(changes_per_control):
                                widget.evaluate(ARM_JS)
                                _act(page, kind, control, step)
                                try:
                                    page.wait_for_function("window.__pt.t1 > 0", timeout=3000)
                                except Exception:
                                    unchanged.append(name)
                                    page.wait_for_timeout(300)
                                    continue
                                t0, t1 = page.evaluate("[window.__pt.t0, window.__pt.t1]")
                                timings.setdefault(name, []).append((t1 - t0) / 1000)
                                page.wait_for_timeout(250)  # let any last message of this change arrive
                page.close()
        finally:
            support.stop(proc)
        chromium.close()
    every = [t for ts in timings.values() for t in ts]
    shutil.rmtree(scratch, ignore_errors=True)
    return {
        "changes": len(every),
        "controls": len(timings),
        "median_ms": 1000 * statistics.median(every),
        "p95_ms": 1000 * percentile(every, 95),
        "max_ms": 1000 * max(every),
        "slowest_controls_ms": dict(
            sorted(((k, 1000 * statistics.median(v)) for k, v in timings.items()), key=lambda kv: -kv[1])[:5]
        ),
        "changes_without_a_new_picture": sorted(set(unchanged)),
    }


# --- Kernel memory after heavy use -------------------------------------------------------------------------

# Run in the kernel after the notebook: every control of every lab widget, through all its values, `rounds` times.
HEAVY_USE = """
import gc as _gc, io as _io, contextlib as _cl
import ipywidgets as _w
from platetrails.widgets.base import LabWidget as _LabWidget

def _controls(items):
    for item in items:
        yield item
        yield from _controls(getattr(item, "children", ()))

def _values(control):
    if isinstance(control, (_w.Checkbox, _w.ToggleButton)):
        return [not control.value, control.value]
    if hasattr(control, "options"):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        i = values.index(control.value) if control.value in values else 0
        return values[i + 1:] + values[:i + 1]
    if isinstance(control, (_w.IntSlider, _w.FloatSlider)):
        span = control.max - control.min
        values = [control.min + span * k / 8 for k in range(9)]
        values = [int(v) if isinstance(control, _w.IntSlider) else v for v in values]
        return values + [control.value]
    if isinstance(control, (_w.Text, _w.Textarea)):
        return ["", "<b>bold</b> 7ABC123", "because " * 50, control.value]
    return []

_lab_widgets = [o for o in _gc.get_objects() if isinstance(o, _LabWidget)]
with _cl.redirect_stdout(_io.StringIO()):
    for _round in range({rounds}):
        for _lw in _lab_widgets:
            for _c in _controls(_lw.controls):
                if isinstance(_c, _w.Button):
                    for _ in range(3):
                        _c.click()
                    continue
                for _v in _values(_c):
                    _c.value = _v
print(len(_lab_widgets), "widgets", sum(_lw.updates for _lw in _lab_widgets), "updates")
"""


def _execute(client, code: str) -> str:
    """Run code in the kernel and return what it printed; raise on an error."""
    printed: list[str] = []

    def output(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            printed.append("ERROR " + msg["content"]["ename"] + ": " + msg["content"]["evalue"])

    reply = client.execute_interactive(code, timeout=900, output_hook=output)
    if reply["content"]["status"] != "ok":
        raise RuntimeError("".join(printed)[-2000:])
    return "".join(printed)


def measure_memory(rounds: int = 5) -> dict:
    results = {}
    for path in all_notebooks():
        notebook = nbformat.read(path, as_version=4)
        km = KernelManager(kernel_name="python3")
        km.start_kernel(
            cwd=str(path.parent), env={**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
        )
        client = km.client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        try:
            for cell in notebook.cells:
                if cell.cell_type == "code":
                    _execute(client, cell.source)
            pid = km.provisioner.process.pid
            after_run = psutil.Process(pid).memory_info().rss / MiB
            per_round = []
            said = ""
            for _ in range(rounds):
                said = _execute(client, HEAVY_USE.replace("{rounds}", "1"))
                per_round.append(psutil.Process(pid).memory_info().rss / MiB)
            results[path.stem] = {
                "after_run_all_mib": after_run,
                "after_each_round_mib": per_round,
                "after_heavy_use_mib": per_round[-1],
                "driven": said.strip(),
            }
        finally:
            client.stop_channels()
            km.shutdown_kernel(now=True)
    return results


# --- Report ------------------------------------------------------------------------------------------------


def report(results: dict) -> None:
    if "class" in results:
        r = results["class"]
        print(
            f"\n1. A class pressing Run All ({r['students']} kernels at once; one notebook 02 alone {r['alone_s']:.1f} s)"
        )
        for name in ("import_only", "notebook_02"):
            x = r[name]
            print(
                f"   {name:12} wall {x['wall_s']:6.1f} s  student median {x['median_student_s']:5.1f} s"
                f"  p95 {x['p95_student_s']:5.1f} s  peak {x['peak_memory_mib']:6.0f} MiB"
                f" ({x['memory_per_student_mib']:.0f} per student)"
            )
        print(f"   ratio {r['ratio']:.2f}x (target at most 1.5x); kernels started again: {len(r['failed_starts'])}")
    if "voila" in results:
        r = results["voila"]
        print(f"\n2. Voila first picture: plain import-only page median {r['plain_median_s']:.2f} s")
        print(f"   make voila, idle with its kernels ready: {r.get('make_voila_idle_memory_mib', 0):.0f} MiB")
        for name, times in r["make_voila_s"].items():
            print(
                f"   {name:28} median {statistics.median(times):5.2f} s  {r['ratio'][name]:.2f}x (target at most 0.5x)"
            )
    if "browser" in results:
        r = results["browser"]
        print(
            f"\n3. In Voila, control change to new picture: {r['changes']} changes of {r['controls']} controls:"
            f" median {r['median_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, max {r['max_ms']:.0f} ms"
            " (targets 100 and 150)"
        )
        for name, ms in r["slowest_controls_ms"].items():
            print(f"   slowest: {name} {ms:.0f} ms")
        if r["changes_without_a_new_picture"]:
            print(f"   no new picture after: {', '.join(r['changes_without_a_new_picture'])}")
    if "memory" in results:
        print("\n4. Kernel memory (MiB): after Run All, after each round of heavy use of every control (target < 200)")
        for name, r in results["memory"].items():
            rounds = " ".join(f"{m:.0f}" for m in r["after_each_round_mib"])
            print(f"   {name:28} {r['after_run_all_mib']:5.0f} -> {rounds}   ({r['driven']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="class,voila,browser,memory")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--out", default=str(support.ARTIFACTS / "classroom.json"))
    args = parser.parse_args()
    parts = args.only.split(",")
    results: dict = {}
    if "memory" in parts:
        results["memory"] = measure_memory()
    if "voila" in parts:
        results["voila"] = measure_voila()
    if "browser" in parts:
        results["browser"] = measure_browser()
    if "class" in parts:
        results["class"] = measure_class(args.students)
    report(results)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"\nSaved to {out}")


if __name__ == "__main__":
    main()
