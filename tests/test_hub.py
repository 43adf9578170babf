"""The class hub (issues #13 and #17): a real JupyterHub, real system users, nbgitpuller, JupyterLab and Voila in
Chromium, tried as a student who wants someone else's account, files or machine would.

The module starts its own hub (hub/launch.py) on free loopback ports with a temporary class list of one teacher
and two students (system users named ptteacher*/ptstudent*, created by the hub, each home on a filesystem of its
own in a temporary folder), and on teardown stops it and deletes those users, their homes and the scratch folder.
Needs root (the hub creates the users) and hub/.venv (built here with hub/setup.sh when missing; .ci/run builds it
first).
"""

from __future__ import annotations

import dbm
import json
import os
import pwd
import secrets
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub import launch
from hub.kernel_client import KernelSession
from hub.limits import StudentGroup

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("PLATETRAILS_ARTIFACTS", Path(tempfile.gettempdir()) / "platetrails-artifacts"))
ERROR_TEXT = ["Traceback", "Error displaying widget", "ModuleNotFoundError", "Remote content unavailable"]
SUFFIX = secrets.token_hex(2)
TEACHER = f"ptteacher{SUFFIX}"
STUDENTS = [f"ptstudent{SUFFIX}a", f"ptstudent{SUFFIX}b"]
PASSWORD = "alder-falls-" + secrets.token_hex(4)
HOME_SIZE = "160M"  # each home's own filesystem: the notebooks' copy needs about 10 MB

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]  # may build hub/.venv first

if os.geteuid() != 0:
    pytest.skip("the class hub needs root: it creates a system user per student", allow_module_level=True)
if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing; .ci/run installs Debian's chromium before the tests")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Page, expect  # noqa: E402


@pytest.fixture(scope="module")
def hub() -> Iterator[launch.Hub]:
    problem = launch.unreadable_by_students()
    if problem:
        pytest.fail(problem)  # a clear message, not a hub that cannot start anyone's server
    if not launch.ready():
        # Builds hub/.venv and the proxy (about 2 minutes); CI runs hub/setup.sh before the tests.
        launch.ensure_setup()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with launch.Hub([TEACHER], STUDENTS, log_path=ARTIFACTS / "hub.log", home_size=HOME_SIZE) as running:
        yield running
    # The machine is as it was: no hub users (nor the service's, if the hub made it), no homes, no scratch folder.
    for name in [TEACHER, *STUDENTS, *([launch.SERVICE_USER] if running.made_service_user else [])]:
        with pytest.raises(KeyError):
            pwd.getpwnam(name)
    assert not running.scratch.exists()


# `browser` is pytest-playwright's session fixture: Debian's Chromium, launched with the flags in conftest.py.


def log_in(page: Page, hub: launch.Hub, name: str, password: str) -> None:
    page.goto(f"{hub.url}/hub/login", wait_until="domcontentloaded")
    page.fill("#username_input", name)
    page.fill("#password_input", password)
    page.click("#login_submit")


def join_in_browser(page: Page, hub: launch.Hub, name: str, code: str, password: str) -> None:
    """The join page, as a student fills it in from their slip."""
    page.goto(f"{hub.url}/hub/join", wait_until="domcontentloaded")
    page.fill("#join_username", name)
    page.fill("#join_code", code)
    page.fill("#join_password", password)
    page.fill("#join_again", password)
    page.click("#join_submit")


def joined(hub: launch.Hub, name: str) -> None:
    """`name` has joined with their code and PASSWORD (here, unless an earlier test did it in a browser)."""
    if name in hub.codes:
        status = hub.join(name, PASSWORD)
        if status == 302:
            hub.codes.pop(name)
    assert hub.api("GET", f"/users/{name}")["name"] == name


def status_of(url: str, token: str | None = None, method: str = "GET") -> int:
    """The HTTP status of one request with a token, redirects not followed (a redirect is not a refusal)."""
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {}, method=method)
    try:
        with urllib.request.build_opener(launch.NoRedirect).open(req, timeout=60) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


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


