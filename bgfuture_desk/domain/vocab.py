"""Closed vocabularies: the codes stored in the database and their Bulgarian labels."""

from __future__ import annotations

from enum import StrEnum

from bgfuture_desk.i18n import N_, _


class Labelled(StrEnum):
    @property
    def label(self) -> str:
        return _(_LABELS[type(self).__name__][self.value])

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class UserRole(Labelled):
    ASSISTANT = "assistant"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class Sex(Labelled):
    MALE = "male"
    FEMALE = "female"


class PersonRole(Labelled):
    MOTHER = "mother"
    FATHER = "father"
    GUARDIAN = "guardian"
    GRANDPARENT = "grandparent"
    CHILD = "child"
    PREGNANT = "pregnant"
    OTHER = "other"


class VisitPurpose(Labelled):
    CONSULTATION = "consultation"
    GROUP = "group"
    TOY_LIBRARY = "toy_library"
    PLAY = "play"
    HEALTH = "health"
    MEDIATOR = "mediator"
    PEDAGOGUE = "pedagogue"
    DOCUMENTS = "documents"
    REFERRAL_FOLLOW_UP = "referral_follow_up"
    OTHER = "other"


class SpecialistKind(Labelled):
    MEDIATOR = "mediator"
    HEALTH_MEDIATOR = "health_mediator"
    NURSE = "nurse"
    PEDAGOGUE = "pedagogue"
    PSYCHOLOGIST = "psychologist"
    SOCIAL_WORKER = "social_worker"
    SPEECH_THERAPIST = "speech_therapist"
    TOY_LIBRARIAN = "toy_librarian"
    ASSISTANT = "assistant"


class GroupTarget(Labelled):
    PARENTS = "parents"
    CHILDREN_0_3 = "children_0_3"
    CHILDREN_3_7 = "children_3_7"
    PREGNANT = "pregnant"
    MIXED = "mixed"


class SessionStatus(Labelled):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class AttendanceStatus(Labelled):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


class DevelopmentalArea(Labelled):
    COGNITIVE = "cognitive"
    GROSS_MOTOR = "gross_motor"
    FINE_MOTOR = "fine_motor"
    COMMUNICATION = "communication"
    SOCIAL_EMOTIONAL = "social_emotional"


class ToyCondition(Labelled):
    NEW = "new"
    GOOD = "good"
    WORN = "worn"
    NEEDS_REPAIR = "needs_repair"


class ToyStatus(Labelled):
    AVAILABLE = "available"
    LENT = "lent"
    RESERVED = "reserved"
    IN_REPAIR = "in_repair"
    LOST = "lost"
    RETIRED = "retired"


class ConsentKind(Labelled):
    PERSONAL_DATA = "personal_data"
    PHOTO = "photo"


class ConsentMethod(Labelled):
    SIGNED = "signed"
    READ_ALOUD = "read_aloud"


class ConsentState(Labelled):
    """A family's personal-data consent as reception shows it."""

    MISSING = "missing"
    PARTIAL = "partial"
    COMPLETE = "complete"
    WITHDRAWN = "withdrawn"


class ReferralStatus(Labelled):
    ISSUED = "issued"
    VISITED = "visited"
    NO_SHOW = "no_show"
    CLOSED = "closed"


class Urgency(Labelled):
    ROUTINE = "routine"
    SOON = "soon"
    URGENT = "urgent"


_LABELS: dict[str, dict[str, str]] = {
    "UserRole": {
        "assistant": N_("assistant"),
        "coordinator": N_("coordinator"),
        "admin": N_("administrator"),
    },
    "Sex": {"male": N_("male"), "female": N_("female")},
    "PersonRole": {
        "mother": N_("mother"),
        "father": N_("father"),
        "guardian": N_("guardian"),
        "grandparent": N_("grandparent"),
        "child": N_("child"),
        "pregnant": N_("pregnant woman"),
        "other": N_("other member"),
    },
    "VisitPurpose": {
        "consultation": N_("consultation"),
        "group": N_("group"),
        "toy_library": N_("toy library"),
        "play": N_("play"),
        "health": N_("health questions"),
        "mediator": N_("mediator"),
        "pedagogue": N_("pedagogue"),
        "documents": N_("help with documents"),
        "referral_follow_up": N_("referral follow-up"),
        "other": N_("other purpose"),
    },
    "SpecialistKind": {
        "mediator": N_("mediator"),
        "health_mediator": N_("health mediator"),
        "nurse": N_("health-care specialist"),
        "pedagogue": N_("pedagogue"),
        "psychologist": N_("psychologist"),
        "social_worker": N_("social worker"),
        "speech_therapist": N_("speech therapist"),
        "toy_librarian": N_("toy librarian"),
        "assistant": N_("house assistant"),
    },
    "GroupTarget": {
        "parents": N_("parents"),
        "children_0_3": N_("children 0–3"),
        "children_3_7": N_("children 3–7"),
        "pregnant": N_("pregnant women"),
        "mixed": N_("mixed group"),
    },
    "SessionStatus": {
        "planned": N_("planned"),
        "held": N_("held"),
        "cancelled": N_("cancelled"),
    },
    "AttendanceStatus": {
        "present": N_("present"),
        "absent": N_("absent"),
        "excused": N_("excused"),
    },
    "DevelopmentalArea": {
        "cognitive": N_("cognitive"),
        "gross_motor": N_("gross motor"),
        "fine_motor": N_("fine motor"),
        "communication": N_("communication"),
        "social_emotional": N_("social-emotional"),
    },
    "ToyCondition": {
        "new": N_("new (condition)"),
        "good": N_("good (condition)"),
        "worn": N_("worn (condition)"),
        "needs_repair": N_("needs repair (condition)"),
    },
    "ToyStatus": {
        "available": N_("available"),
        "lent": N_("lent"),
        "reserved": N_("reserved"),
        "in_repair": N_("in repair"),
        "lost": N_("lost"),
        "retired": N_("retired"),
    },
    "ConsentKind": {
        "personal_data": N_("personal data"),
        "photo": N_("photos and video"),
    },
    "ConsentMethod": {
        "signed": N_("signed"),
        "read_aloud": N_("read aloud before a witness"),
    },
    "ConsentState": {
        "missing": N_("missing (consent)"),
        "partial": N_("partial (consent)"),
        "complete": N_("complete (consent)"),
        "withdrawn": N_("withdrawn (consent)"),
    },
    "ReferralStatus": {
        "issued": N_("issued"),
        "visited": N_("visited"),
        "no_show": N_("did not attend"),
        "closed": N_("closed"),
    },
    "Urgency": {
        "routine": N_("routine"),
        "soon": N_("within days"),
        "urgent": N_("urgent"),
    },
}
