"""The lab's widgets: thin adapters over the pure functions in `platetrails.states` and the figure modules."""

from platetrails.widgets.alerts import AlertFinder, HitRate, MisreadCost
from platetrails.widgets.base import LabWidget
from platetrails.widgets.picture import MosaicExplorer
from platetrails.widgets.public import SingledOut
from platetrails.widgets.reading import CameraDay, ReadCard
from platetrails.widgets.scale import RealismDial
from platetrails.widgets.stand import EvidenceViewer, StandWidget
from platetrails.widgets.tour import NetworkTour

__all__ = [
    "AlertFinder",
    "CameraDay",
    "EvidenceViewer",
    "HitRate",
    "LabWidget",
    "MisreadCost",
    "MosaicExplorer",
    "NetworkTour",
    "ReadCard",
    "RealismDial",
    "SingledOut",
    "StandWidget",
]
