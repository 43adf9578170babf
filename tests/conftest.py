"""Shared fixtures: the class data set loaded once per test session, and the test tiers.

Tiers (markers are registered in pyproject.toml):
- `notebook`: runs notebooks in a fresh kernel (tests/test_notebooks.py);
- `browser`: drives Debian's Chromium against Voila or JupyterLab (tests/test_browser.py);
- `a11y`: the axe-core accessibility check, deselected by 'make test' until the package fixes land;
- `slow`: package tests that take many seconds, listed in SLOW below.
'make test-fast' runs `-m "not notebook and not browser and not slow"`; 'make test' runs the rest too.

pytest-playwright's fixtures (`browser`, `page`, ...) always launch Debian's Chromium: the launch options
below add its path, so no test ever asks for a browser that Playwright would have to download.
"""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")

from platetrails import answer_key as truth  # noqa: E402
from platetrails import data  # noqa: E402
from tests.support.browser import ARTIFACTS, launch_args  # noqa: E402

# Package tests that take many seconds, kept out of 'make test-fast' (they still run in 'make test').
# A test leaves this list as soon as it is quick again.
SLOW = {
    # about 20-35 s; being made quicker in the package work
    "tests/test_mosaic_view.py::test_every_car_and_network_subset_draws",
}


def pytest_configure(config: pytest.Config) -> None:
    browsers = config.getoption("--browser", default=None) or []
    if set(browsers) - {"chromium"}:
        raise pytest.UsageError("only Debian's Chromium is installed here: use --browser chromium or leave it out")
    if config.getoption("--output", default=None) == "test-results":
        # pytest-playwright empties this folder at the start of each run: keep it in the artefacts folder.
        config.option.output = str(ARTIFACTS / "playwright")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.split("[")[0] in SLOW:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options, plus Debian's Chromium and the flags it needs here."""
    return {**browser_type_launch_args, **launch_args()}


@pytest.fixture(scope="session")
def town_data() -> data.TownData:
    return data.load_town()


@pytest.fixture(scope="session")
def answer_key() -> truth.AnswerKey:
    return truth.load_answer_key()
