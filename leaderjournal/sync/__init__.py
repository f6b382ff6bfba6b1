"""Sync through a folder the person already syncs (DESIGN.md, "Several
computers"): the pure core, with no database and no Qt.

- :mod:`.clock`: hybrid logical clock stamps that order changes across
  computers whose clocks disagree.
- :mod:`.changes`: one change record and its one-line, checksummed encoding.
- :mod:`.folder`: writing this computer's batches into the sync folder and
  reading the other computers' files, skipping anything incomplete.
- :mod:`.merge`: the journal as merged changes, the same whatever the order.
- :mod:`.sealing`: an encrypted journal's change lines, encrypted with a key
  derived from its data key and bound to their place in the folder.
- :mod:`.keys`: the encrypted journal's key file in the sync folder; the one
  module here that imports storage (its key file format).
- :mod:`.files`: reading a file from the sync folder safely.
- :mod:`.placement`: the journal's folder and the sync folder kept apart.
"""
