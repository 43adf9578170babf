"""Real browsers: every notebook served by Voila (code hidden), the mosaic run in JupyterLab and Notebook 7,
`make lab` as a teacher starts it, and an axe-core accessibility check, in headless Chromium.

The tests use pytest-playwright's fixtures (`page` is a fresh browser context per test) with Debian's
Chromium (the launch options are in tests/conftest.py) and Playwright's auto-waiting `expect()`.
A notebook joins these tests by being in notebooks/. Screenshots, server logs and the axe reports go to
$PLATETRAILS_ARTIFACTS (default: a platetrails-artifacts folder in the system temp directory), never
into the repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from tests.support import axe_report, fit
from tests.support.browser import (
    ARTIFACTS,
    CHROMIUM,
    free_port,
    isolated_env,
    log_text,
    make_voila_command,
    open_voila_page,
    serve,
    shot,
    start,
    stop,
)
from tests.support.notebooks import NOTEBOOK_DIR, ROOT, all_notebooks, translated_notebooks

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing; .ci/run installs Debian's chromium before the tests")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Locator, Page, expect  # noqa: E402

NOTEBOOKS = all_notebooks()
EDITIONS = translated_notebooks()  # notebooks/es/: the same page checks in Spanish


def page_name(path: Path) -> str:
    """The notebook's path under notebooks/, as Voila's address names it (00_start_here.ipynb, es/00_start_here.ipynb)."""
    return path.relative_to(NOTEBOOK_DIR).as_posix()


VIEWPORT = {"width": 1400, "height": 1000}
ERROR_TEXT = ["Traceback", "Something went wrong", "Error displaying widget", "ModuleNotFoundError"]
FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"
QUIET_MS = 500  # a picture counts as settled once its src has not changed for this long

# Auto-waiting assertions wait up to 30 s: a page builds its widgets in a kernel, on a 2-core machine.
expect.set_options(timeout=30_000)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """Every page of these tests is 1400x1000, unless a test asks otherwise (the axe test)."""
    return {**browser_context_args, "viewport": VIEWPORT}


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """Private folders for the servers; at the end, no kernel may have tried to use the network."""
    path = Path(tempfile.mkdtemp(prefix="platetrails-browser-"))
    yield path
    attempts = "".join(log.read_text() for log in path.glob("*/network.log")).strip()
    shutil.rmtree(path, ignore_errors=True)
    assert not attempts, f"a kernel tried to use the network: {attempts}"


@pytest.fixture(scope="module")
def voila(scratch: Path) -> Iterator[str]:
    """Voila as a teacher presents with it: `make voila`, with every notebook preheated in a waiting kernel."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = serve(make_voila_command(port), base + "/", isolated_env(scratch / "voila"), "voila.log")
    yield base
    stop(proc)


def local_request_failures(page: Page) -> list[str]:
    """A list that fills with every failed request to the local server (CDN fonts may fail offline)."""
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url) if "127.0.0.1" in r.url else None)
    return failed


def settled_src(picture: Locator, previous: str | None = None, seconds: float = 30) -> str:
    """The picture's src once it differs from `previous` and has not changed for QUIET_MS.

    Waiting for the first change is not enough: with several quick moves the first new picture can be an
    intermediate frame (the readout already says 12 while the plot still shows 9).
    """
    if previous is None:
        expect(picture).to_have_attribute("src", re.compile(r"\S"))
    else:
        expect(picture).not_to_have_attribute("src", previous)
    src = picture.get_attribute("src")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:  # passes as soon as the picture changes again; fails once it stayed the same for QUIET_MS
            expect(picture).not_to_have_attribute("src", src, timeout=QUIET_MS)
        except AssertionError:
            assert src != previous
            return src
        src = picture.get_attribute("src")
    raise AssertionError("the picture kept changing")


def assert_no_error_shown(page: Page, area: str = "body") -> None:
    for bad in ERROR_TEXT:
        expect(page.locator(area)).not_to_contain_text(bad)
    expect(page.locator("[data-mime-type='application/vnd.jupyter.stderr']")).to_have_count(0)
    expect(page.locator("[data-mime-type='application/vnd.jupyter.error']")).to_have_count(0)


