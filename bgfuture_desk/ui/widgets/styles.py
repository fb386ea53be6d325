"""Styles shared by more than one screen (the desk's one green action button)."""

# The button that completes the desk's main action (check in, lend): green, bold, large
# enough to find at a glance, with a visible focus frame for the keyboard.
PRIMARY_ACTION_STYLE = (
    "QPushButton { background: #2e7d32; color: white; font-weight: bold; padding: 8px 16px;"
    " border-radius: 4px; } QPushButton:focus { border: 2px solid #0b3d0e; }"
    " QPushButton:disabled { background: #9e9e9e; }"
)
