"""From a guessed home to a name: the households a public directory lists at a corner."""

from __future__ import annotations

import pandas as pd


def names_at(directory: pd.DataFrame, home: tuple[int, int] | None) -> tuple[str, ...]:
    """The households the public directory lists at a corner (the analyst's guessed home), in its order."""
    if home is None:
        return ()
    here = directory[(directory.x == home[0]) & (directory.y == home[1])]
    return tuple(here.name.tolist())
