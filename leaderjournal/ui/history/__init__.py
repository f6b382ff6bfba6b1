"""The history view: every entry in a searchable, sortable table."""
