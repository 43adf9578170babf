"""Notebook 06's stand in real browsers (issue #18): the steps that once lost a stand, repeated in `make voila`
(notebook 06 preheated in a waiting kernel), in JupyterLab and in Notebook 7, two people at once, and the
printable page downloaded from the page itself.

The steps: open 06, type a full stand, wait 20 s, reload, tick one box. Nothing typed may be lost: some save
file still holds the whole stand, and the page never shows another person's stand.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from platetrails import position_file
from tests.support.browser import (
    CHROMIUM,
    free_port,
    isolated_env,
    make_voila_command,
    open_voila_page,
    serve,
    shot,
    stop,
)
from tests.support.notebooks import NOTEBOOK_DIR

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect  # noqa: E402

from tests.test_browser import assert_no_error_shown, jupyter_command, run_all_cells, wait_for_idle_kernel  # noqa: E402

NOTEBOOK = "06_take_a_stand.ipynb"
VIEWPORT = {"width": 1400, "height": 1000}
WAIT_BEFORE_RELOAD_S = 20  # as measured in the issue: long enough for Voila to refill its pool of waiting kernels
# Only notebook 06 is preheated here (the other six would cost 1 GiB and both cores); 06 is served exactly as
# `make voila` serves it.
ONLY_06 = "--VoilaKernelManager.preheat_denylist=['.*/0[0-5]_']"

expect.set_options(timeout=60_000)


class Person:
    """One student's words."""

    def __init__(self, who: str) -> None:
        self.name = who
        self.position = "Use them, with public rules"
        self.position_key = "use_with_rules"
        self.boxes = ["A trial: readers find more stolen cars", "Reads reveal where cars sleep"]
        self.reasoning = f"{who}'s reasoning: readers find stolen cars fast.\n\n<b>Second</b> paragraph & more."
        self.rebuttal = f"{who}'s rebuttal: most reads are innocent, so keep them a short time."


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("stand-browser")


@pytest.fixture(scope="module")
def voila(scratch: Path) -> Iterator[tuple[str, Path]]:
    """`make voila` with notebook 06 preheated, saving stands into a scratch folder."""
    port = free_port()
    folder = scratch / "voila-stands"
    env = isolated_env(scratch / "voila")
    env[position_file.FOLDER_VAR] = str(folder)
    cmd = make_voila_command(port)
    cmd[-1] += " " + ONLY_06
    proc = serve(cmd, f"http://127.0.0.1:{port}/", env, "stand-voila.log")
    yield f"http://127.0.0.1:{port}", folder
    stop(proc)


def saved_stands(folder: Path) -> list[dict]:
    """Every stand saved anywhere under the folder."""
    found = []
    for path in sorted(folder.rglob("*.json")):
        try:
            found.append({**json.loads(path.read_text(encoding="utf-8")), "file": path.name})
        except (OSError, ValueError):
            pass
    return found


def holds_whole(found: dict, person: Person) -> bool:
    return (
        found.get("reasoning") == person.reasoning
        and found.get("rebuttal") == person.rebuttal
        and found.get("position") == person.position_key
        and found.get("name") == person.name
        and len(found.get("evidence", [])) >= 2
    )


