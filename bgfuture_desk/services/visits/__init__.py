"""Visits to the house: check-in, check-out, corrections and the day's numbers."""
