"""Referrals to institutions and their outcomes."""
