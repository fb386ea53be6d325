"""Families and their people: registration, the duplicate guard, search, lists and the
art. 15 report."""
