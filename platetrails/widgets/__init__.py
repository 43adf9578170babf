"""The lab's widgets: thin adapters over the pure functions in `platetrails.states` and the figure modules.

Each widget is listed once, in `registry.WIDGETS`, and exported here from there."""

from importlib import import_module

from platetrails.widgets.base import LabWidget
from platetrails.widgets.registry import WIDGETS

for _entry in WIDGETS:
    globals()[_entry.name] = getattr(import_module(f"platetrails.widgets.{_entry.module}"), _entry.name)

__all__ = ["LabWidget", *(entry.name for entry in WIDGETS)]