# --- Accounts: no one takes a listed account (issue #17) ---------------------------------------------------------


def test_no_one_takes_the_teachers_or_another_students_account(hub: launch.Hub, browser) -> None:
    """A student who knows the teacher's name, and their own code, tries every door before the teacher has joined."""
    attacker, victim = STUDENTS[1], STUDENTS[0]
    attacker_code = hub.codes[attacker] if attacker in hub.codes else None
    assert not hub_password_set(hub, TEACHER), "this test runs before the teacher joins"
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        # Sign in under the teacher's name with any password: the teacher has not joined, and no password is set.
        for name in (TEACHER, victim):
            log_in(page, hub, name, "whatever-i-like-123")
            page.wait_for_selector("text=Invalid username or password", timeout=30_000)
        # The join page with the teacher's name and a made-up code, or with the attacker's own code.
        for code in ("AAAA-BBBB-CCCC", attacker_code or "2222-3333-4444"):
            join_in_browser(page, hub, TEACHER, code, "whatever-i-like-123")
            page.wait_for_selector("#join_error", timeout=30_000)
            assert "do not match" in page.inner_text("#join_error")
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "hub-takeover.png"))
        raise
    context.close()
    # Nothing above set a password: the teacher's code still works for the teacher, once.
    assert not hub_password_set(hub, TEACHER) and not hub_password_set(hub, victim)
    joined(hub, TEACHER)
    assert hub_password_set(hub, TEACHER)
    assert hub.join(TEACHER, "another-password-1", code=launch_code_again(hub, TEACHER)) == 403

    # A student's own token reaches nothing of the teacher's or the class's through the hub's API...
    joined(hub, attacker)
    token = hub.user_token(attacker)
    for method, path in [
        ("GET", "/hub/api/users"),
        ("POST", f"/hub/api/users/{victim}/tokens"),
        ("POST", f"/hub/api/users/{victim}/server"),
        ("DELETE", f"/hub/api/users/{TEACHER}/server"),
    ]:
        assert status_of(f"{hub.url}{path}", token, method=method) in (403, 404), (method, path)
    # ...and their signed-in browser opens neither the admin page nor the teacher's codes page.
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    log_in(page, hub, attacker, PASSWORD)
    page.wait_for_url(f"**/user/{attacker}/**", timeout=240_000)
    for path in ("/hub/admin", "/hub/class-codes"):
        response = page.goto(f"{hub.url}{path}", wait_until="domcontentloaded")
        assert response is not None and response.status == 403, path
    context.close()


def hub_password_set(hub: launch.Hub, name: str) -> bool:
    """True once `name` has a password in the hub's store (a dbm file; read here without the hub's packages)."""
    try:
        with dbm.open(str(hub.state / "passwords.dbm"), "r") as db:
            return name.encode() in db
    except dbm.error[0]:
        return False


def launch_code_again(hub: launch.Hub, name: str) -> str:
    """The code that was printed for `name` (used up once they joined)."""
    return json.loads((hub.state / "new-codes.json").read_text())[name]


def test_the_class_list_and_the_codes_are_for_root_only(hub: launch.Hub) -> None:
    for path in (hub.class_list, hub.state / "new-codes.json", hub.state / "new-codes.html"):
        mode = path.stat().st_mode & 0o777
        assert path.stat().st_uid == 0 and mode & 0o077 == 0, f"{path} is mode {oct(mode)}"
    probe = subprocess.run(["runuser", "-u", STUDENTS[0], "--", "cat", str(hub.class_list)], capture_output=True)
    assert probe.returncode != 0


