"""What each widget knows: a frozen state from a pure function, and the sentence that says it in words.

Every widget in the lab is three pure functions and a thin adapter:

- `compute_<name>(data, **choices) -> <Name>State` (here): the data and the student's choices in,
  a frozen dataclass out that carries everything the picture and the sentence need, including any
  message for the student (bad input, nothing to show);
- `draw_<name>(state) -> Figure` (in a figure module: maps, charts, cards) takes only the state;
- `describe_<name>(state) -> str` (here) takes only the state and returns plain text, never HTML;
- the adapter in `platetrails.widgets` reads its controls into keyword arguments and shows the results.

So a figure or a sentence can be made from a state alone: in a test, a printed handout or another language.
"""
