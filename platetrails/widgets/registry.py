"""The one list of the lab's widgets: `platetrails.widgets` exports each, the state test draws each from a state,
and `make bench` times each. A new widget is one line here (its class, its module, its notebook)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """A widget: its class name (exported by platetrails.widgets), its module in platetrails/widgets/, its notebook."""

    name: str
    module: str
    notebook: str


WIDGETS: tuple[Entry, ...] = (
    Entry("NetworkTour", "tour", "00"),
    Entry("ReadCard", "reading", "01"),
    Entry("CameraDay", "reading", "01"),
    Entry("AlertFinder", "alerts", "01"),
    Entry("HitRate", "alerts", "01"),
    Entry("MisreadCost", "alerts", "01"),
    Entry("CaseSearch", "alerts", "01"),
    Entry("MosaicExplorer", "picture", "02"),
    Entry("RealismDial", "scale", "02"),
    Entry("SingledOut", "unicity", "03"),
    Entry("CornerOrNetwork", "memory", "03"),
    Entry("HomeToName", "naming", "03"),
    Entry("CameraLine", "coverage", "03"),
    Entry("SharingMap", "sharing", "04"),
    Entry("PolicyScoreboard", "policy", "05"),
    Entry("EvidenceViewer", "evidence", "06"),
    Entry("StandWidget", "evidence", "06"),
)


def names() -> list[str]:
    """Every widget's class name, in the registry's order."""
    return [entry.name for entry in WIDGETS]
