"""The audit trail seen from the outside: an administrator's browser, its PDF for an
inspection, and the record of who read a person's full record."""
