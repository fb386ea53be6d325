"""The toy library: catalogue, lending, returns, reservations, overdue loans and numbers."""
