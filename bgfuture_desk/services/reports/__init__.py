"""The coordinator's reports: the monthly indicators per house and in total."""