def test_the_teacher_gives_a_student_a_new_code_and_it_works_at_once(hub: launch.Hub, browser) -> None:
    student = STUDENTS[1]
    joined(hub, TEACHER)
    joined(hub, student)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    log_in(page, hub, TEACHER, PASSWORD)
    page.wait_for_url(f"**/user/{TEACHER}/**", timeout=240_000)
    page.goto(f"{hub.url}/hub/home", wait_until="domcontentloaded")
    page.click("text=the class list, and codes to print or reset")  # the teacher's way in, on the hub's pages
    page.click(f"button[aria-label='New code for {student}']")
    page.wait_for_selector(".slip-code", timeout=30_000)
    assert page.inner_text(".slip-name") == student
    code = page.inner_text(".slip-code").strip()
    page.screenshot(path=str(ARTIFACTS / "hub-class-codes.png"))
    context.close()
    # The old password stops working, and the new code lets the student choose a password at once, no restart.
    assert hub.join(student, PASSWORD, code="WRONG-CODE-0000") == 403
    assert hub.join(student, PASSWORD, code=code) == 302
    assert hub.join(student, PASSWORD, code=code) == 403, "a code works once"


def test_a_student_logs_in_finds_the_notebooks_and_runs_the_mosaic(hub: launch.Hub, browser) -> None:
    student = STUDENTS[0]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    join_in_browser(page, hub, student, hub.codes.pop(student), PASSWORD)  # from the slip the teacher printed
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

    # No Terminal where it cannot work: the server offers none (the launcher shows no Terminal tile).
    token = hub.user_token(student)
    assert status_of(f"{hub.url}/user/{student}/api/terminals", token, method="POST") == 404

    # The chosen password sticks: the same name with another password is refused.
    other = browser.new_context()
    page = other.new_page()
    log_in(page, hub, student, PASSWORD + "-wrong")
    page.wait_for_selector("text=Invalid username or password", timeout=30_000)
    other.close()


def pulled_home(hub: launch.Hub, name: str) -> Path:
    """The student's home with the notebooks pulled in: by an earlier test's login, or here through nbgitpuller's
    API (pytest may run this module's tests in any order once the browser tests are grouped)."""
    joined(hub, name)
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


def open_in_voila(page: Page, hub: launch.Hub, name: str, notebook: str) -> None:
    """Sign in as `name`, wait for their JupyterLab on the class's copy, then open `notebook` in their own Voila."""
    log_in(page, hub, name, PASSWORD)
    page.wait_for_url(f"**/user/{name}/lab/tree/plate-trails/**", timeout=240_000)
    page.goto(
        f"{hub.url}/user/{name}/voila/render/plate-trails/notebooks/{notebook}", wait_until="commit", timeout=120_000
    )


def test_the_teacher_presents_the_mosaic_with_voila(hub: launch.Hub, browser) -> None:
    joined(hub, TEACHER)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    open_in_voila(page, hub, TEACHER, "02_the_mosaic.ipynb")
    try:
        page.wait_for_selector(".platetrails-widget .widget-output img", timeout=180_000)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "hub-teacher-voila.png"))
        raise
    assert_no_error_shown(page)
    context.close()


# --- Limits that hold: memory, processes, space (issue #17) -------------------------------------------------------


def kernel_for(hub: launch.Hub, name: str) -> KernelSession:
    pulled_home(hub, name)
    return KernelSession(f"{hub.url}/user/{name}", hub.user_token(name), timeout=180)


def printed(reply) -> str:
    return "".join(o.get("text", "") for o in reply.outputs if o.get("name") == "stdout")


def plain_message(reply) -> str:
    """The bold sentence the lab shows instead of a traceback (platetrails/plain_errors.py), or ''."""
    return " ".join(o.get("data", {}).get("text/markdown", "") for o in reply.outputs).strip()


