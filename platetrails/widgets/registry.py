"""The one list of the lab's widgets: `platetrails.widgets` exports each, the state test draws each from a state,
and `make bench` times each. A new widget is one line here: its class, its module, its notebook, and what
its constructor takes, named from `lab.INPUTS` (so `lab.build_widget` can make it on the class data)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """A widget: its class name (exported by platetrails.widgets), its module in platetrails/widgets/, its notebook,
    and the names of its constructor's arguments in `lab.INPUTS`, in order."""

    name: str
    module: str
    notebook: str
    needs: tuple[str, ...] = ("town",)


WIDGETS: tuple[Entry, ...] = (
    Entry("NetworkTour", "tour", "00"),
    Entry("ReadCard", "reading", "01"),
    Entry("CameraDay", "reading", "01"),
    Entry("AlertFinder", "alerts", "01", ("town", "cars")),
    Entry("HitRate", "alerts", "01", ("town", "facts")),
    Entry("MisreadCost", "alerts", "01", ("town", "innocent_car", "facts")),
    Entry("CaseSearch", "alerts", "01", ("town", "cars", "facts")),
    Entry("MosaicExplorer", "picture", "02", ("town", "key")),
    Entry("RealismDial", "scale", "02", ("realism",)),
    Entry("SingledOut", "unicity", "03", ("town", "cars", "facts")),
    Entry("CornerOrNetwork", "memory", "03", ("town", "cars", "facts", "homes")),
    Entry("HomeToName", "naming", "03", ("town", "cars")),
    Entry("CameraLine", "coverage", "03", ("candidate_trips", "facts")),
    Entry("SharingMap", "sharing", "04", ("flows",)),
    Entry("PolicyScoreboard", "policy", "05", ("policy_model", "warrant_days_max")),
    Entry("EvidenceViewer", "evidence", "06", ("evidence",)),
    Entry("StandWidget", "evidence", "06", ("evidence",)),
)


def names() -> list[str]:
    """Every widget's class name, in the registry's order."""
    return [entry.name for entry in WIDGETS]


def entry(name: str) -> Entry:
    """The registry's line for one widget."""
    found = [e for e in WIDGETS if e.name == name]
    if not found:
        raise ValueError(f"no widget named {name!r} in platetrails/widgets/registry.py")
    return found[0]
