"""Accessibility report with axe-core (bundled in axe-playwright-python, so it works offline).

In a test: `report = axe_report(page)`, then `impact_counts(report)`. From a shell, without failing:

    python -m tests.support.axe_report            # every notebook, served by a private Voila
    python -m tests.support.axe_report 02_the_mosaic.ipynb

prints, for each notebook, the violations per rule and impact (nodes affected), and writes the full
reports as JSON into $PLATETRAILS_ARTIFACTS (axe-<notebook>.json).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from tests.support.browser import ARTIFACTS

IMPACTS = ("critical", "serious", "moderate", "minor")
VIEWPORT = {"width": 1280, "height": 720}
# The accessibility check runs at a common classroom projector / laptop size.


def axe_report(page) -> dict:
    """Run axe-core on the page as it is now; the full result (violations, incomplete, passes...)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options={"resultTypes": ["violations"]}).response


def rule_counts(report: dict) -> list[tuple[str, str, int]]:
    """(rule id, impact, number of elements affected) per violated rule, worst first."""
    rows = [(v["id"], v.get("impact") or "unknown", len(v["nodes"])) for v in report["violations"]]
    order = {impact: i for i, impact in enumerate(IMPACTS)}
    return sorted(rows, key=lambda r: (order.get(r[1], len(IMPACTS)), r[0]))


def impact_counts(report: dict) -> dict[str, int]:
    """Number of violated rules per impact level."""
    counts = Counter(v.get("impact") or "unknown" for v in report["violations"])
    return {impact: counts.get(impact, 0) for impact in (*IMPACTS, *sorted(set(counts) - set(IMPACTS)))}


def save(report: dict, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"axe-{name}.json"
    path.write_text(json.dumps(report, indent=2))
    return path


def summary(name: str, report: dict) -> str:
    lines = [f"{name}: " + ", ".join(f"{n} {impact}" for impact, n in impact_counts(report).items())]
    lines += [f"  {rule:28} {impact:9} {nodes} element(s)" for rule, impact, nodes in rule_counts(report)]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Serve the notebooks with a private Voila, open each in Debian's Chromium and print its axe counts."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import free_port, isolated_env, launch_args, open_voila_page, serve, stop, voila_command
    from tests.support.notebooks import NOTEBOOK_DIR, all_notebooks

    wanted = set(argv)
    notebooks = [p for p in all_notebooks() if not wanted or p.name in wanted or p.stem in wanted]
    if not notebooks:
        print(f"no notebook matches {sorted(wanted)}", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="platetrails-axe-"))
    port = free_port()
    proc = serve(voila_command(port, NOTEBOOK_DIR), f"http://127.0.0.1:{port}/", isolated_env(scratch), "axe-voila.log")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_args())
            for path in notebooks:
                page = browser.new_page(viewport=VIEWPORT)
                open_voila_page(page, f"http://127.0.0.1:{port}/voila/render/{path.name}", path.stem)
                page.wait_for_load_state("networkidle", timeout=120_000)
                report = axe_report(page)
                saved = save(report, path.stem)
                print(summary(path.name, report))
                print(f"  full report: {saved}")
                page.close()
            browser.close()
    finally:
        stop(proc)
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