def test_a_memory_eater_gets_a_plain_message_and_the_class_limit_holds(hub: launch.Hub) -> None:
    student, other = STUDENTS
    kernel = kernel_for(hub, student)
    neighbour = kernel_for(hub, other)
    try:
        # One greedy cell: refused with one plain sentence, and the kernel goes on.
        eaten = kernel.execute("block = bytearray(2 * 1024**3)")
        assert eaten.status == "error" and eaten.errors == [], "no traceback, only the plain sentence"
        assert plain_message(eaten).startswith("**This cell asked for more memory than one person may use on the")
        assert "class server (1 GiB)" in plain_message(eaten)
        shown = kernel.execute("1 + 1")
        assert shown.status == "ok"
        # Several processes that each stay under the per-process limit: together they pass the student's limit,
        # and the machine stops one of them, inside this student's group only.
        group = StudentGroup(student)
        kills = group.out_of_memory_kills()
        crowd = kernel.execute(
            "import subprocess, sys\n"
            "eat = 'b = bytearray(600 * 2**20); b[::4096] = bytes(len(b[::4096])); import time; time.sleep(4)'\n"
            "crowd = [subprocess.Popen([sys.executable, '-c', eat]) for _ in range(3)]\n"
            "print(sorted(p.wait() for p in crowd))"
        )
        assert crowd.status == "ok", crowd.errors
        assert "-9" in printed(crowd), "one of the three was stopped"
        assert group.out_of_memory_kills() > kills
        assert neighbour.execute("print(sum(range(10)))").status == "ok"
        assert int((group.folders["memory"] / "memory.limit_in_bytes").read_text()) == 1024**3
        assert (group.folders["cpu"] / "cpu.cfs_quota_us").read_text().strip() == "100000"
    finally:
        kernel.close()
        neighbour.close()


def test_a_process_limit_holds_with_a_plain_message(hub: launch.Hub) -> None:
    student = STUDENTS[0]
    kernel = kernel_for(hub, student)
    try:
        bomb = kernel.execute(
            "import subprocess\nsleepers = []\nfor _ in range(1000):\n    sleepers.append(subprocess.Popen(['sleep', '60']))"
        )
        assert bomb.status == "error" and bomb.errors == [], "no traceback, only the plain sentence"
        assert "more programs at once than one person may run on the class server" in plain_message(bomb)
        count = kernel.execute("print(len(sleepers))\nfor p in sleepers: p.kill(); p.wait()")
        assert count.status == "ok"
        assert 0 < int(printed(count)) < 256
    finally:
        kernel.close()


