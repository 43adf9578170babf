"""Shared fixtures: the class data set, loaded once per test session."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")

from platetrails import answer_key as truth  # noqa: E402
from platetrails import data  # noqa: E402


@pytest.fixture(scope="session")
def town_data() -> data.TownData:
    return data.load_town()


@pytest.fixture(scope="session")
def answer_key() -> truth.AnswerKey:
    return truth.load_answer_key()
