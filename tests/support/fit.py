"""Does every widget fit a 1280x720 projector in every state its tasks use? (issue #18, build step 2)

`TASKS` lists, for each notebook, the controls each "Now try" (or the text beside a widget) asks students to
move, in order, as steps on the page's widgets (numbered in page order). `walk(page, url, path)` opens the
notebook in Voila, checks the page's own text, then each widget in its opening state and after every step:

- the widget block is at most 720 px tall (controls, picture and headline on one screen);
- no text in it is smaller than 18 px, and no picture is shown smaller than its own size;
- no control is cut: every slider shows a track, no readout, menu choice or radio button is clipped.

Each block of class `platetrails-page` (a table shown as it is, such as notebook 04's audit page) is judged the
same way, once. It saves a screenshot of the screen it judged for every state ($PLATETRAILS_ARTIFACTS/fit-<notebook>-*.png)
and returns one `Judged` row per state, so a test can report every height at once.
Used by tests/test_browser.py; `python -m tests.support.fit URL [notebook ...]` walks a running Voila.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.browser import ARTIFACTS

SCREEN = {"width": 1280, "height": 720}
# A static table that must fit one screen, such as 04's audit page (sharing_tables.PAGE_CLASS).
PAGE_BLOCK = "platetrails-page"
MIN_PX = 18
MIN_TRACK_PX = 120  # a slider's track long enough to grab and read

# A step is (widget number, action, control label, value):
#   ("tick", label, True/False)       set a tick box
#   ("pick", label, option)           choose a menu option by its text
#   ("each", label, None)             choose every option of a menu in turn (a state for each)
#   ("radio", label, option)          choose a radio button by its text
#   ("slide", label, readout)         move a slider with the keyboard until its readout says this
#   ("end", label, "Home"/"End")      move a slider to one end
#   ("press", button text, None)      press a button
#   ("type", label, text)             type into a text box and press Enter
#   ("tab", tab title, None)          open a step's tab
#   ("write", box number, text)       type into a text area (numbered in the widget, from 0)
NETWORKS = ["City fixed cameras", "City patrol cars", "Repossession cars (private)", "County fixed cameras"]


def only(widget: int, keep: str, networks: list[str] = NETWORKS) -> list[tuple]:
    """Tick one network and untick the others (the tick first, so something is always ticked)."""
    return [(widget, "tick", keep, True)] + [(widget, "tick", n, False) for n in networks if n != keep]


TASKS: dict[str, list[tuple]] = {
    "00_start_here": [step for net in NETWORKS for step in only(0, net)],
    "01_what_a_reader_sees": [
        (0, "press", "Show another read", None),
        (0, "press", "Show another read", None),
        (1, "tick", "Repossession cars (private)", True),
        (1, "tick", "County fixed cameras", True),
        (1, "each", "Car on the alert:", None),
        (1, "end", "Alert hour:", "End"),
        (2, "end", "Cars on the hot list:", "End"),
        (2, "slide", "Cars on the hot list:", "3"),
        (3, "end", "Misread rate (%):", "End"),
        (3, "slide", "Misread rate (%):", "1.00"),
        (3, "type", "Innocent car's plate:", "<b>8KXT2I8</b>"),
        (4, "slide", "Search runs:", "1 month later"),
        (4, "slide", "Search runs:", "1 year later"),
        (4, "end", "Search runs:", "End"),
        (4, "each", "Car in the case:", None),
    ],
    "02_the_mosaic": [
        *[(0, "slide", "Days of data:", str(d)) for d in (1, 2, 3, 4, 5, 7, 10, 14, 21, 28)],
        (0, "tick", "Reveal the truth", True),
        (0, "pick", "Car:", "Car D"),
        (0, "tick", "Reveal the truth", False),
        (0, "tick", "Reveal the truth", True),
        (0, "radio", "Colour by:", "camera network"),
        (0, "radio", "Colour by:", "time of week"),
        (0, "pick", "Car:", "Car A"),
        *[step for net in NETWORKS for step in only(0, net)],
        (0, "each", "Car:", None),
        (1, "radio", "All readers:", "one third as often"),
        (1, "radio", "All readers:", "one tenth as often"),
        (1, "radio", "All readers:", "as rarely as in Seattle"),
        (1, "end", "Days of reads:", "End"),
        (1, "end", "Days of reads:", "Home"),
    ],
    "03_public_anyway": [  # the singled-out and home-to-name widgets sit in the extension, after the camera line
        (0, "each", "Memory:", None),
        (0, "each", "Car:", None),
        (1, "slide", "Cameras:", "2"),
        (1, "each", "Car:", None),  # task 1: each resident with two cameras
        (1, "pick", "Car:", "All six case residents"),
        (1, "slide", "Cameras:", "6"),
        (1, "end", "Cameras:", "End"),
        (1, "slide", "My line (0 = none):", "8"),
        (1, "each", "Car:", None),
        (2, "radio", "Detail:", "Neighbourhood and part of day"),
        (2, "each", "Car:", None),
        (2, "end", "Days of data:", "Home"),
        (3, "pick", "Car:", "Car A"),
        (3, "pick", "Car:", "Car C"),
        (3, "pick", "Car:", "Car D"),
        (3, "end", "Days of data:", "Home"),
    ],
    "04_who_shares": [
        (0, "tick", "The city shares its reads", True),  # task 1
        *[  # task 2: one owner's switch off and on again, then the company's reads alone
            (0, "tick", owner, on)
            for owner in (
                "The county shares its reads",
                "The repossession company uploads",
                "The city shares its reads",
            )
            for on in (False, True)
        ],
        (0, "tick", "The city shares its reads", False),
        (0, "tick", "The county shares its reads", False),
        (0, "tick", "The repossession company uploads", False),  # task 3: every owner off
        (0, "tick", "The city shares its reads", True),
        (0, "tick", "The county shares its reads", True),
        (0, "tick", "The repossession company uploads", True),
        (0, "tick", "The federal agency has access", False),  # task 3: the agency's access off
        (0, "tick", "The federal agency has access", True),
        *[(0, "slide", "Years back it may search:", str(y)) for y in (4, 3, 2, 1)],  # task 4
    ],
    "05_policy_lab": [
        (0, "slide", "Keep reads:", "3 minutes unless a hit"),
        (0, "pick", "Federal agencies:", "no"),
        (0, "slide", "Keep reads:", "30 days"),
        (0, "pick", "Old reads need:", "a warrant from a judge"),
        (0, "pick", "Assume searches look back:", "3 months"),
        (0, "end", "Assume a warrant takes (days):", "End"),
        (0, "each", "Start from:", None),  # the town council vote starts from each state's law
    ],
    "06_take_a_stand": [
        (0, "each", "Evidence:", None),
        (0, "tick", "Say what kind of evidence it is", True),
        (0, "each", "Evidence:", None),
        # the stand: each step's tab as the "Take your stand" list asks, empty and then filled in
        (1, "radio", "I stand at:", "Use them under strict limits"),
        (1, "tab", "2. My evidence", None),
        (1, "tick", "A trial: readers find more stolen cars", True),
        (1, "tick", "Reads reveal where cars sleep", True),
        (1, "tick", "Sensitive-place labels are often wrong", True),
        (1, "tick", "Misreads can flag the wrong car", True),  # four: the widget asks to keep three
        (1, "tab", "3. My reasoning and rebuttal", None),
        (1, "write", 0, "Readers help find stolen cars, but four weeks of reads show where a car sleeps. " * 6),
        (1, "write", 1, "Supporters say reads solve crimes fast; short limits keep alerts and end the archive. " * 6),
        (1, "press", "Save my stand", None),
        (1, "tab", "1. Where I stand", None),
    ],
}


@dataclass
class Judged:
    notebook: str
    widget: int
    state: str
    height: float
    problems: list[str] = field(default_factory=list)
    screenshot: str = ""


SMALL_TEXT = """
(area) => {
  // Every visible element with text of its own in a font smaller than MIN px.
  const small = [];
  area.querySelectorAll("*").forEach((el) => {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.offsetParent === null) return;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < MIN) small.push(el.tagName + " " + px + "px: " + el.textContent.trim().slice(0, 30));
  });
  return small;
}
""".replace("MIN", str(MIN_PX))

CUT_CONTROLS = """
(block) => {
  const cut = [];
  const shown = (el) => el.getClientRects().length > 0;  // a control on a closed tab is not on the screen
  const canvas = document.createElement("canvas").getContext("2d");
  const inside = (el, box) => {
    const r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
    return r.width > 0 && r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
  };
  block.querySelectorAll(".widget-slider").forEach((s) => {
    if (!shown(s)) return;
    const track = s.querySelector(".slider-container");
    const name = (s.querySelector(".widget-label") || {}).textContent || "slider";
    if (!track || track.getBoundingClientRect().width < MIN_TRACK) {
      cut.push(`slider '${name}' track ${track ? track.getBoundingClientRect().width.toFixed(0) : 0} px`);
    }
    const readout = s.querySelector(".widget-readout");
    if (readout && (readout.scrollWidth > readout.clientWidth + 1 || !inside(readout, block))) {
      cut.push(`slider '${name}' readout cut: ${readout.textContent}`);
    }
  });
  block.querySelectorAll("select").forEach((sel) => {
    if (!shown(sel)) return;
    const style = getComputedStyle(sel);
    canvas.font = `${style.fontSize} ${style.fontFamily}`;
    const text = sel.selectedIndex >= 0 ? sel.options[sel.selectedIndex].text : "";
    // The text must fit beside the menu's arrow (about 18 px) and its padding.
    const room = sel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 18;
    if (canvas.measureText(text).width > room) cut.push(`menu choice cut: ${text}`);
    if (!inside(sel, block)) cut.push(`menu outside its widget: ${text}`);
  });
  block.querySelectorAll(".widget-radio-box input, .widget-checkbox input").forEach((input) => {
    if (!shown(input)) return;
    const box = input.closest(".widget-radio-box") || input.closest(".widget-checkbox");
    const label = input.closest("label") || input.parentElement;
    if (!inside(input, box) || !inside(input, block)) cut.push(`button cut: ${label.textContent.trim()}`);
  });
  block.querySelectorAll(".widget-label, .widget-readout, label, button").forEach((el) => {
    if (el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== "visible") {
      cut.push(`text cut: ${el.textContent.trim().slice(0, 40)}`);
    }
  });
  return cut;
}
""".replace("MIN_TRACK", str(MIN_TRACK_PX))

SCALED_PICTURES = """
(block) => Array.from(block.querySelectorAll(".widget-output img"))
  .filter((img) => img.naturalWidth && img.getClientRects().length && img.clientWidth < img.naturalWidth - 1)
  .map((img) => img.clientWidth + " of " + img.naturalWidth + " px")