def test_one_full_home_does_not_stop_another_students_save(hub: launch.Hub) -> None:
    filler, saver = STUDENTS
    kernel = kernel_for(hub, filler)
    pulled_home(hub, saver)
    try:
        full = kernel.execute(
            "import os\n"
            "with open(os.path.expanduser('~/fill.bin'), 'wb') as f:\n"
            "    while True:\n"
            "        f.write(b'x' * 2**20)\n"
        )
        assert full.status == "error" and plain_message(full).startswith("**Your folder is full")
        assert os.path.ismount(pwd.getpwnam(filler).pw_dir), "the home is a filesystem of its own"
        # Their own /tmp is private and small: nothing they put there lands on the hub's disk or in another's /tmp.
        assert kernel.execute(f"open('/tmp/{filler}.txt', 'w').write('hello')").status == "ok"
        assert not Path(f"/tmp/{filler}.txt").exists()
        # The other student saves a notebook and starts a kernel as usual.
        token = hub.user_token(saver)
        body = json.dumps({"type": "file", "format": "text", "content": "my answer"}).encode()
        req = urllib.request.Request(
            f"{hub.url}/user/{saver}/api/contents/plate-trails/answer.txt",
            data=body,
            method="PUT",
            headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as resp:
            assert resp.status in (200, 201)
        other = KernelSession(f"{hub.url}/user/{saver}", token, timeout=120)
        try:
            seen = other.execute(f"import os; print(os.path.exists('/tmp/{filler}.txt'))")
        finally:
            other.close()
        assert seen.status == "ok" and printed(seen).strip() == "False"
        assert hub.api("GET", f"/users/{saver}")["servers"][""]["ready"]
    finally:
        kernel.execute("import os; os.remove(os.path.expanduser('~/fill.bin'))")
        kernel.close()


def test_a_hub_restart_mid_class_loses_no_kernel_and_no_file(hub: launch.Hub) -> None:
    kernels = {name: kernel_for(hub, name) for name in STUDENTS}
    try:
        for name, kernel in kernels.items():
            assert kernel.execute(f"answer = 'kept by {name}'\nopen('restart.txt', 'w').write(answer)").status == "ok"
        token = service_token(hub, STUDENTS[0])
        assert answers_call(hub, "api/answers/03-exit", token, "PUT", {"answer": "kept over a restart"})[0] == 200
        took = hub.restart()
        assert took < 10, f"the hub took {took:.1f} s to stop"
        wait_for_service(hub)
        kept = answers_call(hub, "api/answers/mine", token)[1]["answers"]
        assert [a["answer"] for a in kept if a["question"] == "03-exit"] == ["kept over a restart"]
        for name, kernel in kernels.items():
            reply = kernel.execute("print(answer, open('restart.txt').read())")
            assert reply.status == "ok" and printed(reply).split() == ["kept", "by", name] * 2
            server = hub.api("GET", f"/users/{name}")["servers"][""]
            assert server["ready"], "the hub found the running server again"
    finally:
        for kernel in kernels.values():
            kernel.close()


# --- The class view (issue #23): answers sent to the teacher, private by design --------------------------------------

IMG = "<img src=x onerror=alert(1)>"
QUESTION = "04-predict-share"  # a prediction with choices (none, half, most) in platetrails/questions.py


def answers_url(hub: launch.Hub, path: str = "") -> str:
    return f"{hub.url}/services/class-answers/{path}"


def answers_call(hub: launch.Hub, path: str, token: str, method: str = "GET", body: object = None):
    """(status, decoded JSON or text) of one request to the class-answers service with a token."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        answers_url(hub, path),
        data=data,
        method=method,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.build_opener(launch.NoRedirect).open(req, timeout=60) as resp:
            status, text = resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        status, text = err.code, err.read().decode()
    try:
        return status, json.loads(text)
    except json.JSONDecodeError:
        return status, text


def service_token(hub: launch.Hub, name: str) -> str:
    """A token like a student's server token for the service (only access to it), made through the hub's API."""
    return hub.api("POST", f"/users/{name}/tokens", {"scopes": ["access:services!service=class-answers"]})["token"]


def wait_for_service(hub: launch.Hub, seconds: float = 60) -> None:
    """After a (re)start the hub starts the service; wait until it answers."""
    deadline = time.time() + seconds
    token = service_token(hub, STUDENTS[0])
    while time.time() < deadline:
        if answers_call(hub, "api/policy", token)[0] == 200:
            return
        time.sleep(0.5)
    raise TimeoutError("the class-answers service did not answer")


SEND_FROM_KERNEL = """
import json, os, urllib.request, urllib.error
def call(path, body=None, method="GET"):
    req = urllib.request.Request(os.environ["PT_CLASS_ANSWERS_URL"] + path, method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": "token " + os.environ["JUPYTERHUB_API_TOKEN"], "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())
"""


def test_students_send_answers_from_their_kernels_and_see_only_their_own(hub: launch.Hub) -> None:
    first, second = STUDENTS
    kernels = {name: kernel_for(hub, name) for name in STUDENTS}
    try:
        replies = {}
        for name, answer, choice in ((first, IMG, "half"), (second, "Most homes, I think", "most")):
            code = SEND_FROM_KERNEL + (
                f"print(json.dumps([os.environ['PT_CLASS_ANSWERS_URL'], os.environ['PT_CLASS_ANSWERS_KEEP_DAYS'],"
                f" call('api/answers/{QUESTION}', {{'answer': {answer!r}, 'choice': {choice!r}}}, 'PUT'),"
                " call('api/answers/mine')]))"
            )
            reply = kernels[name].execute(code)
            assert reply.status == "ok", reply.errors
            replies[name] = json.loads(printed(reply))
        url, keep, sent, mine = replies[first]
        assert url == answers_url(hub) and keep == "42"
        assert sent[0] == 200 and sent[1]["answer"] == IMG and sent[1]["choice"] == "half"
        assert mine[0] == 200 and [a["answer"] for a in mine[1]["answers"] if a["question"] == QUESTION] == [IMG]

        # The second student sees only their own answer, and cannot write the first student's through forged fields.
        forged = kernels[second].execute(
            SEND_FROM_KERNEL
            + f"print(json.dumps([call('api/answers/{QUESTION}', {{'answer': 'hacked', 'student': {first!r}}}, 'PUT'),"
            f" call('api/answers/{QUESTION}', {{'answer': 'hacked', 'user': {first!r}, 'choice': None}}, 'PUT'),"
            " call('api/answers/../../api/class'), call('api/answers/mine')]))"
        )
        assert forged.status == "ok", forged.errors
        by_student, by_user, sneaky, mine_second = json.loads(printed(forged))
        assert by_student[0] == 400 and "remove student" in by_student[1]["error"]
        assert by_user[0] == 400 and "Traceback" not in json.dumps(by_user)
        assert sneaky[0] in (400, 403, 404)
        assert [a["answer"] for a in mine_second[1]["answers"] if a["question"] == QUESTION] == ["Most homes, I think"]
        first_now = answers_call(hub, "api/answers/mine", service_token(hub, first))[1]
        assert [a["answer"] for a in first_now["answers"] if a["question"] == QUESTION] == [IMG], "unchanged"
        # A bad question id or an empty answer gets one plain sentence.
        status, bad = answers_call(hub, "api/answers/99-guess", service_token(hub, second), "PUT", {"answer": "x"})
        assert status == 400 and bad["error"].endswith(".") and "Traceback" not in bad["error"]
    finally:
        for kernel in kernels.values():
            kernel.close()


def test_a_student_clicks_send_in_the_notebook_and_the_teacher_has_it(hub: launch.Hub, browser) -> None:
    """The send box itself, in a real browser on the student's own server: choose, type, click, see it sent."""
    student = STUDENTS[1]
    pulled_home(hub, student)
    typed = "Plates still reach the agency <b>through</b> the county"
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    open_in_voila(page, hub, student, "04_who_shares.ipynb")
    try:
        box = page.locator(".platetrails-answer").filter(has_text="federal query could still guess")
        expect(box).to_have_count(1, timeout=180_000)
        box.get_by_role("button", name="about half").click()
        box.locator("textarea").fill(typed)
        box.get_by_role("button", name="Send to my teacher").click()
        expect(box).to_contain_text("Sent to your teacher", timeout=30_000)
        expect(box).to_contain_text(typed)  # what was sent is shown, as text
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "hub-student-send.png"))
        raise
    finally:
        context.close()
    status, mine = answers_call(hub, "api/answers/mine", service_token(hub, student))
    assert status == 200
    sent = [a for a in mine["answers"] if a["question"] == QUESTION]
    assert [(a["answer"], a["choice"]) for a in sent] == [(typed, "half")]


