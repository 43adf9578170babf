"""What the browser tests share: Debian's Chromium, private Jupyter folders, local servers and the artefacts folder.

Used by tests/conftest.py (the pytest-playwright launch options), tests/test_browser.py and
`python -m tests.support.axe_report`. Importing it does not import Playwright.
"""

from __future__ import annotations

import json
import os
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

from tests.support.notebooks import GUARD, ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("PLATETRAILS_ARTIFACTS", Path(tempfile.gettempdir()) / "platetrails-artifacts"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def launch_args() -> dict:
    """Launch options for Playwright: always Debian's Chromium, never a browser Playwright would download."""
    return {"executable_path": str(CHROMIUM), "args": list(LAUNCH_ARGS)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isolated_env(scratch: Path, lab_settings: bool = True) -> dict[str, str]:
    """A private HOME and Jupyter folders, with the network guard in every kernel.

    lab_settings: also write JupyterLab user settings for tests (no news question, no autosave). The
    `make lab` test passes False for the news part, so that it checks the repository's own settings.
    """
    startup = scratch / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    shutil.copy(GUARD, startup / "00-no-network.py")
    settings = scratch / "lab-settings" / "@jupyterlab"
    if lab_settings:
        (settings / "apputils-extension").mkdir(parents=True)
        (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False})
        )
    # Autosave off everywhere: a test never writes outputs into a notebook.
    (settings / "docmanager-extension").mkdir(parents=True)
    (settings / "docmanager-extension" / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    env = dict(os.environ)
    env.update(
        {
            "HOME": str(scratch / "home"),
            "IPYTHONDIR": str(scratch / "ipython"),
            "MPLCONFIGDIR": str(scratch / "mpl"),
            "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
            "JUPYTER_CONFIG_DIR": str(scratch / "config"),
            "JUPYTERLAB_SETTINGS_DIR": str(scratch / "lab-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "workspaces"),
            "PLATETRAILS_NETWORK_LOG": str(scratch / "network.log"),
        }
    )
    for key in ("MPLBACKEND", "JUPYTER_CONFIG_PATH"):
        env.pop(key, None)
    (scratch / "home").mkdir()
    return env


def wait_for_http(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise TimeoutError(url)


def start(cmd: list[str], env: dict[str, str], log_name: str, cwd: Path = ROOT) -> subprocess.Popen:
    """Start a server in its own process group; its log goes to the artefacts folder for reading after a failure."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / log_name).open("w") as handle:
        return subprocess.Popen(cmd, env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True)


def serve(cmd: list[str], url: str, env: dict[str, str], log_name: str, cwd: Path = ROOT) -> subprocess.Popen:
    """Start a server and wait until `url` answers."""
    proc = start(cmd, env, log_name, cwd)
    try:
        wait_for_http(url, proc)
    except Exception:
        stop(proc)
        raise
    return proc


def stop(proc: subprocess.Popen, seconds: float = 20) -> None:
    """Stop a server started by start(): its whole process group (make, its shell and the server), by id.

    SIGTERM first, so that the server stops its kernels; SIGKILL for whatever is left after `seconds`
    (a JupyterLab once hung on a lock after SIGTERM instead of exiting).
    """

    def signal_group(sig: int) -> bool:
        try:
            os.killpg(proc.pid, sig)
            return True
        except ProcessLookupError:
            return False

    signal_group(signal.SIGTERM)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        proc.poll()  # reap the group leader, so that only live processes count below
        if not signal_group(0):
            return
        time.sleep(0.2)
    signal_group(signal.SIGKILL)
    proc.wait(timeout=seconds)


def log_text(log_name: str) -> str:
    path = ARTIFACTS / log_name
    return path.read_text(errors="replace") if path.exists() else ""


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def voila_command(port: int, notebook_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        # No kernel culling here: Voila's own server-side run of a notebook does not count as kernel
        # activity, so a short cull timeout can kill a kernel while its page is still being built.
        # Stopping the server stops every kernel it started.
        str(notebook_dir),
    ]


def make_voila_command(port: int) -> list[str]:
    """The teacher's `make voila` (preheated kernels, culling of closed pages), on a loopback port, no browser."""
    args = f"--no-browser --port={port} --Voila.ip=127.0.0.1 --Voila.port_retries=0"
    return ["make", "-s", "--no-print-directory", "voila", f"VOILA_ARGS={args}"]


def open_voila_page(page, url: str, name: str) -> None:
    """Open a Voila page and wait for its first widget picture; reload once if the page stalls.

    With ipykernel 7 a kernel's first request could go unanswered (ipython/ipykernel#1554), so
    requirements.txt pins ipykernel 6. Voila can still stall now and then (voila-dashboards/voila#1395);
    a teacher reloads the page, and so does this helper, once. A second stall fails the test.
    """
    from playwright.sync_api import expect

    picture = page.locator(".widget-output img").first
    page.goto(url, timeout=120_000, wait_until="commit")
    try:
        expect(picture).to_be_visible(timeout=90_000)
        return
    except AssertionError:
        shot(page, f"voila-{name}-first-try.png")
    page.reload(timeout=120_000, wait_until="commit")
    try:
        expect(picture).to_be_visible(timeout=90_000)
    except AssertionError:
        shot(page, f"voila-{name}-failed.png")
        raise AssertionError(f"no widget picture appeared; the page says: {page.inner_text('body')[-1500:]}") from None