"""

PAGE_TEXT = "() => (SMALL)(document.querySelector('body'))".replace("SMALL", SMALL_TEXT.strip())


def control(block, kind: str, label: str):
    """The control of a widget block with this label (a slider, a menu, a tick box, a text box)."""
    exact = re.compile(rf"^[\s\u200b]*{re.escape(label)}[\s\u200b]*$")
    if kind == "tick":
        return block.locator(".widget-checkbox").filter(has_text=exact).locator("input")
    labelled = block.page.locator(".widget-label").filter(has_text=exact)
    if kind in ("slide", "end"):
        return block.locator(".widget-slider").filter(has=labelled)
    if kind in ("pick", "each"):
        return block.locator(".widget-dropdown").filter(has=labelled).locator("select")
    if kind == "radio":
        return block.locator(".widget-radio").filter(has=labelled)
    if kind == "type":
        return block.locator(".widget-text").filter(has=labelled).locator("input")
    raise ValueError(kind)


def fingerprint(block) -> str:
    """What changes when a widget has answered: its picture and its sentence."""
    return block.evaluate(
        "(b) => Array.from(b.querySelectorAll('.widget-output img')).map(i => i.src.length + ':' + i.src.slice(-80))"
        ".join('|') + '#' + b.innerText.length"
    )


def settle(page, block, before: str, seconds: float = 20, quiet: float = 0.6) -> None:
    """Wait until the widget has answered (its picture or text changed) and then stayed the same for `quiet`."""
    deadline = time.monotonic() + seconds
    changed_by = time.monotonic() + 4  # a step that leaves the picture as it was (the same state) changes nothing
    last, since = before, time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(150)
        now = fingerprint(block)
        if now != last:
            last, since = now, time.monotonic()
        elif (last != before or time.monotonic() > changed_by) and time.monotonic() - since >= quiet:
            return


def do_step(page, block, action: str, label: str, value) -> list[str]:
    """Carry out one step (any but "each", which `walk` does option by option); return the state's name."""
    before = fingerprint(block)
    if action == "tick":
        box = control(block, "tick", label)
        if box.is_checked() != value:
            box.click()
            settle(page, block, before)
        return [f"{'tick' if value else 'untick'} {label}"]
    if action == "pick":
        control(block, "pick", label).select_option(label=value)
        settle(page, block, before)
        return [f"{label} {value}"]
    if action == "radio":
        control(block, "radio", label).locator("label").filter(
            has_text=re.compile(rf"^[\s\u200b]*{re.escape(value)}[\s\u200b]*$")
        ).click()
        settle(page, block, before)
        return [f"{label} {value}"]
    if action in ("slide", "end"):
        slider = control(block, "slide", label)
        handle, readout = slider.locator(".noUi-handle").first, slider.locator(".widget-readout")
        handle.focus()
        if action == "end":
            page.keyboard.press(value)
        else:
            for key in ("Home", *["ArrowRight"] * 200):
                if readout.inner_text().strip() == value:
                    break
                page.keyboard.press(key)
            assert readout.inner_text().strip() == value, f"slider {label} never showed {value}"
        settle(page, block, before)
        return [f"{label} {readout.inner_text().strip()}"]
    if action == "press":
        block.locator("button").filter(has_text=label).first.click()
        settle(page, block, before)
        return [f"press {label}"]
    if action == "tab":
        block.get_by_role("tab", name=label).click()
        block.get_by_role("tab", name=label).and_(block.locator(".lm-mod-current")).wait_for()
        settle(page, block, before, seconds=2, quiet=0.3)  # a tab shows what is there: nothing is recomputed
        return [f"tab {label}"]
    if action == "write":
        box = block.locator("textarea").nth(label)
        box.fill(value)
        settle(page, block, before)
        return [f"box {label + 1} written"]
    if action == "type":
        box = control(block, "type", label)
        box.fill(value)
        box.press("Enter")
        settle(page, block, before)
        return [f"{label} typed"]
    raise ValueError(action)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50]