def test_a_student_gets_403_on_every_teacher_page(hub: launch.Hub) -> None:
    student = STUDENTS[1]
    joined(hub, student)
    for token in (service_token(hub, student), hub.user_token(student)):
        for method, path in [
            ("GET", ""),
            ("GET", "?present=1"),
            ("GET", "api/class"),
            ("POST", "api/names"),
            ("GET", "answers.csv"),
            ("POST", "api/delete-all"),
        ]:
            body = {"question": QUESTION} if method == "POST" else None
            assert answers_call(hub, path, token, method, body)[0] == 403, (method, path)
    # Nobody signed in: the API refuses, the page sends the browser to the hub's sign-in.
    assert status_of(answers_url(hub, "api/class")) == 403
    assert status_of(answers_url(hub)) == 302


def test_the_teacher_sees_the_class_anonymised_shows_names_presents_exports_and_deletes(
    hub: launch.Hub, browser
) -> None:
    first, second = STUDENTS
    joined(hub, TEACHER)
    assert answers_call(hub, "api/delete-all", hub.user_token(TEACHER), "POST", {})[0] == 200  # a clean slate
    tokens = {name: service_token(hub, name) for name in STUDENTS}
    assert (
        answers_call(hub, f"api/answers/{QUESTION}", tokens[first], "PUT", {"answer": IMG, "choice": "half"})[0] == 200
    )
    assert (
        answers_call(hub, f"api/answers/{QUESTION}", tokens[second], "PUT", {"answer": "Most homes", "choice": "most"})[
            0
        ]
        == 200
    )
    joined(hub, TEACHER)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        log_in(page, hub, TEACHER, PASSWORD)
        page.wait_for_url(f"**/user/{TEACHER}/**", timeout=240_000)
        page.goto(f"{hub.url}/hub/home", wait_until="domcontentloaded")
        link = page.get_by_role("link", name="the class view: the class's answers")  # the teacher's link on the hub
        assert link.count() == 1 and link.get_attribute("href") == "/services/class-answers/"
        response = page.goto(answers_url(hub), wait_until="domcontentloaded")  # through the hub's OAuth
        assert response is not None and response.status == 200
        csp = response.headers.get("content-security-policy", "")
        assert "script-src 'nonce-" in csp and "default-src 'none'" in csp and "unsafe" not in csp
        section = page.locator(f"section.question[data-question='{QUESTION}']")
        section.wait_for(timeout=30_000)
        assert "2 answers" in section.locator(".count").inner_text()
        body = page.inner_text("body")
        assert first not in body and second not in body, "names are hidden by default"
        assert "Student 1" in body and "Student 2" in body
        assert IMG in section.locator(".wall").inner_text(), "typed HTML is shown as text"
        assert "about half" in section.inner_text(), "the choices' labels, from platetrails.questions"
        assert section.locator("details summary").inner_text() == "What the data shows"
        assert page.locator("main img").count() == 0
        page.screenshot(path=str(ARTIFACTS / "class-answers-dashboard.png"))

        # A POST without the XSRF token is refused, even from the teacher's own signed-in page.
        refused = page.evaluate(
            "() => fetch('api/delete-all', {method: 'POST', credentials: 'same-origin'}).then(r => r.status)"
        )
        assert refused == 403
        assert len(answers_call(hub, "api/answers/mine", tokens[first])[1]["answers"]) == 1

        # Show names: the teacher sees them, and the first student sees that it happened.
        page.click(f'button[aria-label="Show the students\' names for {QUESTION}"]')
        section.get_by_text(first).wait_for(timeout=15_000)
        assert second in section.inner_text()
        views = answers_call(hub, "api/answers/mine", tokens[first])[1]["views"]
        assert len(views) == 1 and views[0]["question"] == QUESTION

        # The CSV has both rows.
        csv_text = page.request.get(answers_url(hub, "answers.csv")).text()
        rows = csv_text.strip().splitlines()
        assert rows[0] == "question,student,choice,answer,sent_at" and len(rows) == 3
        assert any(first in r and IMG in r for r in rows) and any(second in r and "most" in r for r in rows)

        # Show to the class: never a name, and no way to show them.
        page.goto(answers_url(hub, "?present=1"), wait_until="domcontentloaded")
        section.wait_for(timeout=30_000)
        present_text = page.inner_text("body")
        assert first not in present_text and second not in present_text and "Student 1" in present_text
        assert page.locator("button.show-names").count() == 0
        page.screenshot(path=str(ARTIFACTS / "class-answers-present.png"))

        # Delete all, after the confirm: the class's answers are gone.
        page.goto(answers_url(hub), wait_until="domcontentloaded")
        section.wait_for(timeout=30_000)
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#delete-all")
        page.get_by_text("Deleted 2 answers.").wait_for(timeout=15_000)
        page.get_by_text("No answers yet.").wait_for(timeout=15_000)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "class-answers-failed.png"))
        raise
    finally:
        context.close()
    for name in STUDENTS:
        assert answers_call(hub, "api/answers/mine", tokens[name])[1]["answers"] == []


