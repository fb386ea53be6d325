"""Parenting groups: programmes, groups, sessions, enrolment, attendance and progress."""
