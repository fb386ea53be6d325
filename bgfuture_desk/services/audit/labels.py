"""Bulgarian names of what the audit trail stores as codes: actions, records, operations.

An action unknown here (an older or newer program's) is shown as its code, so nothing in
the trail is ever hidden by a missing label.
"""

from __future__ import annotations

from bgfuture_desk.i18n import N_, _

ACTIONS: dict[str, str] = {
    "add_person": N_("Person added"),
    "add_session": N_("Session added"),
    "archive_family": N_("Family archived"),
    "archive_group": N_("Group archived"),
    "block_borrowing": N_("Borrowing blocked"),
    "cancel_consent": N_("Consent cancelled"),
    "cancel_referral": N_("Referral cancelled"),
    "cancel_reservation": N_("Reservation cancelled"),
    "cancel_session": N_("Session cancelled"),
    "cancel_visit": N_("Visit cancelled"),
    "check_in": N_("Check-in"),
    "check_in_anonymous": N_("Anonymous check-in"),
    "check_out": N_("Check-out"),
    "check_out_all": N_("Check-out of everybody"),
    "correct_visit": N_("Visit corrected"),
    "create_family": N_("Family registered"),
    "create_group": N_("Group created"),
    "create_programme": N_("Programme created"),
    "create_referral": N_("Referral issued"),
    "create_toy": N_("Toy added"),
    "create_user": N_("User created"),
    "demo": N_("Demo data"),
    "enrol": N_("Enrolment"),
    "erase_family": N_("Family erased on request"),
    "erase_person": N_("Person erased on request"),
    "export_audit": N_("Audit trail exported"),
    "export_month": N_("Monthly export"),
    "initialise": N_("First set-up"),
    "keep_family": N_("Family kept at the retention review"),
    "lend_toys": N_("Toys lent"),
    "lock": N_("Program locked"),
    "login": N_("Login"),
    "login_failed": N_("Failed login"),
    "merge_families": N_("Families merged"),
    "move_person": N_("Person moved to another family"),
    "move_session": N_("Session moved"),
    "new_consent_form_version": N_("New version of a consent form"),
    "record_attendance": N_("Attendance recorded"),
    "record_consents": N_("Consents recorded"),
    "record_reminder": N_("Reminder recorded"),
    "remove_toy_photo": N_("Toy photo removed"),
    "reserve_toy": N_("Toy reserved"),
    "restore_referral": N_("Referral restored"),
    "restore_session": N_("Session restored"),
    "restore_visit": N_("Visit restored"),
    "return_toy": N_("Toy returned"),
    "save_institution": N_("Institution saved"),
    "schedule_sessions": N_("Sessions scheduled"),
    "seed_consent_forms": N_("Consent forms set up"),
    "set_password": N_("Password changed"),
    "set_referral_status": N_("Referral status changed"),
    "set_toy_photo": N_("Toy photo set"),
    "set_toy_status": N_("Toy status changed"),
    "switch_user": N_("User switched"),
    "unarchive_family": N_("Family brought back from the archive"),
    "unarchive_group": N_("Group brought back from the archive"),
    "undo_check_out": N_("Check-out undone"),
    "undo_consent_withdrawal": N_("Consent withdrawal undone"),
    "unenrol": N_("Enrolment ended"),
    "unlock": N_("Program unlocked"),
    "update_family": N_("Family changed"),
    "update_group": N_("Group changed"),
    "update_house": N_("House details changed"),
    "update_person": N_("Person changed"),
    "update_programme": N_("Programme changed"),
    "update_referral": N_("Referral changed"),
    "update_session": N_("Session changed"),
    "update_settings": N_("Settings changed"),
    "update_toy": N_("Toy changed"),
    "update_user": N_("User changed"),
    "view_consent_forms": N_("Consent forms printed"),
    "view_subject_access": N_("Report of a person's data (art. 15)"),
    "withdraw_consent": N_("Consent withdrawn"),
}

ENTITIES: dict[str, str] = {
    "attendances": N_("attendance"),
    "audit_events": N_("audit trail"),
    "consent_forms": N_("consent form"),
    "consents": N_("consent"),
    "enrolments": N_("enrolment"),
    "export_logs": N_("export"),
    "families": N_("family"),
    "groups": N_("group"),
    "houses": N_("house"),
    "institutions": N_("institution"),
    "loan_reminders": N_("reminder"),
    "loans": N_("loan"),
    "people": N_("person"),
    "programmes": N_("programme"),
    "referrals": N_("referral"),
    "reservations": N_("reservation"),
    "sessions": N_("session"),
    "settings": N_("setting"),
    "specialists": N_("specialist"),
    "toys": N_("toy"),
    "users": N_("user"),
    "visit_people": N_("visitor"),
    "visit_purposes": N_("purpose of a visit"),
    "visits": N_("visit"),
}

OPERATIONS: dict[str, str] = {
    "insert": N_("added"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "erase": N_("erased on request"),
    "read": N_("read"),
    "lock": N_("locked"),
    "unlock": N_("unlocked"),
    "switch_user": N_("switched"),
}


def action_label(code: str) -> str:
    return _(ACTIONS[code]) if code in ACTIONS else code


def entity_label(code: str) -> str:
    return _(ENTITIES[code]) if code in ENTITIES else code


def operation_label(code: str) -> str:
    return _(OPERATIONS[code]) if code in OPERATIONS else code


def action_choices() -> list[tuple[str, str]]:
    """(code, Bulgarian label) of every known action, in the order of the labels."""
    return sorted(((code, action_label(code)) for code in ACTIONS), key=lambda c: c[1].casefold())
