"""The `make data` builders: each writes files under data/ that the lab reads, byte for byte the same on every run.

They run once, before class, never in a student's kernel: `generate` (the town, its reads and the answer key),
`realism` (the realism dial), `directory_and_sites` (notebook 03's directory, candidate sites and trips), `horizon` (the
policy lab's cases), `class_tables` (notebook 02's class-wide scores), `seed_ranges` (the claims on eight towns)
and `headline` (every figure the prose quotes), in that order; `calibration` compares the town with Seattle.
Only the builders may run the simulator (routines, traffic) and read the answer key's tables directly.
"""
