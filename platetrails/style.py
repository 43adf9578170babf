"""One place for how figures look: the palette, projector-sized fonts, and each figure's one-line description."""

from __future__ import annotations

import base64
import html
import io
import weakref

import matplotlib as mpl
import numpy as np
import PIL.Image
from IPython.display import HTML, display
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from platetrails.i18n import N_, _
from platetrails.palette import OKABE_ITO

# When a sighting happened, for the mosaic: weekday day, weekday night, weekend. These colours and
# markers are not used by any camera network, so a mark never means two things on two maps.
TIME_STYLE = {
    N_("weekday day"): {"color": OKABE_ITO["orange"], "marker": "o"},
    N_("weekday night"): {"color": OKABE_ITO["sky"], "marker": "h"},
    N_("weekend"): {"color": OKABE_ITO["yellow"], "marker": "v"},
}

FIGSIZE = (10.5, 6.2)
DPI = 80
WIDTH_PX = 840  # every picture is at most this wide, so it fits beside the controls on a 1280 px screen

# Text sizes in points. At DPI 80 one point is 1.11 px, so even SMALL is at least 18 px as shown on the
# page: readable from the back of a classroom. A test checks every text of every figure against MIN_PX.
MIN_PX = 18
SMALL = 16.5
BODY = 17.5
BIG = 20
TITLE = 20


def pixels(points: float, dpi: float = DPI) -> float:
    """A font size in points as pixels on the page, for a figure shown at its own size."""
    return points * dpi / 72


# Each figure's one-line description, kept beside the figure rather than on it.
_descriptions: weakref.WeakKeyDictionary[Figure, str] = weakref.WeakKeyDictionary()


def apply() -> None:
    """Set matplotlib's defaults for the whole lab: big fonts, the palette, clean axes."""
    mpl.rcParams.update(
        {
            "figure.figsize": FIGSIZE,
            "figure.dpi": DPI,
            "font.size": BODY,
            "axes.titlesize": TITLE,
            "axes.titleweight": "bold",
            "axes.labelsize": BODY,
            "legend.fontsize": SMALL,
            "legend.title_fontsize": SMALL,
            "xtick.labelsize": SMALL,
            "ytick.labelsize": SMALL,
            "axes.prop_cycle": mpl.cycler(color=list(OKABE_ITO.values())),
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )


def new_figure(size: tuple[float, float]) -> Figure:
    """A figure outside pyplot's registry: nothing to close, nothing that piles up in a long-running kernel.

    The lab's look is set again first, in case something (such as the inline backend starting) reset it.
    """
    apply()
    return Figure(figsize=size, dpi=DPI)


def describe(fig: Figure, text: str) -> Figure:
    """Attach a one-line description (the takeaway, for screen readers and the back row) to a figure."""
    _descriptions[fig] = text
    return fig


def description_of(fig: Figure) -> str:
    """The description attached by describe(), or an empty string."""
    return _descriptions.get(fig, "")


class PastedPixels(Artist):
    """Pixels pasted as they are at the figure's lower left corner, under everything else.

    figimage would give the same pixels, but runs them through masking, colour mapping and resampling
    first, which costs 20 to 30 ms, about a third of a map's redraw; these are already the figure's own pixels.
    """

    def __init__(self, pixels: np.ndarray) -> None:
        super().__init__()
        self.pixels = pixels[::-1]  # the renderer counts rows from the bottom
        self.set_zorder(0)

    def draw(self, renderer: RendererBase) -> None:
        gc = renderer.new_gc()
        renderer.draw_image(gc, 0, 0, self.pixels)
        gc.restore()


def paste_background(fig: Figure, pixels: np.ndarray, ax: Axes | None = None) -> None:
    """Paste a picture drawn once (the town, a chart's fixed part) under what is drawn next on `ax`."""
    fig.add_artist(PastedPixels(pixels))
    if ax is not None:
        ax.set_zorder(1)
        ax.patch.set_alpha(0)


def png_bytes(fig: Figure) -> bytes:
    """The figure as a PNG, drawn once at its own size (no second pass to trim the margins).

    Quick, because a slider feels every millisecond: an opaque picture is saved without its alpha channel
    (about 5 ms less to compress), with light compression (about 7 ms less than the default).
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    picture = PIL.Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    if fig.patch.get_facecolor()[3] == 1:
        picture = picture.convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, format="png", compress_level=3)
    return buffer.getvalue()


def picture_html(png: bytes, description: str) -> str:
    """An <img> with the figure's description as its text alternative (Voila sets none for a bare PNG)."""
    data = base64.b64encode(png).decode("ascii")
    alt = html.escape(description, quote=True)
    return f'<img src="data:image/png;base64,{data}" alt="{alt}" style="max-width:100%;height:auto">'


def show(fig: Figure) -> None:
    """Show a figure in a notebook with its one-line description underneath.

    The picture is drawn once, at the figure's own size (the inline backend would draw it twice
    to trim the margins), which keeps a notebook's Run All quick.
    """
    text = description_of(fig)
    picture = picture_html(png_bytes(fig), text)
    label = html.escape(_("Figure description:"))
    display(HTML(f"{picture}<p><em>{label}</em> {html.escape(text)}</p>"))


apply()
