"""A class on the hub (issues #13 and #17): `make load-test`. Loopback only, bounded in count and time.

Two classes of N simulated students (default 30) run on one fresh hub, the same way: each student joins with their
one-time code (the real join form, which signs them in; the sign-in form in later rounds), their server is started
through the hub's REST API, nbgitpuller copies the notebooks into their home (a filesystem of its own), and they run
a notebook top to bottom in a kernel of their own server (kernels REST API + websocket). The baseline class runs an
import-only notebook (the lab's imports and one small picture, as in benchmarks/classroom.py); the lab's class runs
notebooks/02_the_mosaic.ipynb. They take turns in two rounds, baseline then lab, then lab then baseline, so neither
gains from going second; a class's servers are stopped before the next class starts. Figures pool both rounds. Meanwhile the
teacher presents notebook 02 with Voila in headless Chromium. Reported per class: time from joining to each
student's first picture (median, p95, max), failed starts, and memory per student: the peak of what the machine
charged to each student's control group (server and kernels), split into the student's own memory (anonymous)
and file pages first read by them. Everything is removed afterwards.

Then the class view (issue #23): the N students of the baseline class each send an answer to the class-answers
service within the same ten seconds (spread evenly), with a token that has exactly what a student's server token has
for the service (`access:services!service=class-answers`), while the teacher's dashboard data (api/class, with the
teacher's token) is read as fast as it answers. Reported: answers stored (all N expected), the time each send took,
and the time from each student's send to the first dashboard read that shows it (median, p95, max; the issue asks
for a median within two seconds). `--answers-only` runs only this part (about a minute).

Usage (as root): python hub/load_test.py [--students 30] [--ramp 30] [--budget 540] [--report FILE] [--answers-only]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import launch  # noqa: E402
from kernel_client import KernelSession  # noqa: E402
from limits import StudentGroup  # noqa: E402

from benchmarks.classroom import IMPORT_ONLY  # noqa: E402

NOTEBOOK = "plate-trails/notebooks/02_the_mosaic.ipynb"
PASSWORD = "alder-falls-class"
HOME_SIZE = "160M"
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
    peak_mib: float = 0.0  # all memory charged to the student's control group
    peak_own_mib: float = 0.0  # of which anonymous (the student's own, not file pages)
    joined: bool = False
    class_wall_s: float = 0.0
    class_memory: dict = field(default_factory=dict)


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


def run_student(hub: launch.Hub, student: Student, delay: float, deadline: float, cells: list[str] | None) -> None:
    """One student: join with their code, server, nbgitpuller, then `cells` (default: notebook 02's code cells)."""
    time.sleep(delay)
    student.started_at = time.time()
    stage = "join"
    try:
        status = hub.log_in(student.name, PASSWORD) if student.joined else hub.join(student.name, PASSWORD)
        if status != 302:
            raise RuntimeError(f"the {'sign-in' if student.joined else 'join'} form answered {status}")
        student.joined = True
        student.logged_in = time.time()
        stage = "server start"
        hub.start_server(student.name, seconds=max(10, deadline - time.time()))
        student.server_ready = time.time()
        stage = "nbgitpuller"
        token = hub.user_token(student.name)
        pull(hub, student.name, token)
        student.pulled = time.time()
        stage = "notebook"
        cells = cells if cells is not None else notebook_cells(hub, student.name, token)
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
            page.goto(f"{hub.url}/hub/join", wait_until="domcontentloaded", timeout=120_000)
            page.fill("#join_username", teacher)
            page.fill("#join_code", hub.codes[teacher])
            page.fill("#join_password", PASSWORD)
            page.fill("#join_again", PASSWORD)
            page.click("#join_submit")
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


def sample_memory(students: list[Student], stop: threading.Event, peak: dict) -> None:
    """Every half second: each student's control group (the memory the machine charges to them) and the machine."""
    groups = [(s, StudentGroup(s.name)) for s in students]
    peak["baseline_used_mib"] = psutil.virtual_memory().used / MiB
    while not stop.is_set():
        peak["machine_used_mib"] = max(peak.get("machine_used_mib", 0), psutil.virtual_memory().used / MiB)
        total = 0.0
        for student, group in groups:
            try:
                used = group.memory_used() / MiB
                own = group.memory_stat()["rss"] / MiB
            except (OSError, KeyError, ValueError):
                continue
            total += used
            student.peak_mib = max(student.peak_mib, used)
            student.peak_own_mib = max(student.peak_own_mib, own)
        peak["class_total_mib"] = max(peak.get("class_total_mib", 0), total)
        stop.wait(0.5)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def run_class(hub: launch.Hub, students: list[Student], cells: list[str] | None, args) -> list[Student]:
    """One round of a class, logging in over `args.ramp` seconds, with memory sampled meanwhile; a record each."""
    for student in students:  # a fresh record for this round, keeping who has joined
        student.__init__(student.name, joined=student.joined)
    stop, memory = threading.Event(), {}
    sampler = threading.Thread(target=sample_memory, args=(students, stop, memory), daemon=True)
    sampler.start()
    t0 = time.time()
    deadline = t0 + args.budget
    with ThreadPoolExecutor(max_workers=len(students)) as pool:
        for i, student in enumerate(students):
            pool.submit(run_student, hub, student, args.ramp * i / max(1, len(students) - 1), deadline, cells)
    wall = time.time() - t0
    stop.set()
    sampler.join(timeout=5)
    hub.stop_servers([s.name for s in students], wait=120)  # as the culler would at the end of a lesson
    return [replace(s, class_wall_s=wall, class_memory=memory) for s in students]


def summary(rounds: list[list[Student]]) -> dict:
    """One class's figures over its rounds: times pooled over every student of every round, memory at its peak."""
    students = [s for round_ in rounds for s in round_]
    result: dict = {"rounds": len(rounds), "class_wall_s": [round(r[0].class_wall_s, 1) for r in rounds]}
    memory = {
        "machine_used_mib": max(r[0].class_memory.get("machine_used_mib", 0) for r in rounds),
        "baseline_used_mib": min(r[0].class_memory.get("baseline_used_mib", 0) for r in rounds),
        "class_total_mib": max(r[0].class_memory.get("class_total_mib", 0) for r in rounds),
    }
    firsts = [s.first_picture - s.started_at for s in students if s.first_picture]
    if firsts:
        result["first_picture_s"] = {
            "median": round(statistics.median(firsts), 1),
            "p95": round(percentile(firsts, 0.95), 1),
            "max": round(max(firsts), 1),
            "min": round(min(firsts), 1),
        }
        result["first_picture_median_by_round"] = [
            round(statistics.median(f), 1)
            for f in ([s.first_picture - s.started_at for s in r if s.first_picture] for r in rounds)
            if f
        ]
    ready = [s.server_ready - s.started_at for s in students if s.server_ready]
    if ready:
        result["server_ready_s"] = {"median": round(statistics.median(ready), 1), "max": round(max(ready), 1)}
    done = [s.finished - s.started_at for s in students if s.finished]
    if done:
        result["notebook_done_s"] = {"median": round(statistics.median(done), 1), "max": round(max(done), 1)}
    result["failed"] = [f"{s.name}: {s.failed}" for s in students if s.failed]
    result["failed_starts"] = sum(1 for s in students if s.failed and s.server_ready is None)
    result["finished_notebook"] = len(done)
    result["kernel_restarts"] = sum(s.kernel_restarts for s in students)
    result["cell_errors"] = [f"{s.name}: {e}" for s in students for e in s.cell_errors]
    peaks = [s.peak_mib for s in students if s.peak_mib]
    own = [s.peak_own_mib for s in students if s.peak_own_mib]
    result["memory_mib"] = {
        "machine_peak_added": round(memory.get("machine_used_mib", 0) - memory.get("baseline_used_mib", 0)),
        "class_peak_total": round(memory.get("class_total_mib", 0)),
        "per_student_mean": round(memory.get("class_total_mib", 0) / len(rounds[0])),
        "per_student_peak_median": round(statistics.median(peaks)) if peaks else None,
        "per_student_peak_max": round(max(peaks)) if peaks else None,
        "per_student_own_median": round(statistics.median(own)) if own else None,
        "per_student_own_max": round(max(own)) if own else None,
    }
    result["students_detail"] = [asdict(s) | {"class_memory": None} for s in students]
    return result


def service_call(
    hub: launch.Hub, path: str, token: str, method: str = "GET", body: object = None
) -> tuple[int, object]:
    """(status, JSON) of one request to the class-answers service."""
    req = urllib.request.Request(
        f"{hub.url}/services/class-answers/{path}",
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, None


def class_answers(hub: launch.Hub, teacher: str, names: list[str], window: float = 10.0) -> dict:
    """N students send an answer within `window` seconds while the teacher's dashboard data is polled."""
    teacher_token = hub.user_token(teacher)
    deadline = time.time() + 60
    while service_call(hub, "api/class", teacher_token)[0] != 200:  # the service is up once the hub is
        if time.time() > deadline:
            return {"failed": "the class-answers service did not answer"}
        time.sleep(0.5)
    service_call(hub, "api/delete-all", teacher_token, "POST", {})
    tokens = {
        name: hub.api("POST", f"/users/{name}/tokens", {"scopes": ["access:services!service=class-answers"]})["token"]
        for name in names
    }
    sent: dict[str, dict] = {}
    seen: dict[str, float] = {}
    polls: list[float] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            began = time.time()
            status, data = service_call(hub, "api/class", teacher_token)
            done = time.time()
            if status == 200 and isinstance(data, dict):
                polls.append(done - began)
                for question in data["questions"]:
                    for answer in question["answers"]:
                        seen.setdefault(answer["answer"], done)
            stop.wait(0.05)

    def send(name: str, delay: float) -> None:
        time.sleep(delay)
        record = sent[name] = {"at": time.time()}
        status, _ = service_call(
            hub, "api/answers/02-predict-home", tokens[name], "PUT", {"answer": f"Answer from {name}", "choice": None}
        )
        record |= {"status": status, "took": time.time() - record["at"]}

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        for i, name in enumerate(names):
            pool.submit(send, name, window * i / max(1, len(names)))
    settle = time.time() + 10
    while time.time() < settle and len(seen) < len(names):
        time.sleep(0.1)
    stop.set()
    poller.join(timeout=30)
    status, data = service_call(hub, "api/class", teacher_token)
    stored = data["total"] if status == 200 else None
    starts = [r["at"] for r in sent.values()]
    took = [r["took"] for r in sent.values() if "took" in r]
    lags = [seen[f"Answer from {n}"] - sent[n]["at"] for n in names if f"Answer from {n}" in seen and n in sent]
    service_call(hub, "api/delete-all", teacher_token, "POST", {})
    result = {
        "students": len(names),
        "sent_ok": sum(1 for r in sent.values() if r.get("status") == 200),
        "stored": stored,
        "sends_spread_s": round(max(starts) - min(starts), 1) if starts else None,
        "send_s": {"median": round(statistics.median(took), 3), "max": round(max(took), 3)} if took else None,
        "dashboard_polls": len(polls),
        "dashboard_read_s_median": round(statistics.median(polls), 3) if polls else None,
        "shown_on_dashboard": len(lags),
    }
    if lags:
        result["send_to_dashboard_s"] = {
            "median": round(statistics.median(lags), 3),
            "p95": round(percentile(lags, 0.95), 3),
            "max": round(max(lags), 3),
        }
    return result


def class_answers_ok(result: dict, students: int) -> bool:
    lag = result.get("send_to_dashboard_s", {}).get("median")
    return result.get("stored") == students == result.get("sent_ok") and lag is not None and lag <= 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--ramp", type=float, default=30, help="spread the logins over this many seconds")
    parser.add_argument("--budget", type=float, default=540, help="stop waiting after this many seconds")
    parser.add_argument("--report", type=Path, default=Path("/tmp/platetrails-artifacts/load_test.json"))
    parser.add_argument("--answers-only", action="store_true", help="only the class view's thirty answers at once")
    args = parser.parse_args()
    if not 1 <= args.students <= 60:
        parser.error("--students must be between 1 and 60")
    if os.geteuid() != 0:
        print("load_test.py: run as root (the hub creates a system user per student)", file=sys.stderr)
        return 2

    tag = os.urandom(2).hex()
    teacher = f"ptteacher{tag}"
    baseline = [Student(f"ptstudent{tag}b{i:02d}") for i in range(1, args.students + 1)]
    lab = [Student(f"ptstudent{tag}n{i:02d}") for i in range(1, args.students + 1)]
    report: dict = {"students": args.students, "ramp_s": args.ramp, "cores": psutil.cpu_count()}
    report["machine_memory_gib"] = round(psutil.virtual_memory().total / 1024**3, 1)
    t_begin = time.time()
    args.report.parent.mkdir(parents=True, exist_ok=True)
    names = [s.name for s in baseline + lab]
    if args.answers_only:
        with launch.Hub([teacher], [s.name for s in baseline], log_path=args.report.with_suffix(".hub.log")) as hub:
            report["hub_start_s"] = round(time.time() - t_begin, 1)
            report["class_answers"] = class_answers(hub, teacher, [s.name for s in baseline])
        report["total_wall_s"] = round(time.time() - t_begin, 1)
        args.report.write_text(json.dumps(report, indent=2))
        print(json.dumps(report, indent=2))
        return 0 if class_answers_ok(report["class_answers"], args.students) else 1
    with launch.Hub([teacher], names, log_path=args.report.with_suffix(".hub.log"), home_size=HOME_SIZE) as hub:
        report["hub_start_s"] = round(time.time() - t_begin, 1)  # includes creating the system users
        stop, up = threading.Event(), threading.Event()
        presenting = threading.Thread(target=present_with_voila, args=(hub, teacher, report, up, stop), daemon=True)
        presenting.start()
        up.wait(timeout=180)  # the teacher puts notebook 02 on the projector, then the class logs in
        rounds: dict[str, list[list[Student]]] = {"import_only": [], "notebook_02": []}
        for order in (("import_only", "notebook_02"), ("notebook_02", "import_only")):
            for kind in order:
                students, cells = (baseline, [IMPORT_ONLY]) if kind == "import_only" else (lab, None)
                rounds[kind].append(run_class(hub, students, cells, args))
        report["import_only"], report["notebook_02"] = summary(rounds["import_only"]), summary(rounds["notebook_02"])
        report["class_answers"] = class_answers(hub, teacher, [s.name for s in baseline])
        stop.set()
        presenting.join(timeout=60)
        report.setdefault("voila", "did not finish")
        t_cleanup = time.time()
    report["cleanup_s"] = round(time.time() - t_cleanup, 1)
    report["total_wall_s"] = round(time.time() - t_begin, 1)
    medians = [report[k].get("first_picture_s", {}).get("median") for k in ("notebook_02", "import_only")]
    report["first_picture_ratio"] = round(medians[0] / medians[1], 2) if all(medians) else None

    args.report.write_text(json.dumps(report, indent=2))
    short = {
        k: ({kk: vv for kk, vv in v.items() if kk != "students_detail"} if isinstance(v, dict) else v)
        for k, v in report.items()
    }
    print(json.dumps(short, indent=2))
    print(f"full report: {args.report}")
    ok = all(
        not report[k]["failed"] and not report[k]["cell_errors"] and report[k]["finished_notebook"] == 2 * args.students
        for k in ("import_only", "notebook_02")
    )
    return 0 if ok and class_answers_ok(report["class_answers"], args.students) else 1


if __name__ == "__main__":
    sys.exit(main())
