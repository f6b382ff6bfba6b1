"""The trends view: how the dimensions and the lean move over time."""
