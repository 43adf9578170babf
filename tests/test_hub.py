"""The class hub (issue #13): a real JupyterHub, real system users, nbgitpuller, JupyterLab and Voila in Chromium.

The module starts its own hub (hub/launch.py) on free loopback ports with a temporary class list of one teacher
and two students (system users named ptteacher*/ptstudent*, created by the hub, homes in a temporary folder),
and on teardown stops it and deletes those users, their homes and the scratch folder. Needs root (the hub
creates the users) and hub/.venv (built here with hub/setup.sh when missing; .ci/run builds it first).
"""

from __future__ import annotations

import os
import pwd
import secrets
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub import launch
from hub.kernel_client import KernelSession

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("PLATETRAILS_ARTIFACTS", Path(tempfile.gettempdir()) / "platetrails-artifacts"))
ERROR_TEXT = ["Traceback", "Error displaying widget", "ModuleNotFoundError", "Remote content unavailable"]
SUFFIX = secrets.token_hex(2)
TEACHER = f"ptteacher{SUFFIX}"
STUDENTS = [f"ptstudent{SUFFIX}a", f"ptstudent{SUFFIX}b"]
PASSWORD = "alder-falls-" + secrets.token_hex(4)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]  # may build hub/.venv first

if os.geteuid() != 0:
    pytest.skip("the class hub needs root: it creates a system user per student", allow_module_level=True)
if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing; .ci/run installs Debian's chromium before the tests")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Page  # noqa: E402


@pytest.fixture(scope="module")
def hub() -> Iterator[launch.Hub]:
    problem = launch.unreadable_by_students()
    if problem:
        pytest.fail(problem)  # a clear message, not a hub that cannot start anyone's server
    if not launch.ready():
        # Builds hub/.venv and the proxy (about 2 minutes); CI runs hub/setup.sh before the tests.
        launch.ensure_setup()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with launch.Hub([TEACHER], STUDENTS, log_path=ARTIFACTS / "hub.log") as running:
        yield running
    # The machine is as it was: no hub users, no homes, no scratch folder.
    for name in [TEACHER, *STUDENTS]:
        with pytest.raises(KeyError):
            pwd.getpwnam(name)
    assert not running.scratch.exists()


# `browser` is pytest-playwright's session fixture: Debian's Chromium, launched with the flags in conftest.py.


def log_in(page: Page, hub: launch.Hub, name: str, password: str) -> None:
    page.goto(f"{hub.url}/hub/login", wait_until="domcontentloaded")
    page.fill("#username_input", name)
    page.fill("#password_input", password)
    page.click("#login_submit")


def run_all_cells(page: Page) -> None:
    """Run > Run All Cells; once more if no cell has started after 20 s (a click while the kernel was still
    connecting can be lost)."""
    started = "() => Array.from(document.querySelectorAll('.jp-Notebook .jp-InputPrompt')).some(p => /[0-9*]/.test(p.textContent))"
    for attempt in range(2):
        page.wait_for_timeout(1000)
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
        try:
            page.wait_for_function(started, timeout=20_000)
            return
        except Exception:
            if attempt:
                raise


def assert_no_error_shown(page: Page) -> None:
    text = page.inner_text("body")
    for bad in ERROR_TEXT:
        assert bad not in text, f"the page shows '{bad}'"


