"""Real browsers: every notebook served by Voila (code hidden) and the mosaic run in JupyterLab, in headless Chromium.

A notebook joins these tests by being in notebooks/. Screenshots go to $PLATETRAILS_ARTIFACTS
(default: a platetrails-artifacts folder in the system temp directory), never into the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.notebooks import GUARD, NOTEBOOK_DIR, all_notebooks

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
ERROR_TEXT = ["Traceback", "Something went wrong", "Error displaying widget", "ModuleNotFoundError"]

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing; .ci/run installs Debian's chromium before the tests")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isolated_env(scratch: Path) -> dict[str, str]:
    """A private HOME and Jupyter folders, the network guard in every kernel, and lab settings for tests."""
    startup = scratch / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    shutil.copy(GUARD, startup / "00-no-network.py")
    settings = scratch / "lab-settings" / "@jupyterlab"
    (settings / "apputils-extension").mkdir(parents=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
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
    env.pop("MPLBACKEND", None)
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
        except Exception:
            time.sleep(0.3)
    raise TimeoutError(url)


def serve(cmd: list[str], url: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start a server and wait until it answers; its log goes to the artefacts folder for reading after a failure."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    handle = (ARTIFACTS / log.name).open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=NOTEBOOK_DIR.parent)
    try:
        wait_for_http(url, proc)
    except Exception:
        proc.terminate()
        raise
    return proc


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="platetrails-browser-"))
    yield path
    log = path / "network.log"
    attempts = log.read_text().strip() if log.exists() else ""
    shutil.rmtree(path, ignore_errors=True)
    assert not attempts, f"a kernel tried to use the network: {attempts}"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def voila(scratch: Path) -> Iterator[str]:
    port = free_port()
    env = isolated_env(scratch / "voila")
    cmd = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        # No kernel culling here: Voila's own server-side run of a notebook does not count as kernel
        # activity, so a short cull timeout can kill a kernel while its page is still being built.
        # Stopping the server at the end of the module stops every kernel it started.
        str(NOTEBOOK_DIR),
    ]
    base = f"http://127.0.0.1:{port}"
    proc = serve(cmd, base + "/", env, scratch / "voila.log")
    yield base
    stop(proc)


def settled_src(page: Page, selector: str, previous: str | None = None, seconds: float = 30) -> str:
    """The image's src once it differs from `previous` and has stayed the same for half a second."""
    deadline = time.time() + seconds
    last, since = None, time.time()
    while time.time() < deadline:
        src = page.eval_on_selector(selector, "img => img.src") if page.query_selector(selector) else None
        if src != last:
            last, since = src, time.time()
        elif src and src != previous and time.time() - since > 0.5:
            return src
        time.sleep(0.1)
    raise AssertionError(f"the image {selector} did not settle on a new picture")


def open_voila_page(page: Page, url: str, name: str) -> None:
    """Open a Voila page and wait for its first widget picture; reload once if the page stalls.

    With ipykernel 7 a kernel's first request could go unanswered (ipython/ipykernel#1554), so
    requirements.txt pins ipykernel 6. Voila can still stall now and then (voila-dashboards/voila#1395);
    a teacher reloads the page, and so does this test, once. A second stall fails the test.
    """
    page.goto(url, timeout=120_000, wait_until="commit")
    try:
        page.wait_for_selector(".widget-output img", timeout=90_000)
        return
    except Exception:
        shot(page, f"voila-{name}-first-try.png")
    page.reload(timeout=120_000, wait_until="commit")
    try:
        page.wait_for_selector(".widget-output img", timeout=90_000)
    except Exception:
        shot(page, f"voila-{name}-failed.png")
        raise AssertionError(f"no widget picture appeared; the page says: {page.inner_text('body')[-1500:]}") from None


def assert_no_error_shown(page: Page) -> None:
    text = page.inner_text("body")
    for bad in ERROR_TEXT:
        assert bad not in text, f"the page shows '{bad}'"
    assert page.query_selector_all("[data-mime-type='application/vnd.jupyter.stderr']") == []


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


