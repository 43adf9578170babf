"""A class on the hub (issue #13, step 2): `make load-test`. Loopback only, bounded in count and time.

N simulated students (default 30) log in to a fresh hub with a first-use password (the real login form),
their servers are started through the hub's REST API, nbgitpuller copies the notebooks into each home, and each
student runs notebooks/02_the_mosaic.ipynb top to bottom in a kernel of their own server (kernels REST API +
websocket). Meanwhile the teacher presents notebook 02 with Voila in headless Chromium (when Chromium and
Playwright are available). Reported: time from login to each student's first picture (median, p95, max), total
wall time, peak memory of the machine and per student, and failed starts. Everything is removed afterwards (the
hub stops every server; the system users and their homes are deleted).

Usage (as root): python hub/load_test.py [--students 30] [--ramp 30] [--budget 540] [--report FILE]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import launch  # noqa: E402
from kernel_client import KernelSession  # noqa: E402

NOTEBOOK = "plate-trails/notebooks/02_the_mosaic.ipynb"
PASSWORD = "alder-falls-class"
MiB = 1024 * 1024


@dataclass
class Student:
    name: str
    started_at: float = 0.0
    logged_in: float | None = None
    server_ready: float | None = None
    pulled: float | None = None
    first_picture: float | None = None
    finished: float | None = None
    failed: str | None = None
    cell_errors: list[str] = field(default_factory=list)
    kernel_restarts: int = 0
    peak_rss_mib: float = 0.0


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def log_in(hub: launch.Hub, name: str, password: str) -> None:
    """The real login form: GET /hub/login for the XSRF cookie, then POST the name and password."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    opener.open(f"{hub.url}/hub/login", timeout=60).read()
    xsrf = next(c.value for c in jar if c.name == "_xsrf")
    body = urllib.parse.urlencode({"username": name, "password": password, "_xsrf": xsrf}).encode()
    try:
        opener.open(f"{hub.url}/hub/login?next=", data=body, timeout=120)
        raise RuntimeError("the login form did not redirect")
    except urllib.error.HTTPError as err:
        if err.code != 302 or not any(c.name.startswith("jupyterhub-session") for c in jar):
            raise RuntimeError(f"login refused ({err.code})") from None


def pull(hub: launch.Hub, name: str, token: str, seconds: float = 180) -> None:
    req = urllib.request.Request(hub.pull_url(name), headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=seconds) as resp:
        text = resp.read().decode()
    if '"phase": "finished"' not in text:
        raise RuntimeError("nbgitpuller did not finish: " + text[-300:])


