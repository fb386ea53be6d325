"""What every printout shares."""
