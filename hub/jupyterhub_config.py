"""JupyterHub for one class on one machine (issue #13): `make hub`, or `hub/.venv/bin/jupyterhub -f hub/jupyterhub_config.py`.

Run it as root: the hub creates one Linux user per name on the class list and starts each student's server as
that user (LocalProcessSpawner), so students cannot read each other's files. Everything listens on 127.0.0.1
only. Settings come from environment variables (all optional):

  PT_HUB_CLASSLIST   the class list CSV (default hub/classlist.csv, else hub/classlist.example.csv)
  PT_HUB_PORT        the port students open, http://127.0.0.1:PORT (default 8000; the hub API and the
                     proxy API use PORT+1 and PORT+2)
  PT_HUB_STATE       folder for the hub's database, cookie secret and password hashes (default hub/state)
  PT_HUB_REPO        the git repository nbgitpuller copies for each student (default: a bare copy of this
                     repository's branches in PT_HUB_STATE-public/, refreshed at each start)
  PT_HUB_BRANCH      its branch (default: the branch checked out here, else main)
  PT_HUB_HOME_BASE   where student home folders are made (default /home)
  PT_HUB_MEM_LIMIT   memory per student, e.g. 1G (default 1G; see below for which spawners enforce it)
  PT_HUB_CPU_LIMIT   cores per student (default 1)
  PT_HUB_CULL_TIMEOUT  stop a server idle this many seconds (default 3600)
  PT_HUB_CULL_EVERY    how often the culler checks, in seconds (default 300)
  PT_HUB_API_TOKEN   if set, a service 'plate-trails-admin' with this token and the admin role (tests, load test)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

HUB_DIR = Path(__file__).resolve().parent
REPO_ROOT = HUB_DIR.parent
VENV = HUB_DIR / ".venv"
sys.path.insert(0, str(HUB_DIR))

from classauth import ClassListAuthenticator, read_class_list  # noqa: E402

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
own_list = HUB_DIR / "classlist.csv"
class_list = Path(
    setting("PT_HUB_CLASSLIST", str(own_list if own_list.exists() else HUB_DIR / "classlist.example.csv"))
)
people = read_class_list(class_list)
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
c.ConfigurableHTTPProxy.command = [str(HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
c.Spawner.ip = "127.0.0.1"

# --- State ------------------------------------------------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server

# --- Accounts: the class list, first-use passwords, one system user each ------------------------------
c.JupyterHub.authenticator_class = ClassListAuthenticator
c.Authenticator.allowed_users = people["student"] | people["teacher"]
c.Authenticator.admin_users = people["teacher"]
c.FirstUseAuthenticator.create_users = False  # only names on the class list can log in
c.FirstUseAuthenticator.min_password_length = 8
c.FirstUseAuthenticator.dbm_path = str(state / "passwords.dbm")
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
c.Spawner.cmd = [str(VENV / "bin" / "jupyterhub-singleuser")]
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
# mem_limit and cpu_limit are enforced by SystemdSpawner (TLJH) and KubeSpawner (Zero to JupyterHub).
# LocalProcessSpawner, used here, only passes them on as MEM_LIMIT / CPU_LIMIT (the single-user server
# can show them); this machine has no systemd to enforce them. docs/hosting.md says so.
c.Spawner.mem_limit = setting("PT_HUB_MEM_LIMIT", "1G")
c.Spawner.cpu_limit = float(setting("PT_HUB_CPU_LIMIT", "1"))
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
