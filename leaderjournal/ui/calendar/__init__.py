"""The calendar view: a year of days coloured by their lean."""
