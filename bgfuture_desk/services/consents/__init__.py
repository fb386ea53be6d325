"""Consents: the forms, what each person agreed to, and their printouts."""
