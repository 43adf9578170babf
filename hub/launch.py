"""Start and stop the class hub from Python, for tests/test_hub.py and hub/load_test.py (standard library only).

`Hub(...)` is a context manager: it starts `hub/.venv/bin/jupyterhub -f hub/jupyterhub_config.py` on a free
loopback port with its own state folder, class list and home folder base, waits until the hub answers, and on
exit stops every student's server, the hub and its proxy (a restart alone leaves them running), then deletes the
system users it created, their homes and home filesystems. Nothing listens on any address but 127.0.0.1.
`hub.codes` holds the one-time codes the hub printed for the class list (read from its root-only state).
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HUB_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(HUB_DIR))

from homes import HomeFilesystems  # noqa: E402
from limits import StudentGroup  # noqa: E402

REPO_ROOT = HUB_DIR.parent
VENV = HUB_DIR / ".venv"
JUPYTERHUB = VENV / "bin" / "jupyterhub"
PROXY = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """For urllib: report a redirect as the answer (its status), instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None


def ready() -> bool:
    return (VENV / ".hub-installed").exists() and JUPYTERHUB.exists() and PROXY.exists()


def ensure_setup() -> None:
    """Build hub/.venv and the proxy with hub/setup.sh if they are missing."""
    if not ready():
        subprocess.run(["bash", str(HUB_DIR / "setup.sh")], check=True)


def unreadable_by_students() -> str | None:
    """Why students' servers could not start here, or None: they run as other users and must reach the repository."""
    probe = subprocess.run(
        ["runuser", "-u", "nobody", "--", "test", "-r", str(REPO_ROOT / "data" / "town" / "town.json")],
        capture_output=True,
    )
    if probe.returncode:
        return (
            f"other users cannot read {REPO_ROOT}: the students' servers run as their own users and read the lab's "
            "package and data from this clone; put it in a folder every user can reach (e.g. under /opt or /srv)"
        )
    return None


def free_port_block(size: int = 4) -> int:
    """A port P with P..P+size-1 all free on 127.0.0.1 (the hub uses P to P+2, the class-answers service P+3)."""
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + size >= 65535:
            continue
        try:
            for offset in range(size):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", base + offset))
            return base
        except OSError:
            continue
    raise RuntimeError("no free block of loopback ports")


def system_user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def write_class_list(path: Path, teachers: list[str], students: list[str]) -> Path:
    rows = ["username,role"] + [f"{t},teacher" for t in teachers] + [f"{s},student" for s in students]
    path.write_text("\n".join(rows) + "\n")
    return path


def bare_clone(dest_parent: Path) -> str:
    """A bare clone of this repository's committed HEAD, readable by every user (what nbgitpuller pulls in tests)."""
    dest = dest_parent / "plate-trails.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(REPO_ROOT), str(dest)], check=True)
    subprocess.run(["chmod", "-R", "a+rX", str(dest)], check=True)
    return dest.as_uri()


SERVICE_USER = "pt-answers"  # the class-answers service's system user (hub/jupyterhub_config.py: ANSWERS_USER)


