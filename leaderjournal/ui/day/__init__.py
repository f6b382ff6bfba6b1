"""The day view: moving between days, the day's entries and the entry form."""