def notebook_cells(hub: launch.Hub, name: str, token: str) -> list[str]:
    req = urllib.request.Request(
        f"{hub.url}/user/{name}/api/contents/{NOTEBOOK}", headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        nb = json.loads(resp.read())["content"]
    return [
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in nb["cells"]
        if c["cell_type"] == "code"
    ]


def run_notebook(hub: launch.Hub, student: Student, token: str, cells: list[str], deadline: float) -> None:
    kernel = KernelSession(f"{hub.url}/user/{student.name}", token, timeout=max(10, deadline - time.time()))
    try:
        for code in cells:
            reply = kernel.execute(code)
            student.cell_errors += reply.errors
            if student.first_picture is None and reply.first_picture_at:
                student.first_picture = reply.first_picture_at
    finally:
        kernel.close()


def run_student(hub: launch.Hub, student: Student, delay: float, deadline: float) -> None:
    time.sleep(delay)
    student.started_at = time.time()
    stage = "login"
    try:
        log_in(hub, student.name, PASSWORD)
        student.logged_in = time.time()
        stage = "server start"
        hub.start_server(student.name, seconds=max(10, deadline - time.time()))
        student.server_ready = time.time()
        stage = "nbgitpuller"
        token = hub.user_token(student.name)
        pull(hub, student.name, token)
        student.pulled = time.time()
        stage = "notebook 02"
        cells = notebook_cells(hub, student.name, token)
        for attempt in range(2):
            # A kernel can die at birth when 30 servers start kernels at once: jupyter_client picks free TCP
            # ports, and another new kernel may bind one first (ZMQError: Address already in use). A student
            # would restart the kernel; so does the simulated student, once, and the report counts it.
            try:
                run_notebook(hub, student, token, cells, deadline)
                break
            except Exception as err:
                if attempt or "Connection" not in type(err).__name__ + str(err):
                    raise
                student.kernel_restarts += 1
                student.first_picture = None
        student.finished = time.time()
    except Exception as err:  # a failed start or run is counted and reported, not raised
        student.failed = f"{stage}: {type(err).__name__}: {err}"[:300]


def present_with_voila(
    hub: launch.Hub, teacher: str, result: dict, presenting: threading.Event, stop: threading.Event
) -> None:
    """The teacher's own server, the notebooks pulled, notebook 02 open in Voila until the class is done."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        result["voila"] = "skipped: Playwright is not installed in this Python"
        presenting.set()
        return
    if not Path("/usr/bin/chromium").exists():
        result["voila"] = "skipped: /usr/bin/chromium is missing"
        presenting.set()
        return
    stage = "login"
    try:
        t0 = time.time()
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            # The teacher logs in like anyone else; the hub starts their server and nbgitpuller copies the notebooks.
            page.goto(f"{hub.url}/hub/login", wait_until="domcontentloaded", timeout=120_000)
            page.fill("#username_input", teacher)
            page.fill("#password_input", PASSWORD)
            page.click("#login_submit")
            stage = "server start and nbgitpuller"
            page.wait_for_url(f"**/user/{teacher}/lab/tree/plate-trails/**", timeout=240_000)
            stage = "Voila page"
            opened = time.time()
            page.goto(f"{hub.url}/user/{teacher}/voila/render/{NOTEBOOK}", wait_until="commit", timeout=300_000)
            page.wait_for_selector(".platetrails-widget .widget-output img", timeout=300_000)
            result["voila_first_picture_s"] = round(time.time() - opened, 1)
            result["voila_teacher_ready_s"] = round(time.time() - t0, 1)
            presenting.set()  # the class logs in while the slide is up
            stage = "presenting"
            while not stop.is_set():
                stop.wait(1)
            text = page.inner_text("body")
            result["voila"] = (
                "ok" if "Traceback" not in text and page.query_selector(".widget-output img") else "broken"
            )
            browser.close()
    except Exception as err:
        result["voila"] = f"failed at {stage}: {type(err).__name__}: {err}"[:300]
    finally:
        presenting.set()


def sample_memory(uids: dict[int, Student], stop: threading.Event, peak: dict) -> None:
    baseline = psutil.virtual_memory().used
    peak["baseline_used_mib"] = baseline / MiB
    while not stop.is_set():
        used = psutil.virtual_memory().used
        peak["machine_used_mib"] = max(peak.get("machine_used_mib", 0), used / MiB)
        per_uid: dict[int, int] = {}
        for proc in psutil.process_iter(["uids", "memory_info"]):
            try:
                uid = proc.info["uids"].real
                if uid in uids and proc.info["memory_info"]:
                    per_uid[uid] = per_uid.get(uid, 0) + proc.info["memory_info"].rss
            except (psutil.Error, AttributeError, TypeError):
                continue
        for uid, rss in per_uid.items():
            uids[uid].peak_rss_mib = max(uids[uid].peak_rss_mib, rss / MiB)
        stop.wait(0.5)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--ramp", type=float, default=30, help="spread the logins over this many seconds")
    parser.add_argument("--budget", type=float, default=540, help="stop waiting after this many seconds")
    parser.add_argument("--report", type=Path, default=Path("/tmp/platetrails-artifacts/load_test.json"))
    args = parser.parse_args()
    if not 1 <= args.students <= 60:
        parser.error("--students must be between 1 and 60")
    if os.geteuid() != 0:
        print("load_test.py: run as root (the hub creates a system user per student)", file=sys.stderr)
        return 2

    tag = os.urandom(2).hex()
    teacher = f"ptteacher{tag}"
    names = [f"ptstudent{tag}n{i:02d}" for i in range(1, args.students + 1)]
    students = [Student(name) for name in names]
    report: dict = {"students": args.students, "ramp_s": args.ramp, "cores": psutil.cpu_count()}
    report["machine_memory_gib"] = round(psutil.virtual_memory().total / 1024**3, 1)
    t_begin = time.time()
    args.report.parent.mkdir(parents=True, exist_ok=True)
    with launch.Hub([teacher], names, log_path=args.report.with_suffix(".hub.log")) as hub:
        report["hub_start_s"] = round(time.time() - t_begin, 1)  # includes creating the system users
        import pwd

        uids = {pwd.getpwnam(s.name).pw_uid: s for s in students}
        stop, memory = threading.Event(), {}
        sampler = threading.Thread(target=sample_memory, args=(uids, stop, memory), daemon=True)
        sampler.start()
        up = threading.Event()
        presenting = threading.Thread(target=present_with_voila, args=(hub, teacher, report, up, stop), daemon=True)
        presenting.start()
        up.wait(timeout=180)  # the teacher puts notebook 02 on the projector, then the class logs in
        t0 = time.time()
        deadline = t0 + args.budget
        with ThreadPoolExecutor(max_workers=args.students) as pool:
            for i, student in enumerate(students):
                pool.submit(run_student, hub, student, args.ramp * i / max(1, args.students - 1), deadline)
        report["class_wall_s"] = round(time.time() - t0, 1)
        stop.set()
        presenting.join(timeout=60)
        report.setdefault("voila", "did not finish")
        sampler.join(timeout=5)
        t_cleanup = time.time()
    report["cleanup_s"] = round(time.time() - t_cleanup, 1)
    report["total_wall_s"] = round(time.time() - t_begin, 1)

    firsts = [s.first_picture - s.started_at for s in students if s.first_picture]
    report["first_picture_s"] = (
        {
            "median": round(statistics.median(firsts), 1),
            "p95": round(percentile(firsts, 0.95), 1),
            "max": round(max(firsts), 1),
            "min": round(min(firsts), 1),
        }
        if firsts
        else None
    )
    ready = [s.server_ready - s.started_at for s in students if s.server_ready]
    if ready:
        report["server_ready_s"] = {"median": round(statistics.median(ready), 1), "max": round(max(ready), 1)}
    done = [s.finished - s.started_at for s in students if s.finished]
    if done:
        report["notebook_done_s"] = {"median": round(statistics.median(done), 1), "max": round(max(done), 1)}
    report["failed"] = [f"{s.name}: {s.failed}" for s in students if s.failed]
    report["failed_starts"] = sum(1 for s in students if s.failed and s.server_ready is None)
    report["finished_notebook"] = len(done)
    report["kernel_restarts"] = sum(s.kernel_restarts for s in students)
    report["cell_errors"] = [f"{s.name}: {e}" for s in students for e in s.cell_errors]
    peaks = [s.peak_rss_mib for s in students if s.peak_rss_mib]
    report["memory_mib"] = {
        "machine_baseline_used": round(memory.get("baseline_used_mib", 0)),
        "machine_peak_used": round(memory.get("machine_used_mib", 0)),
        "machine_peak_added": round(memory.get("machine_used_mib", 0) - memory.get("baseline_used_mib", 0)),
        "per_student_peak_median": round(statistics.median(peaks)) if peaks else None,
        "per_student_peak_max": round(max(peaks)) if peaks else None,
    }
    report["students_detail"] = [asdict(s) for s in students]
    args.report.write_text(json.dumps(report, indent=2))
    summary = {k: v for k, v in report.items() if k != "students_detail"}
    print(json.dumps(summary, indent=2))
    print(f"full report: {args.report}")
    ok = not report["failed"] and not report["cell_errors"] and report["finished_notebook"] == args.students
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
