"""Messages, questions and the dialogs opened from the menus."""
