"""The main window and what belongs to it: menus, backups, tray reminders."""