def test_the_service_deletes_answers_past_the_keep_time(hub: launch.Hub) -> None:
    """Started with a keep time of 4 seconds, the service deletes an older answer when it starts and a new one
    within seconds; then the hub goes back to the usual keep time."""
    student = STUDENTS[0]
    token = service_token(hub, student)
    assert answers_call(hub, "api/answers/01-exit", token, "PUT", {"answer": "old"})[0] == 200
    time.sleep(4.5)
    hub.extra_env["PT_HUB_ANSWERS_KEEP_DAYS"] = str(4 / 86400)
    try:
        hub.restart()
        wait_for_service(hub)
        assert answers_call(hub, "api/answers/mine", token)[1]["answers"] == [], "deleted when the service started"
        assert answers_call(hub, "api/answers/01-exit", token, "PUT", {"answer": "new"})[0] == 200
        assert [a["answer"] for a in answers_call(hub, "api/answers/mine", token)[1]["answers"]] == ["new"]
        deadline = time.time() + 20
        while time.time() < deadline and answers_call(hub, "api/answers/mine", token)[1]["answers"]:
            time.sleep(0.5)
        assert answers_call(hub, "api/answers/mine", token)[1]["answers"] == [], "deleted by the periodic check"
    finally:
        hub.extra_env.pop("PT_HUB_ANSWERS_KEEP_DAYS", None)
        hub.restart()
        wait_for_service(hub)


