"""The lab's widgets: thin adapters over the pure functions in `platetrails.states` and the figure modules.

Each widget is listed once, in `registry.WIDGETS`, and exported here from there. The class view's send boxes are
not picture widgets (no state, no figure) and are exported beside them: `answer_box`, `my_class_data`."""

from importlib import import_module

from platetrails.widgets.answer import AnswerBox as AnswerBox
from platetrails.widgets.answer import answer_box as answer_box
from platetrails.widgets.base import LabWidget
from platetrails.widgets.class_data import MyClassData as MyClassData
from platetrails.widgets.class_data import my_class_data as my_class_data
from platetrails.widgets.registry import WIDGETS

for _entry in WIDGETS:
    globals()[_entry.name] = getattr(import_module(f"platetrails.widgets.{_entry.module}"), _entry.name)

CLASS_VIEW = ["AnswerBox", "answer_box", "MyClassData", "my_class_data"]  # the send box and its data button

__all__ = ["LabWidget", *(entry.name for entry in WIDGETS), *CLASS_VIEW]