def wait_until(check, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(what)


def widget(page: Page):
    return page.locator(".platetrails-widget", has=page.locator("textarea")).first


STEPS = ("1. Where I stand", "2. My evidence", "3. My reasoning and rebuttal")


def open_step(page: Page, number: int):
    """Open one of the stand's three step tabs, as a student clicks its name; return the widget."""
    area = widget(page)
    tab = area.get_by_role("tab", name=STEPS[number - 1])
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    return area


def type_stand(page: Page, person: Person, leave_last_box: bool = True) -> None:
    """Fill every part, step by step. With `leave_last_box=False` the rebuttal box keeps the focus, as when a
    student reloads in the middle of typing: the words must be saved all the same."""
    area = widget(page)
    area.scroll_into_view_if_needed()
    open_step(page, 1)
    name = area.locator("input[type=text]").first
    name.fill(person.name)
    name.press("Tab")
    area.locator(".widget-radio-box label", has_text=person.position).click()
    open_step(page, 2)
    for title in person.boxes:
        area.locator(".widget-checkbox", has_text=title).locator("input").check()
    open_step(page, 3)
    boxes = area.locator("textarea")
    boxes.nth(0).fill(person.reasoning)
    boxes.nth(0).press("Tab")
    boxes.nth(1).fill(person.rebuttal)
    if leave_last_box:
        boxes.nth(1).press("Tab")
    expect(area).to_contain_text("Saved at")


def tick_one_more(page: Page) -> None:
    box = open_step(page, 2).locator(".widget-checkbox", has_text="Misreads can flag the wrong car").locator("input")
    box.check()
    expect(box).to_be_checked()


def stand_shown(page: Page, timeout: float = 30_000) -> None:
    """Wait until the stand widget is on the page (its first step open)."""
    expect(widget(page).get_by_role("tab", name=STEPS[0])).to_be_visible(timeout=timeout)


def open_06(page: Page, base: str, name: str) -> None:
    open_voila_page(page, f"{base}/voila/render/{NOTEBOOK}", name)
    stand_shown(page)


def test_voila_reload_then_one_tick_loses_nothing(browser: Browser, voila: tuple[str, Path]) -> None:
    """The steps from the issue, in `make voila`: the whole stand stays saved, the new page does not pretend."""
    base, folder = voila
    ana = Person("Ana")
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        open_06(page, base, "stand-reload")
        type_stand(page, ana, leave_last_box=False)
        wait_until(lambda: any(holds_whole(s, ana) for s in saved_stands(folder)), "the whole stand was never saved")
        code_text = widget(page).inner_text()
        time.sleep(WAIT_BEFORE_RELOAD_S)
        page.reload(wait_until="commit")
        expect(page.locator(".widget-output img").first).to_be_visible(timeout=120_000)
        stand_shown(page)
        tick_one_more(page)
        time.sleep(2)  # let the tick be saved
        stands = saved_stands(folder)
        assert any(holds_whole(s, ana) for s in stands), f"the whole stand was lost: {stands}"
        assert "nothing was lost" not in widget(page).inner_text()
        assert_no_error_shown(page)
        # The page names its code before the reload; typed on the new page, the code brings the stand back.
        code = re.search(r"code,? ([A-Z0-9]{6})\b", code_text)
        assert code, f"the page does not say its stand code: {code_text[-600:]}"
        area = open_step(page, 1)
        area.get_by_label("Its code:").fill(code.group(1).lower())
        area.get_by_role("button", name=re.compile("Bring back")).click()
        expect(area.locator("textarea").nth(0)).to_have_value(ana.reasoning)
        expect(area.locator("textarea").nth(1)).to_have_value(ana.rebuttal)
        expect(area.locator(".widget-radio-box input:checked")).to_have_count(1)
        expect(area).to_contain_text(f"This page now saves into the stand with code {code.group(1)}")
        expect(area).to_contain_text(f"You stand at '{ana.position}'")  # the sentence follows the stand
        shot(page, "stand-voila-brought-back.png")
        # Typing on after bringing it back saves into the same stand: one more tick, and it is still whole.
        tick_one_more(page)
        area.locator(".widget-checkbox", has_text="Some streets are scanned far more").locator("input").check()
        wait_until(
            lambda: any(holds_whole(s, ana) and "town_scans" in s["evidence"] for s in saved_stands(folder)),
            "the brought-back stand was not saved whole",
        )
    except AssertionError:
        shot(page, "stand-voila-reload-failed.png")
        raise
    finally:
        context.close()


def test_voila_two_people_at_once_never_see_each_others_stand(browser: Browser, voila: tuple[str, Path]) -> None:
    base, folder = voila
    ana, ben = Person("Ana"), Person("Ben")
    ben.position, ben.position_key = "Ban them", "ban"
    pages = []
    contexts = [browser.new_context(viewport=VIEWPORT) for _ in range(2)]
    try:
        pages = [c.new_page() for c in contexts]
        open_06(pages[0], base, "stand-ana")
        open_06(pages[1], base, "stand-ben")
        type_stand(pages[0], ana)
        expect(widget(pages[1]).locator("textarea").nth(0)).to_have_value("")
        type_stand(pages[1], ben)
        wait_until(lambda: any(holds_whole(s, ben) for s in saved_stands(folder)), "Ben's stand was never saved")
        for page in pages:
            page.reload(wait_until="commit")
            stand_shown(page, timeout=120_000)
        for page, other in ((pages[0], ben), (pages[1], ana)):
            text = widget(page).inner_text() + " ".join(
                widget(page).locator("textarea").evaluate_all("(els) => els.map((e) => e.value)")
            )
            assert other.reasoning.split(":")[0] not in text and other.name not in text
        stands = saved_stands(folder)
        assert any(holds_whole(s, ana) for s in stands) and any(holds_whole(s, ben) for s in stands)
    except AssertionError:
        for i, page in enumerate(pages):
            shot(page, f"stand-two-people-failed-{i}.png")
        raise
    finally:
        for c in contexts:
            c.close()


def download_page(page: Page, tmp_path: Path) -> Path:
    """Press the button, then download the printable page from the link the widget shows."""
    area = widget(page)
    area.get_by_role("button", name=re.compile("Save my stand")).click()
    link = area.locator("a[download]")
    expect(link).to_be_visible()
    assert link.get_attribute("href").startswith("data:text/html")
    with page.expect_download() as info:
        link.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_voila_printable_page_downloads_and_opens(browser: Browser, voila: tuple[str, Path], tmp_path: Path) -> None:
    base, _folder = voila
    ana = Person("Ana")
    ana.reasoning = "<script>window.__hacked = 1</script><h1>BIG</h1> readers & rules"
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    try:
        open_06(page, base, "stand-print")
        type_stand(page, ana)
        saved = download_page(page, tmp_path)
        assert saved.suffix == ".html"
        printable = context.new_page()
        printable.goto(saved.as_uri())
        expect(printable.locator(".typed").first).to_have_text(ana.reasoning)
        assert printable.evaluate("window.__hacked") is None
        assert printable.locator("h1").count() == 1 and printable.locator("img").count() == 3
        assert_no_error_shown(page)
    except AssertionError:
        shot(page, "stand-print-failed.png")
        raise
    finally:
        context.close()


@pytest.mark.parametrize("app", ["jupyterlab", "notebook"])
def test_jupyterlab_and_notebook7_reload_then_one_tick_loses_nothing(
    browser: Browser, scratch: Path, tmp_path: Path, app: str
) -> None:
    """The same steps in JupyterLab and Notebook 7: type, wait, reload, Run All again, tick one box; then
    download the page."""
    port, token = free_port(), "platetrails-test"
    env = isolated_env(scratch / app)
    root = scratch / f"{app}-root"
    shutil.copytree(NOTEBOOK_DIR, root, ignore=shutil.ignore_patterns("my_stand*"))
    env.pop(position_file.FOLDER_VAR, None)  # the stand goes beside the notebook, as for a student
    base = f"http://127.0.0.1:{port}"
    proc = serve(jupyter_command(app, port, root, token), f"{base}/api/status?token={token}", env, f"stand-{app}.log")
    ana = Person("Ana")
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    try:
        url = f"{base}/lab/workspaces/stand/tree/{NOTEBOOK}?reset&token={token}"
        if app == "notebook":
            url = f"{base}/notebooks/{NOTEBOOK}?token={token}"
        for attempt in range(2):
            page.goto(url, timeout=120_000)
            wait_for_idle_kernel(page)
            run_all_cells(page)
            stand_shown(page, timeout=180_000)
            expect(page.locator(".jp-Notebook .jp-InputPrompt", has_text="*")).to_have_count(0, timeout=180_000)
            if attempt == 0:
                type_stand(page, ana, leave_last_box=False)
                wait_until(lambda: any(holds_whole(s, ana) for s in saved_stands(root)), "the stand was never saved")
                time.sleep(WAIT_BEFORE_RELOAD_S)
        area = widget(page)
        expect(area.locator("textarea").nth(0)).to_have_value(ana.reasoning)  # back after Run All
        tick_one_more(page)
        wait_until(
            lambda: any(holds_whole(s, ana) and "town_misreads" in s["evidence"] for s in saved_stands(root)),
            "the stand with the new tick was not saved whole",
        )
        assert "nothing was lost" not in area.inner_text()
        saved = download_page(page, tmp_path)
        assert html.escape(ana.rebuttal) in saved.read_text(encoding="utf-8")  # shown as text
        assert_no_error_shown(page, ".jp-Notebook")
        shot(page, f"stand-{app}.png")
    except AssertionError:
        shot(page, f"stand-{app}-failed.png")
        raise
    finally:
        context.close()
        stop(proc)