def test_the_answers_folder_belongs_to_the_service_user_alone(hub: launch.Hub) -> None:
    folder = hub.state.parent / f"{hub.state.name}-answers"
    owner = pwd.getpwnam(launch.SERVICE_USER)
    assert folder.stat().st_uid == owner.pw_uid and folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "answers.sqlite").stat().st_uid == owner.pw_uid
    probe = subprocess.run(["runuser", "-u", STUDENTS[0], "--", "ls", str(folder)], capture_output=True)
    assert probe.returncode != 0


SQLALCHEMY_STORE = """
import json, sys
from datetime import datetime, timedelta, timezone
sys.path.insert(0, sys.argv[2])
from answers_store import AnswerStore
t0 = datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc)
store = AnswerStore(sys.argv[1], keep_days=7)
store.put("ana", "04-predict-share", "about half", "half", now=t0)
store.put("ana", "04-predict-share", "most", "most", now=t0 + timedelta(minutes=1))
store.put("ben", "04-predict-share", "none", "none", now=t0 + timedelta(days=6))
store.log_names_shown("mr-t", "04-predict-share", ["ana", "ben"], now=t0 + timedelta(hours=1))
out = {"ana": store.mine("ana"), "count": store.count(), "log": store.names_shown_log()}
out["expired"] = store.delete_expired(now=t0 + timedelta(days=7, minutes=2))
store.close()
again = AnswerStore(sys.argv[1], keep_days=7)
out["left"] = [a["student"] for a in again.all_answers()]
out["deleted_all"] = again.delete_all()
print(json.dumps(out))
"""


def test_the_store_takes_a_database_url_through_sqlalchemy(tmp_path: Path) -> None:
    """PT_HUB_ANSWERS_DB_URL: the same store through SQLAlchemy (in hub/.venv), here with SQLite behind the URL."""
    url = f"sqlite:///{tmp_path / 'district.sqlite'}"
    done = subprocess.run(
        [str(launch.VENV / "bin" / "python"), "-c", SQLALCHEMY_STORE, url, str(launch.HUB_DIR)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert [(a["answer"], a["choice"]) for a in out["ana"]["answers"]] == [("most", "most")], "replaced, not added"
    assert out["ana"]["views"] == [{"at": "2026-09-01T10:00:00.000000Z", "question": "04-predict-share"}]
    assert out["count"] == 2 and len(out["log"]) == 2
    assert out["expired"] == 1 and out["left"] == ["ben"] and out["deleted_all"] == 1


def test_without_a_class_list_the_hub_refuses_to_start_and_says_why(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PT_HUB_", "JUPYTER"))}
    env |= {"PT_HUB_CLASSLIST": str(tmp_path / "classlist.csv"), "PT_HUB_STATE": str(tmp_path / "state")}
    env |= {"PT_HUB_REPO": "file:///nonexistent", "PT_HUB_PORT": str(launch.free_port_block())}
    done = subprocess.run(
        [str(launch.JUPYTERHUB), "-f", str(launch.HUB_DIR / "jupyterhub_config.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert f"No class list at {tmp_path / 'classlist.csv'}" in done.stdout + done.stderr
    assert not (tmp_path / "state" / "jupyterhub.sqlite").exists()
