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
        "assistant": N_("сътрудник"),
        "coordinator": N_("координатор"),
        "admin": N_("администратор"),
    },
    "Sex": {"male": N_("мъж"), "female": N_("жена")},
    "PersonRole": {
        "mother": N_("майка"),
        "father": N_("баща"),
        "guardian": N_("настойник"),
        "grandparent": N_("баба/дядо"),
        "child": N_("дете"),
        "pregnant": N_("бременна"),
        "other": N_("друг"),
    },
    "VisitPurpose": {
        "consultation": N_("консултация"),
        "group": N_("група"),
        "toy_library": N_("библиотека за играчки"),
        "play": N_("игра"),
        "health": N_("здравни въпроси"),
        "mediator": N_("медиатор"),
        "pedagogue": N_("педагог"),
        "documents": N_("помощ с документи"),
        "referral_follow_up": N_("проследяване на насочване"),
        "other": N_("друго"),
    },
    "SpecialistKind": {
        "mediator": N_("медиатор"),
        "health_mediator": N_("здравен медиатор"),
        "nurse": N_("специалист здравни грижи"),
        "pedagogue": N_("педагог"),
        "psychologist": N_("психолог"),
        "social_worker": N_("социален работник"),
        "speech_therapist": N_("логопед"),
        "toy_librarian": N_("библиотекар на играчките"),
        "assistant": N_("сътрудник – къщи"),
    },
    "GroupTarget": {
        "parents": N_("родители"),
        "children_0_3": N_("деца 0–3 г."),
        "children_3_7": N_("деца 3–7 г."),
        "pregnant": N_("бременни жени"),
        "mixed": N_("смесена"),
    },
    "SessionStatus": {
        "planned": N_("предстои"),
        "held": N_("проведена"),
        "cancelled": N_("отменена"),
    },
    "AttendanceStatus": {
        "present": N_("присъства"),
        "absent": N_("отсъства"),
        "excused": N_("извинен"),
    },
    "DevelopmentalArea": {
        "cognitive": N_("познавателно"),
        "gross_motor": N_("едра моторика"),
        "fine_motor": N_("фина моторика"),
        "communication": N_("общуване"),
        "social_emotional": N_("социално-емоционално"),
    },
    "ToyCondition": {
        "new": N_("нова"),
        "good": N_("добра"),
        "worn": N_("износена"),
        "needs_repair": N_("за ремонт"),
    },
    "ToyStatus": {
        "available": N_("налична"),
        "lent": N_("заета"),
        "reserved": N_("запазена"),
        "in_repair": N_("в ремонт"),
        "lost": N_("изгубена"),
        "retired": N_("отписана"),
    },
    "ConsentKind": {
        "personal_data": N_("лични данни"),
        "photo": N_("снимки и видео"),
    },
    "ConsentMethod": {
        "signed": N_("подписано"),
        "read_aloud": N_("прочетено на глас пред свидетел"),
    },
    "ReferralStatus": {
        "issued": N_("издадено"),
        "visited": N_("посетено"),
        "no_show": N_("неявил се"),
        "closed": N_("приключено"),
    },
    "Urgency": {
        "routine": N_("планово"),
        "soon": N_("в близките дни"),
        "urgent": N_("спешно"),
    },
}