MARK_TARGET = """
(control) => {
  // Mark the output area of the first widget picture after this control: the one it redraws.
  const all = Array.from(document.querySelectorAll('.widget-output img'));
  const after = all.find(img => control.compareDocumentPosition(img) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (after) after.closest('.widget-output').setAttribute('data-platetrails-target', '1');
  return Boolean(after);
}
"""


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: p.name)
def test_voila_renders_each_notebook_and_its_first_widget_responds(browser, voila: str, path: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url) if "127.0.0.1" in r.url else None)
    open_voila_page(page, f"{voila}/voila/render/{path.name}", path.stem)
    page.wait_for_load_state("networkidle", timeout=120_000)
    assert page.query_selector(".jp-InputArea") is None or not page.is_visible(".jp-InputArea-editor"), "code shows"
    slider = page.query_selector(".widget-slider .noUi-handle")
    control = slider or page.query_selector(".widget-checkbox input")
    assert control is not None, "the notebook has no slider or tick box to try"
    assert page.evaluate(MARK_TARGET, control), "no picture follows the control"
    image = "[data-platetrails-target] img"
    before = settled_src(page, image)
    if slider:
        readout = slider.evaluate("h => h.closest('.widget-slider').querySelector('.widget-readout').innerText")
        slider.focus()
        page.keyboard.press("ArrowRight")
        new = slider.evaluate("h => h.closest('.widget-slider').querySelector('.widget-readout').innerText")
        deadline = time.time() + 10
        while new == readout and time.time() < deadline:
            time.sleep(0.1)
            new = slider.evaluate("h => h.closest('.widget-slider').querySelector('.widget-readout').innerText")
        assert new != readout
    else:
        control.click()
    settled_src(page, image, previous=before)
    assert_no_error_shown(page)
    assert failed == [], f"requests to the local server failed: {failed}"
    shot(page, f"voila-{path.stem}.png")
    page.close()


def test_voila_mosaic_days_slider_with_keyboard(browser, voila: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    open_voila_page(page, f"{voila}/voila/render/02_the_mosaic.ipynb", "mosaic-keys")
    image = ".widget-output img"
    page.wait_for_selector(".widget-slider .noUi-handle", timeout=60_000)
    src = settled_src(page, image)
    assert page.inner_text(".widget-readout").strip() == "7"
    page.focus(".widget-slider .noUi-handle")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.widget-readout').innerText.trim() == '12'", timeout=10_000)
    new_src = settled_src(page, image, previous=src)
    assert new_src != src
    assert "12 day(s)" in page.inner_text(".widget-html-content >> nth=-1") or "12 day(s)" in page.inner_text("body")
    assert_no_error_shown(page)
    shot(page, "voila-mosaic-after-keys.png")
    page.close()


@pytest.mark.parametrize("app", ["jupyterlab", "notebook"])
def test_lab_and_notebook7_run_the_mosaic_and_show_the_widget(browser, scratch: Path, app: str) -> None:
    port = free_port()
    token = "platetrails-test"
    env = isolated_env(scratch / app)
    root = scratch / f"{app}-root"
    shutil.copytree(NOTEBOOK_DIR, root)  # autosave or a stray save never touches the repository's notebooks
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
    base = f"http://127.0.0.1:{port}"
    proc = serve(cmd, f"{base}/api/status?token={token}", env, scratch / f"{app}.log")
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        path = "lab/tree" if app == "jupyterlab" else "notebooks"
        page.goto(f"{base}/{path}/02_the_mosaic.ipynb?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        page.wait_for_function(
            "() => { const k = document.querySelector('.jp-Notebook-ExecutionIndicator, .jp-KernelStatus, "
            "#jp-kernel-status'); return !k || !/starting|unknown|connecting/i.test(k.getAttribute('data-status') "
            "|| k.textContent); }",
            timeout=120_000,
        )
        page.wait_for_timeout(1000)
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
        handle = ".jp-Notebook .widget-slider .noUi-handle"
        image = ".jp-Notebook .widget-output img"
        page.wait_for_selector(handle, timeout=120_000)
        page.wait_for_selector(image, timeout=60_000)
        page.wait_for_function(  # every cell has run, so the page has stopped scrolling
            "() => document.querySelectorAll('.jp-Notebook .jp-Cell .jp-InputPrompt').length > 0 && "
            "!Array.from(document.querySelectorAll('.jp-InputPrompt')).some(p => p.textContent.includes('*'))",
            timeout=120_000,
        )
        src = settled_src(page, image)
        readout = ".jp-Notebook .widget-slider .widget-readout"
        read_value = f"document.querySelector('{readout}').innerText.trim()"
        if app == "jupyterlab":
            before = page.evaluate(read_value)
            changed = f"{read_value} != '{before}'"
            page.focus(handle)
            page.keyboard.press("ArrowRight")
        else:  # Notebook 7 keeps arrow keys for itself and scrolls as it goes: tick "Reveal the truth" instead
            reveal = page.locator(".jp-Notebook .widget-checkbox", has_text="Reveal the truth").locator("input")
            reveal.scroll_into_view_if_needed()
            reveal.check()
            assert reveal.is_checked()
            changed = "document.querySelector('.jp-Notebook').innerText.includes('The truth:')"
        try:
            page.wait_for_function(changed, timeout=10_000)
            settled_src(page, image, previous=src)
        except Exception:
            shot(page, f"{app}-mosaic-failed.png")
            raise
        stderr = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        assert page.query_selector_all(stderr) == []
        errors = page.query_selector_all(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")
        assert errors == []
        assert "Something went wrong" not in page.inner_text(".jp-Notebook")
        assert len(page.query_selector_all(".jp-Notebook .widget-output img")) >= 1
        shot(page, f"{app}-mosaic.png")
        page.close()
    finally:
        stop(proc)