def judge(page, block, notebook: str, widget: int, state: str, number: int) -> Judged:
    """Scroll the widget to the top of the screen, measure it and save the screenshot judged."""
    block.evaluate("(el) => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(100)
    box = block.bounding_box()
    height = box["height"] if box else 0.0
    problems = []
    if height > SCREEN["height"]:
        problems.append(f"{height:.0f} px tall")
    problems += [f"small text {t}" for t in block.evaluate(SMALL_TEXT)]
    problems += [f"picture shrunk {t}" for t in block.evaluate(SCALED_PICTURES)]
    problems += block.evaluate(CUT_CONTROLS)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = f"fit-{notebook}-w{widget}-{number:02d}-{slug(state)}.png"
    page.screenshot(path=str(ARTIFACTS / name))
    return Judged(notebook, widget, state, height, problems, name)


def edition_language(path: Path) -> str:
    """The language of a notebook: "en" for notebooks/, the folder's name for an edition (notebooks/es/)."""
    return "en" if path.parent.name == "notebooks" else path.parent.name


def in_language(steps: list[tuple], lang: str) -> list[tuple]:
    """The steps with each control's label, and each menu, radio, slider or tab choice written in words, as the
    widgets show them in `lang` (through the package catalogue)."""
    from platetrails.i18n import _, using_language

    def shown(text):
        return _(text) if isinstance(text, str) and re.search(r"[A-Za-z]{2}", text) else text

    with using_language(lang):
        return [
            (widget, action, shown(label), shown(value) if action in {"pick", "radio", "slide", "tab"} else value)
            for widget, action, label, value in steps
        ]


def walk(page, url: str, path: Path, open_page) -> list[Judged]:
    """Open one notebook in Voila at 1280x720, then judge every widget in its opening state and after each step."""
    lang = edition_language(path)
    steps = in_language(TASKS.get(path.stem, []), lang)
    notebook = path.stem if lang == "en" else f"{lang}-{path.stem}"  # names the screenshots
    open_page(page, url, f"fit-{notebook}")
    blocks = page.locator(".platetrails-widget")
    page.locator(".platetrails-widget .widget-output img").last.wait_for(state="attached", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    small = page.evaluate(PAGE_TEXT)
    judged = [Judged(notebook, -1, "page text", 0.0, [f"small text {t}" for t in small])]
    count = blocks.count()
    for i in range(count):
        block = blocks.nth(i)
        block.evaluate("(el) => el.scrollIntoView({block: 'start'})")
        block.locator(".widget-output img").first.wait_for(timeout=60_000)
        judged.append(judge(page, block, notebook, i, "opening", 0))
        number = 1
        for widget, action, label, value in steps:
            if widget != i:
                continue
            if action == "each":  # judge each option as the menu is walked
                menu = control(block, "each", label)
                for option in menu.evaluate("(s) => Array.from(s.options).map((o) => o.label)"):
                    before = fingerprint(block)
                    menu.select_option(label=option)
                    settle(page, block, before)
                    judged.append(judge(page, block, notebook, i, f"{label} {option}", number))
                    number += 1
                continue
            for state in do_step(page, block, action, label, value):
                judged.append(judge(page, block, notebook, i, state, number))
                number += 1
    shown = page.locator(f".{PAGE_BLOCK}")
    for i in range(shown.count()):  # a page shown as it is (no controls): one state, judged like a widget
        judged.append(judge(page, shown.nth(i), notebook, -2 - i, PAGE_BLOCK, 0))
    return judged


def report(judged: list[Judged]) -> str:
    """One line per state: the widget, its height, and what is wrong (if anything)."""
    lines = []
    for j in judged:
        where = "page" if j.widget == -1 else f"page block {-2 - j.widget}" if j.widget < -1 else f"widget {j.widget}"
        size = "" if j.widget == -1 else f"{j.height:5.0f} px"
        lines.append(f"{j.notebook} {where} {size} {j.state}: {'; '.join(j.problems[:4]) or 'ok'}")
    return "\n".join(lines)


if __name__ == "__main__":  # walk a running Voila: python -m tests.support.fit http://127.0.0.1:8866 [notebooks]
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch_args, open_voila_page
    from tests.support.notebooks import all_notebooks

    base, wanted = sys.argv[1], sys.argv[2:]
    paths = [p for p in all_notebooks() if not wanted or p.stem[:2] in {w[:2] for w in wanted}]
    with sync_playwright() as play:
        browser = play.chromium.launch(**launch_args())
        for path in paths:
            page = browser.new_page(viewport=SCREEN)
            results = walk(page, f"{base}/voila/render/{path.name}", path, open_voila_page)
            print(report(results), flush=True)
            page.close()
        browser.close()
