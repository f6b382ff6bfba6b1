"""Plain-Python model of the journal: dimensions, entries and scores.

Nothing here imports Qt or SQL, so it can be read and tested on its own.
"""
