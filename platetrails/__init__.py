"""Plate Trails: a Jupyter lab for civics classes on automatic license plate readers.

The widget contract, which every widget follows (see CONTRIBUTING.md for a worked example):

- ``compute_<name>(data, **choices) -> <Name>State`` is a pure function; the state is a frozen
  dataclass that carries everything the picture and the sentence need, including any message for the
  student (``states/``);
- ``draw_<name>(state) -> Figure`` and ``describe_<name>(state) -> str`` take only the state
  (figures in ``maps``, ``charts`` and ``cards``; sentences beside the compute function);
- a ``widgets.LabWidget`` subclass is a thin adapter: it reads its controls into keyword arguments,
  calls the three functions, shows the message, the picture and the sentence (all text escaped), and
  turns any exception into one plain "something went wrong" line.

Imports point one way: data, then analysis, then states, then figures, then widgets. Camera networks
are defined once, in ``networks``; the answer key opens only through ``answer_key``; every word a
student reads goes through ``i18n._``.
"""
