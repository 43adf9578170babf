"""Notebook 02's headline claims, each measured on eight simulated towns, not only the class data.

A claim true of one town may be luck. `python -m platetrails.seed_ranges --out data` (part of `make data`)
simulates the town for each seed in SEEDS in memory, as the class data is made, and writes one small
table, data/mosaic/seed_ranges.csv: each claim's figure in the class data, its lowest and highest over
the eight seeds, and every seed's figure.
"""

from __future__ import annotations

# Chosen before any figure below was computed, and never changed after: the class seed, then the first
# seven whole numbers. (Not picked to make a claim look good; a claim that fails on one is reworded.)
SEEDS = (2018, 1, 2, 3, 4, 5, 6, 7)