def test_a_student_logs_in_finds_the_notebooks_and_runs_the_mosaic(hub: launch.Hub, browser) -> None:
    student = STUDENTS[0]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log_in(page, hub, student, PASSWORD)  # first use: this sets the student's password
    # The hub starts the server, nbgitpuller copies the notebooks, and JupyterLab opens the first one.
    page.wait_for_url(f"**/user/{student}/lab/tree/plate-trails/notebooks/00_start_here.ipynb*", timeout=240_000)
    home = Path(pwd.getpwnam(student).pw_dir)
    copy = home / "plate-trails" / "notebooks" / "02_the_mosaic.ipynb"
    assert copy.exists() and copy.stat().st_uid == pwd.getpwnam(student).pw_uid, "the student owns their copy"

    page.goto(f"{hub.url}/user/{student}/lab/tree/plate-trails/notebooks", wait_until="domcontentloaded")
    listing = page.locator(".jp-DirListing-content").get_by_text("02_the_mosaic.ipynb")
    listing.wait_for(timeout=60_000)
    page.goto(f"{hub.url}/user/{student}/lab/tree/plate-trails/notebooks/02_the_mosaic.ipynb?reset", timeout=120_000)
    try:
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')", timeout=120_000)
        run_all_cells(page)
        page.wait_for_selector(".jp-Notebook .platetrails-widget .widget-output img", timeout=180_000)
        page.wait_for_function(  # every cell has run
            "() => document.querySelectorAll('.jp-Notebook .jp-Cell .jp-InputPrompt').length > 0 && "
            "!Array.from(document.querySelectorAll('.jp-InputPrompt')).some(p => p.textContent.includes('*'))",
            timeout=180_000,
        )
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "hub-student-lab.png"))
        raise
    assert_no_error_shown(page)
    assert page.query_selector_all(".jp-Notebook [data-mime-type='application/vnd.jupyter.stderr']") == []
    context.close()

    # First-use passwords stick: the same name with another password is refused.
    other = browser.new_context()
    page = other.new_page()
    log_in(page, hub, student, PASSWORD + "-wrong")
    page.wait_for_selector("text=Invalid username or password", timeout=30_000)
    other.close()


def pulled_home(hub: launch.Hub, name: str) -> Path:
    """The student's home with the notebooks pulled in: by an earlier test's login, or here through nbgitpuller's
    API (pytest may run this module's tests in any order once the browser tests are grouped)."""
    home = Path(pwd.getpwnam(name).pw_dir)
    if not (home / "plate-trails" / "notebooks").is_dir():
        hub.start_server(name)
        pull = urllib.request.Request(hub.pull_url(name), headers={"Authorization": f"token {hub.user_token(name)}"})
        with urllib.request.urlopen(pull, timeout=300) as events:
            events.read()  # nbgitpuller streams its progress and closes the stream when the copy is done
    assert (home / "plate-trails" / "notebooks").is_dir(), "nbgitpuller copied the notebooks in"
    return home


def test_a_second_student_cannot_open_the_first_students_files(hub: launch.Hub) -> None:
    first, second = STUDENTS
    first_home = pulled_home(hub, first)
    hub.start_server(second)
    token = hub.user_token(second)

    # Through the hub: the second student's token does not open the first student's server.
    req = urllib.request.Request(
        f"{hub.url}/user/{first}/api/contents/plate-trails/notebooks", headers={"Authorization": f"token {token}"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(req, timeout=30)
    assert refused.value.code == 403

    # From the second student's own kernel: the first student's home is closed to them (a separate system user).
    kernel = KernelSession(f"{hub.url}/user/{second}", token)
    try:
        probe = kernel.execute(
            "import os\n"
            "results = []\n"
            f"for attempt in (lambda: os.listdir({str(first_home)!r}),\n"
            f"                lambda: open({str(first_home / 'plate-trails/notebooks/02_the_mosaic.ipynb')!r}).read()):\n"
            "    try:\n"
            "        attempt()\n"
            "        results.append('opened')\n"
            "    except PermissionError:\n"
            "        results.append('refused')\n"
            "print(os.getuid(), results)"
        )
    finally:
        kernel.close()
    assert probe.status == "ok", probe.errors
    printed = "".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout")
    assert printed.split(" ", 1) == [str(pwd.getpwnam(second).pw_uid), "['refused', 'refused']\n"]


def test_the_teacher_presents_the_mosaic_with_voila(hub: launch.Hub, browser) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log_in(page, hub, TEACHER, PASSWORD)
    page.wait_for_url(f"**/user/{TEACHER}/lab/tree/plate-trails/**", timeout=240_000)
    page.goto(
        f"{hub.url}/user/{TEACHER}/voila/render/plate-trails/notebooks/02_the_mosaic.ipynb",
        wait_until="commit",
        timeout=120_000,
    )
    try:
        page.wait_for_selector(".platetrails-widget .widget-output img", timeout=180_000)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "hub-teacher-voila.png"))
        raise
    assert_no_error_shown(page)
    context.close()
