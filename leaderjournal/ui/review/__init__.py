"""The weekly review: the week's numbers, its notes and the targets."""