def first_code_line(path: Path) -> str:
    """The first line of code (not a comment) in the notebook: it must not show when the code is hidden."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    return line.strip()
    raise AssertionError(f"{path.name} has no code")


MARK_TARGET = """
(control) => {
  // Mark the output area of the first widget picture after this control: the one it redraws.
  const all = Array.from(document.querySelectorAll('.widget-output img'));
  const after = all.find(img => control.compareDocumentPosition(img) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (after) after.closest('.widget-output').setAttribute('data-platetrails-target', '1');
  return Boolean(after);
}
"""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_voila_renders_each_notebook_and_its_first_widget_responds(page: Page, voila: str, path: Path) -> None:
    failed = local_request_failures(page)
    open_voila_page(page, f"{voila}/voila/render/{path.name}", path.stem)
    page.wait_for_load_state("networkidle", timeout=120_000)
    expect(page.locator(".jp-InputArea-editor, .cm-editor").filter(visible=True)).to_have_count(0)
    expect(page.get_by_text(first_code_line(path), exact=False).filter(visible=True)).to_have_count(0)
    sliders = page.locator(".widget-slider")
    uses_slider = sliders.count() > 0
    control = (
        sliders.first.locator(".noUi-handle").first if uses_slider else page.locator(".widget-checkbox input").first
    )
    expect(control, "the notebook has no slider or tick box to try").to_be_attached()
    assert control.evaluate(MARK_TARGET), "no picture follows the control"
    picture = page.locator("[data-platetrails-target] img").first
    before = settled_src(picture)
    if uses_slider:
        readout = sliders.first.locator(".widget-readout")
        value = readout.inner_text()
        control.focus()
        at_top = control.get_attribute("aria-valuenow") == control.get_attribute("aria-valuemax")
        page.keyboard.press("ArrowLeft" if at_top else "ArrowRight")  # a slider that starts at its end moves back
        expect(readout).not_to_have_text(value)
    else:
        control.click()
    settled_src(picture, previous=before)
    assert_no_error_shown(page)
    assert failed == [], f"requests to the local server failed: {failed}"
    shot(page, f"voila-{path.stem}.png")


def test_voila_mosaic_days_slider_with_keyboard(page: Page, voila: str) -> None:
    open_voila_page(page, f"{voila}/voila/render/02_the_mosaic.ipynb", "mosaic-keys")
    days = page.locator(".widget-slider").first
    handle, readout = days.locator(".noUi-handle").first, days.locator(".widget-readout")
    picture = page.locator(".widget-output img").first
    src = settled_src(picture)
    expect(readout).to_have_text("7")
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(readout).to_have_text("12")
    settled_src(picture, previous=src)
    assert_no_error_shown(page)
    shot(page, "voila-mosaic-after-keys.png")


def jupyter_command(app: str, port: int, root: Path, token: str) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        app,
        "--no-browser",
        "--allow-root",
        f"--ServerApp.port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
    ]
    if app == "jupyterlab":
        cmd += ["--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    return cmd


def wait_for_idle_kernel(page: Page) -> None:
    """Wait until the notebook's kernel is connected and idle.

    The execution indicator says "idle" before any kernel is attached (the toolbar then says "No Kernel"),
    and a Run All in that moment runs nothing; so first wait for the toolbar to name the kernel.
    """
    expect(page.locator(".jp-Notebook .jp-Cell").first).to_be_visible(timeout=120_000)
    kernel_name = page.locator(".jp-Toolbar-kernelName").first
    expect(kernel_name).to_have_attribute("aria-label", re.compile(r"^(?!No Kernel$).+"), timeout=120_000)
    indicator = page.locator(".jp-Notebook-ExecutionIndicator").first
    expect(indicator).to_have_attribute("data-status", "idle", timeout=120_000)


def run_all_cells(page: Page) -> None:
    """Run -> Run All Cells, as a student does (call wait_for_idle_kernel first)."""
    page.locator(".lm-MenuBar-itemLabel:text-is('Run')").click()
    item = page.locator(".lm-Menu-item", has=page.locator(".lm-Menu-itemLabel:text-is('Run All Cells')"))
    expect(item).not_to_have_class(re.compile(r"\blm-mod-disabled\b"))
    item.click()
    # The cells are queued or done: a prompt shows [*] or a number.
    expect(page.locator(".jp-Notebook .jp-InputPrompt", has_text=re.compile(r"\[[*0-9]+\]")).first).to_be_attached()


@pytest.mark.parametrize("app", ["jupyterlab", "notebook"])
def test_lab_and_notebook7_run_the_mosaic_and_show_the_widget(page: Page, scratch: Path, app: str) -> None:
    port, token = free_port(), "platetrails-test"
    env = isolated_env(scratch / app)
    root = scratch / f"{app}-root"
    shutil.copytree(NOTEBOOK_DIR, root)  # autosave or a stray save never touches the repository's notebooks
    base = f"http://127.0.0.1:{port}"
    proc = serve(jupyter_command(app, port, root, token), f"{base}/api/status?token={token}", env, f"{app}.log")
    try:
        path = "lab/tree" if app == "jupyterlab" else "notebooks"
        page.goto(f"{base}/{path}/02_the_mosaic.ipynb?token={token}", timeout=120_000)
        wait_for_idle_kernel(page)
        run_all_cells(page)
        notebook = page.locator(".jp-Notebook")
        days = notebook.locator(".widget-slider").first
        handle, readout = days.locator(".noUi-handle").first, days.locator(".widget-readout")
        picture = notebook.locator(".widget-output img").first
        expect(handle).to_be_visible(timeout=120_000)
        expect(picture).to_be_visible(timeout=60_000)
        # Every cell has run (no "[*]" prompt left), so the page has stopped scrolling.
        expect(notebook.locator(".jp-InputPrompt", has_text="*")).to_have_count(0, timeout=120_000)
        src = settled_src(picture)
        try:
            if app == "jupyterlab":
                value = readout.inner_text()
                handle.focus()
                page.keyboard.press("ArrowRight")
                expect(readout).not_to_have_text(value)
            else:  # Notebook 7 keeps arrow keys for itself and scrolls as it goes: use the first tick box
                box = notebook.locator(".widget-checkbox input").first
                ticked = box.is_checked()
                box.scroll_into_view_if_needed()
                box.click()
                expect(box).to_be_checked(checked=not ticked)
            settled_src(picture, previous=src)
        except AssertionError:
            shot(page, f"{app}-mosaic-failed.png")
            raise
        assert_no_error_shown(page, ".jp-Notebook")
        shot(page, f"{app}-mosaic.png")
    finally:
        stop(proc)


def printed_link(log_name: str, proc: subprocess.Popen, seconds: float = 90) -> str:
    """The link JupyterLab prints for a teacher to open ("Or copy and paste one of these URLs")."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = re.findall(r"^\s+(http://127\.0\.0\.1:\d+/\S+)$", log_text(log_name), re.M)
        if found:
            return found[0]
        if proc.poll() is not None:
            raise AssertionError(f"make lab stopped (code {proc.returncode}):\n{log_text(log_name)[-3000:]}")
        time.sleep(0.3)
    raise AssertionError(f"make lab printed no link:\n{log_text(log_name)[-3000:]}")


def test_make_lab_opens_notebook_00_with_the_project_files_and_no_news(page: Page, scratch: Path) -> None:
    """`make lab` as a teacher starts it (on a free loopback port, no browser opened): the printed link opens
    notebook 00, the file browser serves the project root (data/, instructors/), and no news question pops up.

    The test's own JupyterLab settings turn autosave off but leave the news setting alone, so that the
    repository's .jupyter/ config is what keeps the news question away.
    """
    port = free_port()
    env = isolated_env(scratch / "make-lab", lab_settings=False)
    first = ROOT / FIRST_NOTEBOOK
    stored = first.read_bytes()
    lab_args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --ServerApp.port_retries=0"
    cmd = [
        "make",
        "--no-print-directory",
        "-o",
        ".venv/.lab-installed",  # the test runs in an installed environment: no pip here
        "lab",
        f"BIN={Path(sys.executable).parent}",
        f"LAB_ARGS={lab_args}",
    ]
    proc = start(cmd, env, "make-lab.log")
    try:
        link = printed_link("make-lab.log", proc)
        assert link.startswith(f"http://127.0.0.1:{port}/lab/tree/{FIRST_NOTEBOOK}?token="), link
        page.goto(link, timeout=120_000)
        wait_for_idle_kernel(page)
        current_tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel")
        expect(current_tab).to_have_text(Path(FIRST_NOTEBOOK).name)
        heading = nbformat.read(first, as_version=4).cells[0].source.splitlines()[0].lstrip("# ").strip()
        expect(page.locator(".jp-Notebook h1").first).to_contain_text(heading)
        # The file browser: from its home (the project root) a teacher sees data/ and instructors/.
        page.locator(".jp-FileBrowser .jp-BreadCrumbs-home").click()
        listing = page.locator(".jp-FileBrowser .jp-DirListing-itemText")
        for folder in ("data", "instructors", "notebooks"):
            expect(listing.get_by_text(folder, exact=True)).to_be_visible()
        listing.get_by_text("data", exact=True).dblclick()
        listing.get_by_text("README.md", exact=True).dblclick()
        expect(current_tab).to_have_text("README.md")
        token = link.split("token=")[1]
        guide = page.request.get(f"http://127.0.0.1:{port}/api/contents/instructors/guide.md?token={token}")
        assert guide.ok, guide.status
        # By now the lab has restored itself and would have asked about Jupyter news.
        expect(page.locator(".Toastify__toast")).to_have_count(0)
        expect(page.locator("body")).not_to_contain_text("Jupyter news")
        assert_no_error_shown(page, ".jp-Notebook")
        shot(page, "make-lab.png")
    except AssertionError:
        shot(page, "make-lab-failed.png")
        raise
    finally:
        stop(proc)
    assert first.read_bytes() == stored, f"{FIRST_NOTEBOOK} was changed by the lab"


@pytest.mark.a11y
@pytest.mark.browser_context_args(viewport=axe_report.VIEWPORT)
@pytest.mark.parametrize("path", NOTEBOOKS + EDITIONS, ids=page_name)
def test_voila_notebook_has_no_critical_or_serious_accessibility_violations(page: Page, voila: str, path: Path) -> None:
    """axe-core on each notebook (and each translation) in Voila at 1280x720, once its first picture shows; the
    page says its language (`<html lang="es">` for notebooks/es/).

    The full report goes to $PLATETRAILS_ARTIFACTS/axe-<notebook>.json; `make a11y` prints the counts.
    """
    name = page_name(path).replace("/", "-").removesuffix(".ipynb")
    open_voila_page(page, f"{voila}/voila/render/{page_name(path)}", f"axe-{name}")
    page.wait_for_load_state("networkidle", timeout=120_000)
    expect(page.locator("html")).to_have_attribute("lang", fit.edition_language(path))
    report = axe_report.axe_report(page)
    saved = axe_report.save(report, name)
    counts = axe_report.impact_counts(report)
    assert counts["critical"] == 0 and counts["serious"] == 0, (
        f"{axe_report.summary(path.name, report)}\nfull report: {saved}"
    )


@pytest.mark.browser_context_args(viewport=fit.SCREEN)
@pytest.mark.parametrize("path", NOTEBOOKS + EDITIONS, ids=page_name)
def test_each_widget_fits_a_1280x720_projector_in_every_task_state(page: Page, voila: str, path: Path) -> None:
    """Every widget of every notebook, in its opening state and after each control a "Now try" asks students
    to move (tests/support/fit.py lists them): at most 720 px tall, no text under 18 px on the page or in the
    widget, pictures at their own size, no slider without a track and no cut readout, menu choice or radio
    button. The screenshot of each state judged goes to the artefacts (fit-<notebook>-w<widget>-<step>.png),
    and every height to fit-<notebook>.txt."""
    judged = fit.walk(page, f"{voila}/voila/render/{page_name(path)}", path, open_voila_page)
    report = fit.report(judged)
    (ARTIFACTS / f"fit-{page_name(path).replace('/', '-').removesuffix('.ipynb')}.txt").write_text(report + "\n")
    print(report)
    widgets = {j.widget for j in judged if j.widget >= 0}
    assert widgets, "no widget was judged"
    assert len(judged) > len(widgets) + 1 or not fit.TASKS.get(path.stem), "no task step was judged"
    bad = [line for j, line in zip(judged, report.splitlines()) if j.problems]
    assert not bad, "\n".join(bad[:20])
    assert_no_error_shown(page)


LATER_NOTEBOOKS = [p for p in NOTEBOOKS if p.name[:2] in {"03", "04", "05", "06"}]


def test_jupyterlab_runs_every_later_notebook_and_shows_its_widgets(page: Page, scratch: Path) -> None:
    """Notebooks 03 to 06 in JupyterLab: Run All, every cell runs, a widget picture shows, and no error."""
    port, token = free_port(), "platetrails-test"
    env = isolated_env(scratch / "lab-later")
    root = scratch / "lab-later-root"
    shutil.copytree(NOTEBOOK_DIR, root)  # a notebook that saves (06 keeps the stand) writes into the copy
    base = f"http://127.0.0.1:{port}"
    proc = serve(
        jupyter_command("jupyterlab", port, root, token), f"{base}/api/status?token={token}", env, "lab-later.log"
    )
    try:
        assert len(LATER_NOTEBOOKS) == 4
        for i, path in enumerate(LATER_NOTEBOOKS):  # a fresh workspace each time: only this notebook is open
            page.goto(f"{base}/lab/workspaces/later{i}/tree/{path.name}?reset&token={token}", timeout=120_000)
            wait_for_idle_kernel(page)
            run_all_cells(page)
            notebook = page.locator(".jp-Notebook")
            expect(notebook.locator(".widget-output img").first).to_be_visible(timeout=120_000)
            expect(notebook.locator(".jp-InputPrompt", has_text="*")).to_have_count(0, timeout=180_000)
            assert_no_error_shown(page, ".jp-Notebook")
            shot(page, f"jupyterlab-{path.stem}.png")
    finally:
        stop(proc)
