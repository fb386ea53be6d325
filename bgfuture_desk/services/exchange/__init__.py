"""The monthly export of a house and the coordinator's consolidation."""
