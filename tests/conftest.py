"""Shared fixtures: the class data set loaded once per test session, and the test tiers.

Tiers (markers are registered in pyproject.toml):
- `notebook`: runs notebooks in a fresh kernel (tests/test_notebooks.py);
- `browser`: drives Debian's Chromium against Voila or JupyterLab (tests/test_browser.py);
- `a11y`: the axe-core accessibility check (0 critical and 0 serious violations in every notebook);
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
    "tests/test_notebook02.py::test_every_state_computes_a_sentence_and_one_of_each_kind_draws",  # about 5 s
    "tests/test_notebook03.py::test_the_directory_is_made_up_holds_no_plate_and_never_reaches_the_reads",  # 20 s
    "tests/test_structure.py::test_every_text_on_every_figure_is_at_least_18_px_inside_the_picture_and_no_figure_is_too_wide",
    "tests/test_i18n.py::test_check_fails_on_a_stale_mo_a_missing_text_and_a_broken_placeholder",
}
# Tests that execute a notebook in a kernel belong to the notebook tier wherever they live.
NOTEBOOK = {
    "tests/test_notebook06.py::test_the_notebook_runs_and_saves_only_into_the_folder_it_is_given",
    "tests/test_notebook06.py::test_a_saved_stand_comes_back_and_a_damaged_one_is_a_plain_message",
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
        if item.nodeid.split("[")[0] in NOTEBOOK:
            item.add_marker(pytest.mark.notebook)


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
