"""The house file itself: opening and creating it, its details and settings, its health."""