class Hub:
    """A running class hub for a list of people who do not exist on the machine yet."""

    def __init__(
        self,
        teachers: list[str],
        students: list[str],
        log_path: Path | None = None,
        extra_env: dict[str, str] | None = None,
        home_size: str | None = None,
    ) -> None:
        self.teachers, self.students = list(teachers), list(students)
        self.people = self.teachers + self.students
        clash = [name for name in self.people if system_user_exists(name)]
        if clash:
            raise RuntimeError(f"these users already exist on this machine, refusing to touch them: {clash}")
        if os.geteuid() != 0:
            raise RuntimeError("the class hub needs root (it creates a system user per student)")
        self.scratch = Path(tempfile.mkdtemp(prefix="platetrails-hub-"))
        self.scratch.chmod(0o755)  # students' servers must reach the repository clone and their homes
        self.homes = self.scratch / "home"
        self.homes.mkdir(mode=0o755)
        self.state = self.scratch / "state"
        self.class_list = write_class_list(self.scratch / "classlist.csv", self.teachers, self.students)
        self.repo = bare_clone(self.scratch)
        self.port = free_port_block()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(24)
        self.log_path = log_path or self.scratch / "hub.log"
        self.extra_env = extra_env or {}
        if home_size:
            self.extra_env.setdefault("PT_HUB_HOME_SIZE", home_size)
        self.images = self.scratch / "state-homes"
        self.proc: subprocess.Popen | None = None
        # The hub's config makes the class-answers service's system user if it is missing; a hub that found none
        # removes it again when it closes, so the machine is left as it was.
        self.made_service_user = not system_user_exists(SERVICE_USER)
        self.codes: dict[str, str] = {}
        self._codes_read = 0.0

    # ---- lifecycle ----
    def __enter__(self) -> Hub:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self, seconds: float = 120) -> None:
        ensure_setup()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PT_HUB_", "JUPYTER", "PYTHONPATH"))}
        env.update(
            {
                "PT_HUB_PORT": str(self.port),
                "PT_HUB_STATE": str(self.state),
                "PT_HUB_CLASSLIST": str(self.class_list),
                "PT_HUB_HOME_BASE": str(self.homes),
                "PT_HUB_REPO": self.repo,
                "PT_HUB_BRANCH": self.default_branch(),
                "PT_HUB_API_TOKEN": self.token,
                **self.extra_env,
            }
        )
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("a")
        self.proc = subprocess.Popen(
            [str(JUPYTERHUB), "-f", str(HUB_DIR / "jupyterhub_config.py")],
            cwd=self.scratch,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the hub exited with code {self.proc.returncode}; see {self.log_path}")
            try:
                self.api("GET", "/users")
                codes = self.state / "new-codes.json"
                if codes.exists() and codes.stat().st_mtime != self._codes_read:
                    self.codes.update(json.loads(codes.read_text()))
                    self._codes_read = codes.stat().st_mtime
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.5)
        raise TimeoutError(f"the hub did not answer within {seconds} s; see {self.log_path}")

    def default_branch(self) -> str:
        out = subprocess.run(
            ["git", "--git-dir", self.repo.removeprefix("file://"), "symbolic-ref", "--short", "HEAD"],
            capture_output=True,
            text=True,
        )
        return out.stdout.strip() or "main"

    def stop(self) -> float:
        """Stop the hub alone (students' servers and the proxy keep running, as in a restart); seconds it took."""
        if self.proc is None or self.proc.poll() is not None:
            return 0.0
        began = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=30)
        return time.monotonic() - began

    def restart(self) -> float:
        """Stop the hub and start it again, as an IT person would mid-class; returns the seconds the stop took."""
        took = self.stop()
        self.start()
        return took

    def stop_servers(self, names: list[str] | None = None, wait: float = 0) -> None:
        """Ask the hub to stop these users' servers (default: everyone's), then wait up to `wait` seconds until none
        is left. Best effort: a server that never started is skipped, and close() ends any process left anyway."""
        if self.proc is None or self.proc.poll() is not None:
            return
        names = self.people if names is None else names
        for name in names:
            try:
                self.api("DELETE", f"/users/{name}/server", timeout=120)
            except (OSError, urllib.error.URLError):
                pass
        deadline = time.time() + wait
        while time.time() < deadline and any(self.api("GET", f"/users/{n}").get("servers") for n in names):
            time.sleep(1)

    def stop_proxy(self) -> None:
        pid_file = self.state / "jupyterhub-proxy.pid"
        try:
            os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        """Stop servers, hub and proxy, end any process left under the hub's users, and delete those users, their
        home filesystems, control groups and the scratch folder."""
        self.stop_servers()
        self.stop()
        self.stop_proxy()
        for name in self.people:
            remove_system_user(name, images=self.images)
        if self.made_service_user:
            remove_system_user(SERVICE_USER)
        shutil.rmtree(self.scratch, ignore_errors=True)

    # ---- REST API (as the admin service) ----
    def api(self, method: str, path: str, body: dict | None = None, token: str | None = None, timeout: float = 30):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            f"{self.url}/hub/api{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {token or self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            text = resp.read().decode()
        return json.loads(text) if text else None

    def user_token(self, name: str) -> str:
        return self.api("POST", f"/users/{name}/tokens", {"note": "plate-trails test", "expires_in": 3600})["token"]

    def start_server(self, name: str, seconds: float = 300) -> None:
        """Ask the hub to start a user's server and wait until it is ready."""
        try:
            self.api("POST", f"/users/{name}/server", {}, timeout=180)
        except urllib.error.HTTPError as err:
            if err.code != 400:  # 400: already running
                raise
        deadline = time.time() + seconds
        while time.time() < deadline:
            user = self.api("GET", f"/users/{name}")
            server = user.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            if not user.get("pending") and not server:
                raise RuntimeError(f"{name}'s server failed to start; see {self.log_path}")
            time.sleep(0.5)
        raise TimeoutError(f"{name}'s server did not start within {seconds} s")

    def join(self, name: str, password: str, code: str | None = None) -> int:
        """The join form, as a browser sends it: name, one-time code (default: the printed one), password twice.
        Returns the HTTP status: 302 when the account is made and signed in, 403 when refused."""
        form = {"username": name, "code": self.codes.get(name, "") if code is None else code}
        return self._post_form("/hub/join", form | {"password": password, "again": password})

    def log_in(self, name: str, password: str) -> int:
        """The sign-in form: 302 when signed in, 200 (the form again, with an error) when refused."""
        return self._post_form("/hub/login?next=", {"username": name, "password": password})

    def _post_form(self, path: str, form: dict[str, str]) -> int:
        """GET the page for its XSRF cookie, then POST the form; the HTTP status, redirects not followed."""
        import http.cookiejar
        import urllib.parse

        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        opener.open(f"{self.url}{path.split('?')[0]}", timeout=60).read()
        form = form | {"_xsrf": next(c.value for c in jar if c.name == "_xsrf")}
        try:
            with opener.open(f"{self.url}{path}", data=urllib.parse.urlencode(form).encode(), timeout=120) as resp:
                return resp.status
        except urllib.error.HTTPError as err:
            return err.code

    def pull_url(self, name: str) -> str:
        """The nbgitpuller API call that copies the notebooks into a user's home (what the git-pull page runs)."""
        from urllib.parse import urlencode

        query = urlencode({"repo": self.repo, "branch": self.default_branch(), "targetpath": "plate-trails"})
        return f"{self.url}/user/{name}/git-pull/api?{query}"


def remove_system_user(name: str, images: Path | None = None) -> None:
    """End the user's leftover processes (by PID), unmount their home filesystem, remove their control groups, then
    `userdel -r` (home and mail spool) and its group."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    for _ in range(2):
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit() and _owner(int(p)) == uid]
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM if _ == 0 else signal.SIGKILL)
            except ProcessLookupError:
                pass
        if pids:
            time.sleep(2)
    StudentGroup(name).remove()
    HomeFilesystems(images or Path("/nonexistent"), 0).release(name, delete=images is not None)
    subprocess.run(["userdel", "-r", name], capture_output=True)
    subprocess.run(["groupdel", name], capture_output=True)  # usually already gone with the user


def _owner(pid: int) -> int | None:
    try:
        return os.stat(f"/proc/{pid}").st_uid
    except OSError:
        return None
