"""The PySide6 desk: one package or module per screen; widgets call services, never SQL."""
