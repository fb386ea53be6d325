"""The staff's accounts, roles and logins."""
