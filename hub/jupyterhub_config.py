"""JupyterHub for one class on one machine (issue #13): `make hub`, or `hub/.venv/bin/jupyterhub -f hub/jupyterhub_config.py`.

Run it as root: the hub creates one Linux user per name on the class list and starts each student's server as
that user (LocalProcessSpawner), so students cannot read each other's files. Everything listens on 127.0.0.1
only. Settings come from environment variables (all optional):

  PT_HUB_CLASSLIST   the class list CSV (default hub/classlist.csv; the hub refuses to start without one, and makes
                     it readable by root only)
  PT_HUB_PORT        the port students open, http://127.0.0.1:PORT (default 8000; the hub API, the
                     proxy API and the class-answers service use PORT+1, PORT+2 and PORT+3)
  PT_HUB_STATE       folder for the hub's database, cookie secret and password hashes (default hub/state)
  PT_HUB_REPO        the git repository nbgitpuller copies for each student (default: a bare copy of this
                     repository's branches in PT_HUB_STATE-public/, refreshed at each start)
  PT_HUB_BRANCH      its branch (default: the branch checked out here, else main)
  PT_HUB_HOME_BASE   where student home folders are made (default /home)
  PT_HUB_MEM_LIMIT   memory per student, e.g. 1G (default 1G), enforced for all their processes together
  PT_HUB_CPU_LIMIT   cores per student (default 1)
  PT_HUB_MAX_PROCESSES  processes and threads per student (default 256)
  PT_HUB_TEACHER_MEM_LIMIT  memory for each teacher, who may present several notebooks at once (default 3G)
  PT_HUB_HOME_SIZE   give each home its own filesystem of this size, e.g. 1G (default: none, homes share a disk;
                     docs/hosting.md)
  PT_HUB_HOME_IMAGES the folder for those filesystems' image files (default PT_HUB_STATE-homes, root only)
  PT_HUB_CULL_TIMEOUT  stop a server idle this many seconds (default 3600)
  PT_HUB_CULL_EVERY    how often the culler checks, in seconds (default 300)
  PT_HUB_API_TOKEN   if set, a service 'plate-trails-admin' with this token and the admin role (tests, load test)
  PT_HUB_ANSWERS_DIR the class-answers service's folder: its SQLite file of answers and its secret (default
                     PT_HUB_STATE-answers; made mode 0700 and owned by the system user pt-answers)
  PT_HUB_ANSWERS_KEEP_DAYS  days the class-answers service keeps an answer (default 42; a fraction works, in tests)
  PT_HUB_ANSWERS_DB_URL  keep the answers in this database (an SQLAlchemy URL, e.g. postgresql://...) instead of
                     the SQLite file in PT_HUB_ANSWERS_DIR (docs/hosting.md)

The class-answers service (issue #23, hub/class_answers.py) listens on 127.0.0.1:PORT+3 and is reached at
http://127.0.0.1:PORT/services/class-answers/; it runs as the system user pt-answers (created here if missing).
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

HUB_DIR = Path(__file__).resolve().parent
REPO_ROOT = HUB_DIR.parent
VENV = HUB_DIR / ".venv"
sys.path.insert(0, str(HUB_DIR))

from classauth import ClassListAuthenticator, CodeBook, password_is_set, read_class_list, slip_sheet  # noqa: E402
from classspawner import ClassSpawner  # noqa: E402

from platetrails.class_policy import DEFAULT_KEEP_DAYS, days_shown  # noqa: E402  (the lab's own default, shown in notebook 00)

c = get_config()  # noqa: F821  (JupyterHub provides get_config)

if os.geteuid() != 0:
    sys.exit("The class hub must run as root: it creates a system user for each student (sudo make hub).")


def setting(name: str, default: str) -> str:
    return os.environ.get(name) or default


def current_branch() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--abbrev-ref", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        branch = out.stdout.strip()
        return branch if out.returncode == 0 and branch and branch != "HEAD" else "main"
    except OSError:
        return "main"


port = int(setting("PT_HUB_PORT", "8000"))
state = Path(setting("PT_HUB_STATE", str(HUB_DIR / "state")))
state.mkdir(parents=True, exist_ok=True)
state.chmod(0o700)
class_list = Path(setting("PT_HUB_CLASSLIST", str(HUB_DIR / "classlist.csv")))
if not class_list.is_file():
    sys.exit(
        f"No class list at {class_list}. Copy hub/classlist.example.csv to hub/classlist.csv, list your class "
        "(the teacher and every student), and start the hub again. See docs/hosting.md."
    )
# Students must not read the class list: it names the teacher, whose account is the hub's admin.
os.chown(class_list, 0, 0)
class_list.chmod(0o600)
people = read_class_list(class_list)
print(
    f"Class list: {class_list} (root only): {len(people['teacher'])} teacher(s), {len(people['student'])} student(s)",
    flush=True,
)
public = state.parent / f"{state.name}-public"  # what students' servers may read (the state folder is private)
public.mkdir(mode=0o755, exist_ok=True)
public.chmod(0o755)
if os.environ.get("PT_HUB_REPO"):
    repo = os.environ["PT_HUB_REPO"]
else:
    # By default students get this repository's commits, through a bare copy that every user can read.
    mirror = public / "plate-trails.git"
    if mirror.exists():
        subprocess.run(
            [
                "git",
                "--git-dir",
                str(mirror),
                "fetch",
                "--quiet",
                "--prune",
                str(REPO_ROOT),
                "+refs/heads/*:refs/heads/*",
            ],
            check=True,
        )
    else:
        subprocess.run(["git", "clone", "--quiet", "--bare", str(REPO_ROOT), str(mirror)], check=True)
    subprocess.run(["chmod", "-R", "a+rX", str(mirror)], check=True)
    repo = mirror.as_uri()
branch = setting("PT_HUB_BRANCH", current_branch())
home_base = setting("PT_HUB_HOME_BASE", "/home")

# --- Network: loopback only -------------------------------------------------------------------------
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = port + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 2}"
# The proxy outlives the hub, so a hub restart cuts no student's connection: the hub does not start or stop it
# (should_start is off); this file starts it when it is not running, with a token kept in the state folder.
proxy_pid_file = state / "jupyterhub-proxy.pid"
proxy_token = state / "proxy_auth_token"
if not proxy_token.exists():
    proxy_token.touch(mode=0o600)
    proxy_token.write_text(secrets.token_hex(32))


def proxy_running() -> bool:
    try:
        pid = int(proxy_pid_file.read_text().strip())
        return b"configurable-http-proxy" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError):
        return False


def start_proxy() -> None:
    """configurable-http-proxy on PORT (students) and PORT+2 (its API), as JupyterHub itself would start it."""
    command = [
        str(HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"),
        *("--ip", "127.0.0.1", "--port", str(port), "--api-ip", "127.0.0.1", "--api-port", str(port + 2)),
        *("--error-target", f"http://127.0.0.1:{port + 1}/hub/error", "--log-level", "info"),
    ]
    env = {**os.environ, "CONFIGPROXY_AUTH_TOKEN": proxy_token.read_text().strip()}
    with open(state / "proxy.log", "a") as log:
        proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    proxy_pid_file.write_text(str(proc.pid))
    for _ in range(300):  # its API answers within a few seconds
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port + 2)) == 0:
                return
        time.sleep(0.1)
    sys.exit(f"The proxy did not start; see {state / 'proxy.log'}")


if not proxy_running():
    start_proxy()
c.ConfigurableHTTPProxy.should_start = False
c.ConfigurableHTTPProxy.auth_token = proxy_token.read_text().strip()
c.Spawner.ip = "127.0.0.1"

# --- State ------------------------------------------------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
# Stopping or restarting the hub leaves the proxy and every student's server running: the hub finds them again
# in its database when it starts, and students keep working (their kernels never stop).
c.JupyterHub.cleanup_servers = False
c.JupyterHub.cleanup_proxy = False

# --- Accounts: the class list, one-time codes, one system user each -----------------------------------
# No one can log in under a listed name before its owner has joined with their one-time code (hub/classauth.py).
c.JupyterHub.authenticator_class = ClassListAuthenticator
c.Authenticator.allowed_users = people["student"] | people["teacher"]
c.Authenticator.admin_users = people["teacher"]
c.FirstUseAuthenticator.create_users = False  # only names on the class list can log in
c.FirstUseAuthenticator.min_password_length = 8
c.FirstUseAuthenticator.dbm_path = str(state / "passwords.dbm")
c.ClassListAuthenticator.codes_path = str(state / "codes.dbm")
c.JupyterHub.template_paths = [str(HUB_DIR / "templates")]
c.JupyterHub.template_vars = {
    "announcement_login": "First time here? <a href='join'>Join the class with the code from your teacher</a>.",
    # On the hub's own pages, a teacher sees the way to the class's codes (a student sees nothing).
    "announcement": lambda user: (
        "Teacher: <a href='/hub/class-codes'>the class list, and codes to print or reset</a>; "
        "<a href='/services/class-answers/'>the class view: the class's answers</a>."
        if user is not None and user.admin
        else ""
    ),
}

# Everyone listed who has neither a password nor a code gets a code now. The teacher's is printed once, here;
# all of them go to a printable page only root can read. Teachers print the students' codes (and make a new one
# for a student who forgot their password) from the hub's page /hub/class-codes.
_book = CodeBook(state / "codes.dbm")
_waiting = _book.waiting()
_new = {
    name: _book.issue(name)
    for name in sorted(people["teacher"] | people["student"])
    if name not in _waiting and not password_is_set(state / "passwords.dbm", name)
}
if _new:
    _sheet = state / "new-codes.html"
    _sheet.write_text(slip_sheet(_new, f"http://127.0.0.1:{port}"))
    (state / "new-codes.json").write_text(json.dumps(_new))
    for _path in (_sheet, state / "new-codes.json"):
        _path.chmod(0o600)
    for _name in sorted(people["teacher"] & _new.keys()):
        print(f"One-time code for the teacher {_name}: {_new[_name]} (join at /hub/join; shown only here)", flush=True)
    print(f"New one-time codes for {len(_new)} people: {_sheet} (root only)", flush=True)
c.LocalAuthenticator.create_system_users = True
c.LocalAuthenticator.add_user_cmd = [
    "useradd",
    "--create-home",
    "--base-dir",
    home_base,
    "--shell",
    "/usr/sbin/nologin",
    "--comment",
    "Plate Trails hub user",
]

# --- Each student's server: the lab's pinned stack, a copy of the notebooks, limits -------------------
c.JupyterHub.spawner_class = ClassSpawner
c.Spawner.cmd = [str(VENV / "bin" / "jupyterhub-singleuser")]
# No Terminal in the launcher: students' accounts have no login shell, so a terminal would close at once.
# Kernels talk to their server over files (ipc), not TCP ports: with thirty servers and their kernels starting
# at once, a kernel could take the port a server had been given, and that server never started. The files go in
# the student's private /tmp (hub/limits.py), where their paths stay short enough for a Unix socket.
c.Spawner.args = ["--ServerApp.terminals_enabled=False", "--KernelManager.transport=ipc"]
c.Spawner.default_url = "/git-pull?" + urlencode(
    {
        "repo": repo,
        "branch": branch,
        "targetpath": "plate-trails",
        "urlpath": "lab/tree/plate-trails/notebooks/00_start_here.ipynb",
    },
    quote_via=quote,
)
c.Spawner.environment = {}
if repo.startswith(("file://", "/")):
    # A local repository belongs to root, and git refuses to read a repository another user owns unless a
    # system or global config lists it as safe. Students get a global git config naming only that repository.
    gitconfig = public / "gitconfig"
    gitconfig.write_text(f"[safe]\n\tdirectory = {repo.removeprefix('file://')}\n")
    gitconfig.chmod(0o644)
    c.Spawner.environment["GIT_CONFIG_GLOBAL"] = str(gitconfig)
# Enforced by ClassSpawner for all of a student's processes together (a control group, hub/limits.py); on The
# Littlest JupyterHub SystemdSpawner enforces them, on Zero to JupyterHub Kubernetes does (docs/hosting.md).
c.Spawner.mem_limit = setting("PT_HUB_MEM_LIMIT", "1G")
c.Spawner.cpu_limit = float(setting("PT_HUB_CPU_LIMIT", "1"))
c.ClassSpawner.max_processes = int(setting("PT_HUB_MAX_PROCESSES", "256"))
c.ClassSpawner.teacher_mem_limit = setting("PT_HUB_TEACHER_MEM_LIMIT", "3G")
# One core's worth of threads per kernel: a student may use one core, and on a many-core server numpy's thread pool
# would otherwise start a thread per core in every kernel (and count against the process limit).
c.Spawner.environment.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"})
c.Spawner.environment["JUPYTER_RUNTIME_DIR"] = "/tmp/jupyter-runtime"
# What students' servers read from outside their home stays visible over their private /tmp (hub/limits.py).
c.ClassSpawner.shared_folders = [str(REPO_ROOT), home_base, str(public)] + (
    [repo.removeprefix("file://")] if repo.startswith("file://") else []
)
if os.environ.get("PT_HUB_HOME_SIZE"):
    c.ClassSpawner.home_size = os.environ["PT_HUB_HOME_SIZE"]
    c.ClassSpawner.home_images = setting("PT_HUB_HOME_IMAGES", str(state.parent / f"{state.name}-homes"))
else:
    print("Student homes share one disk (set PT_HUB_HOME_SIZE to give each its own; docs/hosting.md)", flush=True)
c.Spawner.start_timeout = 300  # 30 servers starting at once on 2 cores take a while
c.Spawner.http_timeout = 300
c.JupyterHub.tornado_settings = {"slow_spawn_timeout": 10}  # the start request answers 202 after 10 s

# --- Idle servers are stopped by the idle culler, run by the hub as a service -------------------------
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            str(VENV / "bin" / "python"),
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={int(setting('PT_HUB_CULL_TIMEOUT', '3600'))}",
            f"--cull-every={int(setting('PT_HUB_CULL_EVERY', '300'))}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
if os.environ.get("PT_HUB_API_TOKEN"):
    c.JupyterHub.services.append({"name": "plate-trails-admin", "api_token": os.environ["PT_HUB_API_TOKEN"]})
    c.JupyterHub.load_roles.append({"name": "admin", "services": ["plate-trails-admin"]})

# --- The class-answers service (issue #23): answers students choose to send, for their teachers ------------------
# A managed service: the hub starts it (and starts it again if it stops), as the system user pt-answers, whose
# folder no one else can read. Its answers live in a SQLite file there, so a restart of the hub or the service loses
# nothing. Students' servers get its address; a student's server token may call it (their own answers only);
# teachers (the admins, also in the group 'teachers') open its dashboard through the hub's OAuth.
ANSWERS_USER = "pt-answers"
answers_dir = Path(setting("PT_HUB_ANSWERS_DIR", str(state.parent / f"{state.name}-answers")))
keep_days = float(setting("PT_HUB_ANSWERS_KEEP_DAYS", str(DEFAULT_KEEP_DAYS)))
if not keep_days > 0:
    sys.exit("PT_HUB_ANSWERS_KEEP_DAYS must be a number of days above 0.")
try:
    pwd.getpwnam(ANSWERS_USER)
except KeyError:
    made = subprocess.run(
        [
            "useradd",
            "--system",
            "--no-create-home",
            "--home-dir",
            "/nonexistent",
            "--shell",
            "/usr/sbin/nologin",
            "--comment",
            "Plate Trails class answers",
            ANSWERS_USER,
        ],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0 and made.returncode != 9:  # 9: made meanwhile by another hub
        sys.exit(f"Could not create the system user {ANSWERS_USER}: {made.stderr.strip()}")
answers_dir.mkdir(parents=True, exist_ok=True)
_answers_pw = pwd.getpwnam(ANSWERS_USER)
for _path in [answers_dir, *answers_dir.iterdir()]:
    os.chown(_path, _answers_pw.pw_uid, _answers_pw.pw_gid)
answers_dir.chmod(0o700)
answers_prefix = "/services/class-answers/"
c.JupyterHub.services.append(
    {
        "name": "class-answers",
        "url": f"http://127.0.0.1:{port + 3}",
        "command": [str(VENV / "bin" / "python"), str(HUB_DIR / "class_answers.py")],
        "user": ANSWERS_USER,
        "cwd": str(answers_dir),
        "environment": {"PT_HUB_ANSWERS_DIR": str(answers_dir), "PT_HUB_ANSWERS_KEEP_DAYS": repr(keep_days)}
        | (
            {"PT_HUB_ANSWERS_DB_URL": os.environ["PT_HUB_ANSWERS_DB_URL"]}
            if os.environ.get("PT_HUB_ANSWERS_DB_URL")
            else {}
        ),
        "oauth_no_confirm": True,  # part of the class hub: no "authorize this service?" page for the teacher
        "oauth_client_allowed_scopes": [],  # the teacher's browser token only identifies them
        "display": True,
    }
)
c.JupyterHub.load_groups = {"teachers": {"users": sorted(people["teacher"])}}
c.JupyterHub.load_roles += [
    # Every user may reach the service (it decides what each may see); 'self' is the default user role.
    {"name": "user", "scopes": ["self", "access:services!service=class-answers"]},
    # The service asks the hub whether a user is a teacher: admin (read:users:name) or group (read:users:groups).
    {"name": "class-answers", "scopes": ["read:users:name", "read:users:groups"], "services": ["class-answers"]},
]
# A student's server token (JUPYTERHUB_API_TOKEN in their kernels) may call the service, as well as the default
# server role's scopes.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "access:services!service=class-answers",
]
c.Spawner.environment.update(
    {
        "PT_CLASS_ANSWERS_URL": f"http://127.0.0.1:{port}{answers_prefix}",
        "PT_CLASS_ANSWERS_KEEP_DAYS": str(days_shown(keep_days)),
    }
)
