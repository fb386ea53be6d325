"""Printouts: each module takes plain data and returns PDF bytes (reportlab); no Qt, no DB."""
