"""All tables, imported here so that ``Base.metadata`` knows every one of them."""

from bgfuture_desk.db.base import Base, Travelling, utcnow
from bgfuture_desk.db.models.core import (
    AuditEvent,
    ExportLog,
    House,
    ImportLog,
    Setting,
    User,
)
from bgfuture_desk.db.models.documents import Consent, ConsentForm, Institution, Referral
from bgfuture_desk.db.models.groups import Attendance, Enrolment, Group, Meeting, Programme
from bgfuture_desk.db.models.registry import (
    Family,
    Person,
    Specialist,
    Visit,
    VisitPerson,
    VisitPurposeRow,
)
from bgfuture_desk.db.models.toys import Loan, LoanReminder, Reservation, Toy

__all__ = [
    "Attendance", "AuditEvent", "Base", "Consent", "ConsentForm", "Enrolment", "ExportLog",
    "Family", "Group", "House", "ImportLog", "Institution", "Loan", "LoanReminder", "Meeting",
    "Person", "Programme", "Referral", "Reservation", "Setting", "Specialist", "Toy",
    "Travelling", "User", "Visit", "VisitPerson", "VisitPurposeRow", "utcnow",
]  # fmt: skip

# Every kind that travels in the export, parents before children (foreign-key order).
TRAVELLING_MODELS = (
    User, Specialist, Institution, Family, Person, Visit, VisitPerson, VisitPurposeRow,
    Programme, Group, Meeting, Enrolment, Attendance, Toy, Loan, LoanReminder, Reservation,
    ConsentForm, Consent, Referral, AuditEvent, ExportLog,
)  # fmt: skip
