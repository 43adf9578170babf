"""The lab's widgets: thin adapters over the pure functions in `platetrails.states` and the figure modules."""

from platetrails.widgets.alerts import AlertFinder, HitRate, MisreadCost
from platetrails.widgets.base import LabWidget
from platetrails.widgets.coverage import CameraLine
from platetrails.widgets.evidence import EvidenceViewer, StandWidget
from platetrails.widgets.memory import CornerOrNetwork
from platetrails.widgets.naming import HomeToName
from platetrails.widgets.picture import MosaicExplorer
from platetrails.widgets.policy import PolicyScoreboard
from platetrails.widgets.reading import CameraDay, ReadCard
from platetrails.widgets.scale import RealismDial
from platetrails.widgets.sharing import SharingMap
from platetrails.widgets.tour import NetworkTour
from platetrails.widgets.unicity import SingledOut

__all__ = [
    "AlertFinder",
    "CameraDay",
    "CameraLine",
    "CornerOrNetwork",
    "EvidenceViewer",
    "HitRate",
    "HomeToName",
    "LabWidget",
    "MisreadCost",
    "MosaicExplorer",
    "NetworkTour",
    "PolicyScoreboard",
    "ReadCard",
    "RealismDial",
    "SharingMap",
    "SingledOut",
    "StandWidget",
]
