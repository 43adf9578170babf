"""The quick paths that keep a class fast: the PNG of a figure with a pre-drawn background, and a presenter's
Voila that keeps its waiting kernels. Each must give what the slow, plain way gives."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from platetrails import answer_key as truth
from platetrails import maps, style
from platetrails.facts import load_facts
from platetrails.presenting import PresenterKernelManager
from platetrails.states import picture
from tests.test_structure import every_state


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def savefig_pixels(fig) -> np.ndarray:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    return pixels(buffer.getvalue())


@pytest.fixture(scope="module")
def every_figure(town_data, answer_key):
    cases = every_state(town_data, answer_key, load_facts(), truth.case_plates(answer_key))
    return [(state, draw(state)) for state, draw, _describe in cases]


def test_every_widget_picture_is_the_same_as_savefig_makes_it(every_figure) -> None:
    """The quick PNG (no alpha channel, light compression) has exactly matplotlib's own pixels."""
    pasted = 0
    for state, fig in every_figure:
        ours, theirs = pixels(style.png_bytes(fig)), savefig_pixels(fig)
        assert ours.shape == theirs.shape, type(state).__name__
        assert np.array_equal(ours, theirs), type(state).__name__
        pasted += any(isinstance(a, style.PastedPixels) for a in fig.artists)
        assert not fig.images, f"{type(state).__name__} pastes through figimage, which is 20 to 30 ms slower"
    assert pasted >= 4, "the town maps and the scoreboard paste their pre-drawn background"


def test_pasting_gives_the_pixels_figimage_gives(town_data) -> None:
    """The quick paste and matplotlib's figimage put the same town under the same marks."""
    figures = []
    for quick in (True, False):
        fig, ax = maps.new_map("test")
        if quick:
            maps.town_background(ax, town_data)
        else:
            fig.figimage(maps.base_layer(town_data)[::-1], 0, 0, zorder=0, origin="lower")
            ax.set_zorder(1)
            ax.patch.set_alpha(0)
        ax.scatter([3, 8], [4, 6], s=400, color="#0072B2", edgecolor="black", zorder=6)
        figures.append(pixels(style.png_bytes(fig)))
    assert np.abs(figures[0] - figures[1]).max() <= 2


def test_the_town_is_under_the_marks(town_data, answer_key) -> None:
    state = picture.compute_mosaic(picture.MosaicData(town_data, answer_key), "Car A", 28)
    ours = pixels(style.png_bytes(maps.draw_mosaic(state)))
    town = maps.base_layer(town_data)[..., :3].astype(int)
    same_as_town = (np.abs(ours - town).max(axis=2) <= 4).mean()
    assert same_as_town > 0.8, f"only {same_as_town:.0%} of the picture is the town"


def run_now(coroutine):
    """Run a coroutine that never waits, without an event loop (the browser tests may leave one running)."""
    try:
        coroutine.send(None)
    except StopIteration as finished:
        return finished.value
    raise AssertionError("the coroutine waited for something")


class Finished:
    """Stands in for one of Voila's pool tasks that has finished preheating a kernel."""

    def __init__(self, kernel_id: str) -> None:
        self.kernel_id = kernel_id

    def done(self) -> bool:
        return True

    def cancelled(self) -> bool:
        return False

    def exception(self) -> None:
        return None

    def result(self) -> dict:
        return {"kernel_id": self.kernel_id}


class Starting(Finished):
    def done(self) -> bool:
        return False


def test_the_presenter_culls_closed_pages_but_keeps_waiting_kernels(monkeypatch) -> None:
    manager = PresenterKernelManager()
    manager._pools = {"02_the_mosaic.ipynb": [Finished("waiting")], "00_start_here.ipynb": [Starting("starting")]}
    culled: list[str] = []

    async def cull(self, kernel_id: str) -> None:
        culled.append(kernel_id)

    monkeypatch.setattr(PresenterKernelManager.__mro__[1], "cull_kernel_if_idle", cull)
    for kernel_id in ("waiting", "closed-page", "starting"):
        run_now(manager.cull_kernel_if_idle(kernel_id))
    assert manager.waiting_in_pool("waiting") and not manager.waiting_in_pool("closed-page")
    assert culled == ["closed-page", "starting"]


def test_make_voila_preheats_with_the_presenter_kernel_manager() -> None:
    """`make voila` must name the class that exists, or Voila would fall back to culling the waiting kernels."""
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    assert "--preheat_kernel=True" in makefile
    assert "multi_kernel_manager_class=platetrails.presenting.PresenterKernelManager" in makefile


def test_going_back_to_a_choice_shows_the_remembered_picture_without_computing_again(town_data, answer_key) -> None:
    from platetrails import widgets
    from platetrails.widgets import base

    explorer = widgets.MosaicExplorer(town_data, answer_key)
    first_png, first_sentence = explorer.png, explorer.sentence
    calls: list[dict] = []
    compute = type(explorer).compute

    def counting(data, **choices):
        calls.append(choices)
        return compute(data, **choices)

    explorer.compute = counting  # on the instance: the class keeps its own
    start_days = explorer.days.value
    explorer.days.value = 3
    assert len(calls) == 1 and explorer.png != first_png
    explorer.days.value = start_days
    assert len(calls) == 1, "going back computed the picture again"
    assert explorer.remembered_hits == 1
    assert explorer.png == first_png and explorer.sentence == first_sentence
    assert explorer._figure is None
    assert base.style.description_of(explorer.figure), "the figure is drawn again from the state when asked for"
    assert np.abs(pixels(style.png_bytes(explorer.figure)) - pixels(first_png)).max() == 0

    for days in range(1, 29):  # many new choices: the memory stays small
        explorer.days.value = days
    assert len(explorer._remembered) == base.REMEMBERED_PICTURES


def test_a_widget_that_does_not_remember_computes_every_time(town_data, answer_key) -> None:
    from platetrails import widgets

    class Forgetful(widgets.MosaicExplorer):
        remembers_pictures = False

    explorer = Forgetful(town_data, answer_key)
    before = explorer.updates
    start_days = explorer.days.value
    explorer.days.value = 3
    explorer.days.value = start_days
    assert explorer.updates == before + 2 and explorer.remembered_hits == 0 and not explorer._remembered


def test_choices_that_cannot_be_a_key_are_simply_not_remembered() -> None:
    from platetrails.widgets.base import choices_key

    assert choices_key({"networks": ["city_fixed", "tow"], "days": 7}) == choices_key(
        {"networks": ["city_fixed", "tow"], "days": 7}
    )
    assert choices_key({"networks": ["a"]}) != choices_key({"networks": ["b"]})
    assert choices_key({"frame": np.zeros(3)}) is None
