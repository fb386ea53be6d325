"""Parenting groups: in every programme a running cycle (some sessions held, some to come)
and often a finished one, with enrolled participants and their attendance.

Sessions follow the groups' own rule (``domain.groups.session_dates``): weekly, official
holidays skipped. Each participant has a habit (most come nearly always, a few drop off),
so completion rates look like a real house's. If a group meets this morning, some of its
participants are already checked in at the reception with the purpose "group"; whoever came
to a past session was checked in that day and left after it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from bgfuture_desk.db.models import (
    Attendance,
    Enrolment,
    Group,
    Meeting,
    Person,
    Programme,
    Specialist,
    Visit,
    VisitPerson,
    VisitPurposeRow,
)
from bgfuture_desk.domain.groups import session_dates
from bgfuture_desk.domain.vocab import AttendanceStatus as A
from bgfuture_desk.domain.vocab import GroupTarget as G
from bgfuture_desk.domain.vocab import PersonRole, VisitPurpose
from bgfuture_desk.domain.vocab import SessionStatus as S
from bgfuture_desk.i18n import _
from bgfuture_desk.services.demo.common import (
    Context,
    Stream,
    at_time,
    months_old,
)
from bgfuture_desk.services.demo.data_things import (
    GENERIC_TOPICS,
    GROUP_NICKNAMES,
    PROGRAMMES,
    SESSION_PLACES,
)
from bgfuture_desk.services.demo.households import Household
from bgfuture_desk.services.demo.team import Team
from bgfuture_desk.services.house import setup

# How often a participant comes: most nearly always, some now and then, a few rarely.
_HABITS = {0.95: 35, 0.85: 35, 0.65: 20, 0.35: 10}
_MISSED = {A.ABSENT: 2, A.EXCUSED: 1}
_EXCUSES = ("Предупреди по телефона.", "Пътува.", "Семейни ангажименти.")
_PARENT_ROLES = (PersonRole.MOTHER, PersonRole.FATHER, PersonRole.GUARDIAN, PersonRole.PREGNANT)


def _eligible(target: str, homes: list[Household], day: dt.date) -> list[Person]:
    """Who a group for ``target`` is for, on a day (families who do come to the house)."""

    def child_between(low: int, high: int) -> Callable[[Person], bool]:
        return lambda p: p.role == PersonRole.CHILD and low <= months_old(p.birth_date, day) < high

    baby = child_between(0, 12)
    tests: dict[str, Callable[[Person, Household], bool]] = {
        G.PARENTS: lambda p, h: p.role in _PARENT_ROLES,
        G.PREGNANT: lambda p, h: (
            (  # pregnant then, or a mother with a new baby
                p.role == PersonRole.PREGNANT
                and p.expected_birth is not None
                and p.expected_birth - dt.timedelta(days=270) <= day
            )
            or (p.role == PersonRole.MOTHER and any(baby(c) for c in h.present_on(day, h.children)))
        ),
        G.CHILDREN_0_3: lambda p, h: child_between(0, 36)(p),
        G.CHILDREN_3_7: lambda p, h: child_between(36, 84)(p),
        G.MIXED: lambda p, h: p.role == PersonRole.MOTHER or child_between(156, 216)(p),
    }
    test = tests[target]
    return [
        p for h in homes if h.visits_a_year > 0 for p in h.present_on(day, h.members) if test(p, h)
    ]


def _kind_of(programme: Programme) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    for source in setup.PROGRAMMES:
        if _(source) == programme.name and source in PROGRAMMES:
            return PROGRAMMES[source]
    return (G.PARENTS, G.MIXED), (), GENERIC_TOPICS


def _session_days(first: dt.date, count: int) -> list[dt.date]:
    """``count`` weekly meetings from ``first``; a holiday week is skipped, not lost."""
    days, _skipped = session_dates(first, first + dt.timedelta(weeks=count + 8), "weekly")
    return days[:count]


def _target(rng: Stream, targets: tuple[str, ...], homes: list[Household], day: dt.date) -> str:
    """One of the programme's targets that has people to enrol (parents as the fallback)."""
    for target in rng.sample(targets, len(targets)):
        if _eligible(target, homes, day):
            return target
    return G.PARENTS


def _someone_came(marks: list[Attendance], walked_in: bool) -> None:
    """A session is held only if somebody came: with nobody present, the first one did."""
    if marks and not walked_in and all(m.status != A.PRESENT for m in marks):
        marks[0].status = A.PRESENT
        marks[0].note = ""


def build_groups(ctx: Context, homes: list[Household], team: Team) -> None:
    rng = ctx.stream("groups")
    maker = _GroupMaker(ctx, rng, homes, team)
    programmes = ctx.session.scalars(
        select(Programme)
        .where(Programme.house_id == ctx.house.id, Programme.active, Programme.deleted_at.is_(None))
        .order_by(Programme.name)
    ).all()
    nicknames = list(GROUP_NICKNAMES)
    rng.shuffle(nicknames)
    for programme in programmes:
        targets, kinds, topics = _kind_of(programme)
        facilitators = team.of_kind(*kinds) or [s for s in team.specialists if s.active]
        cycles = ("past", "current") if rng.chance(0.6) else ("current",)
        for cycle in cycles:
            # A running cycle began 2-6 weeks ago and has 8-12 meetings: some still to come.
            weeks_ago = rng.randint(24, 40) if cycle == "past" else rng.randint(2, 6)
            first = ctx.today - dt.timedelta(weeks=weeks_ago)
            first += dt.timedelta(days=rng.randint(0, 4) - first.weekday())
            nickname = nicknames.pop() if nicknames else programme.name
            group = maker.group(
                programme,
                f"Група „{nickname}“",
                _target(rng, targets, homes, first),
                rng.choice(facilitators),
                first,
            )
            maker.sessions(group, topics)


@dataclass
class _GroupMaker:
    ctx: Context
    rng: Stream
    homes: list[Household]
    team: Team
    habits: dict[uuid.UUID, float] = field(default_factory=dict)
    visited: dict[dt.date, set[uuid.UUID]] | None = None
    visits_rng: Stream | None = None

    def group(
        self, programme: Programme, name: str, target: str, facilitator: Specialist, first: dt.date
    ) -> Group:
        days = _session_days(first, self.rng.randint(8, 12))
        ended = days[-1] < self.ctx.today - dt.timedelta(days=120)
        return self.ctx.new(
            self.rng,
            Group,
            first - dt.timedelta(days=14),
            programme_id=programme.id,
            name=name,
            facilitator_id=facilitator.id,
            target=target,
            planned_sessions=len(days),
            starts_on=days[0],
            ends_on=days[-1],
            archived=ended and self.rng.chance(0.5),
        )

    def sessions(self, group: Group, topics: tuple[str, ...]) -> None:
        ctx, rng = self.ctx, self.rng
        days = _session_days(group.starts_on or ctx.today, group.planned_sessions)
        enrolled = self.enrol(group, days)
        hour = rng.choice((10, 11, 14, 15, 16))
        children = group.target in (G.CHILDREN_0_3, G.CHILDREN_3_7)
        planned_on = days[0] - dt.timedelta(days=14)
        active = [s for s in self.team.specialists if s.active]
        for n, day in enumerate(days):
            starts = at_time(day, hour)
            past = day < ctx.today
            status = (
                S.CANCELLED if rng.chance(0.08 if past else 0.03) else S.HELD if past else S.PLANNED
            )
            stand_in = rng.choice(active) if rng.chance(0.1) else None
            session = ctx.new(
                rng,
                Meeting,
                planned_on,
                changed=starts if past else None,
                group_id=group.id,
                starts_at=starts,
                ends_at=starts + dt.timedelta(minutes=60 if children else 90),
                place=rng.choice(SESSION_PLACES),
                topic=topics[n % len(topics)],
                status=status,
                facilitator_id=stand_in.id if stand_in else group.facilitator_id,
            )
            if status == S.HELD:
                self.attendance(session, enrolled, group.target, day)
            elif day == ctx.today and status == S.PLANNED and hour < 12:
                self.arrive(session, enrolled, group)

    def enrol(self, group: Group, days: list[dt.date]) -> list[Enrolment]:
        rng = self.rng
        pool = _eligible(group.target, self.homes, days[0])
        enrolments = []
        for person in rng.sample(pool, min(len(pool), rng.randint(6, 12))):
            late = len(days) > 3 and rng.chance(0.15)
            joined = (
                days[rng.randint(1, 2)] if late else days[0] - dt.timedelta(days=rng.randint(1, 10))
            )
            joined = max(joined, person.birth_date or joined)  # a baby enrolled once born
            left = (
                days[rng.randint(3, len(days) - 1)] if len(days) > 4 and rng.chance(0.1) else None
            )
            if left is not None and left >= self.ctx.today:
                left = None
            enrolments.append(
                self.ctx.new(
                    rng,
                    Enrolment,
                    joined,
                    changed=left,
                    group_id=group.id,
                    person_id=person.id,
                    enrolled_on=joined,
                    left_on=left,
                )
            )
        return enrolments

    def attendance(
        self, session: Meeting, enrolled: list[Enrolment], target: str, day: dt.date
    ) -> None:
        ctx, rng, when = self.ctx, self.rng, session.ends_at
        marks: list[Attendance] = []
        for e in enrolled:
            if e.enrolled_on > day or (e.left_on is not None and e.left_on <= day):
                continue
            habit = self.habits.setdefault(e.person_id, rng.weighted(_HABITS))
            status = A.PRESENT if rng.chance(habit) else rng.weighted(_MISSED)
            note = rng.choice(_EXCUSES) if status == A.EXCUSED and rng.chance(0.6) else ""
            mark = ctx.new(
                rng,
                Attendance,
                when,
                session_id=session.id,
                person_id=e.person_id,
                status=status,
                note=note,
            )
            marks.append(mark)
        came_along: list[Person] = []
        if rng.chance(0.2):  # someone came along without being enrolled
            members = {e.person_id for e in enrolled}
            walk_ins = [p for p in _eligible(target, self.homes, day) if p.id not in members]
            came_along = rng.sample(walk_ins, min(len(walk_ins), rng.randint(1, 2)))
            for person in came_along:
                ctx.new(
                    rng,
                    Attendance,
                    when,
                    session_id=session.id,
                    person_id=person.id,
                    status=A.PRESENT,
                    walk_in=True,
                )
        if not marks and not came_along:  # nobody was due and nobody came: not held
            session.status = S.CANCELLED
        _someone_came(marks, bool(came_along))
        present = [m.person_id for m in marks if m.status == A.PRESENT]
        self.check_in_for(session, [*present, *(p.id for p in came_along)], target)

    def _visited_on(self, day: dt.date) -> set[uuid.UUID]:
        """Who is in a visit on ``day`` (the year's visits, then the groups' own)."""
        if self.visited is None:
            self.visited = defaultdict(set)
            days = {
                v.id: v.checked_in_at.date() for v in self.ctx.created if isinstance(v, Visit)
            }
            for vp in self.ctx.created:
                if isinstance(vp, VisitPerson) and vp.visit_id in days:
                    self.visited[days[vp.visit_id]].add(vp.person_id)
        return self.visited[day]

    def check_in_for(self, session: Meeting, present: list[uuid.UUID], target: str) -> None:
        """Whoever came to a held session was checked in at the reception that day, as the
        desk asks (a small child with an adult of the family), and left after it."""
        day = session.starts_at.date()
        busy = self._visited_on(day)
        where = {p.id: h for h in self.homes for p in h.members}
        coming: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        for person_id in present:
            if person_id not in busy and person_id in where:
                coming[where[person_id].family.id].append(person_id)
        for people in coming.values():
            home = where[people[0]]
            escorts = [a for a in home.present_on(day, home.adults) if a.id not in busy]
            if target in (G.CHILDREN_0_3, G.CHILDREN_3_7) and escorts:
                people = [escorts[0].id, *people]
            for start in range(0, len(people), 4):  # a larger family comes as two visits
                self.group_visit(session, home.family.id, people[start : start + 4])
            busy.update(people)

    def group_visit(self, session: Meeting, family_id: uuid.UUID, people: list[uuid.UUID]) -> None:
        # a stream of their own: the groups' story stays as it was without these visits
        ctx = self.ctx
        rng = self.visits_rng = self.visits_rng or ctx.stream("group visits")
        arrived = session.starts_at - dt.timedelta(minutes=rng.randint(5, 15))
        left = session.ends_at + dt.timedelta(minutes=rng.randint(0, 10))
        visit = ctx.new(
            rng,
            Visit,
            arrived,
            changed=left,
            family_id=family_id,
            checked_in_at=arrived,
            checked_out_at=left,
            specialist_id=session.facilitator_id,
        )
        ctx.new(rng, VisitPurposeRow, arrived, visit_id=visit.id, purpose=VisitPurpose.GROUP)
        for person_id in people:  # everyone leaves with the visit
            ctx.new(
                rng,
                VisitPerson,
                arrived,
                changed=left,
                visit_id=visit.id,
                person_id=person_id,
                checked_out_at=left,
            )

    def _visiting_today(self) -> set[uuid.UUID]:
        today = self.ctx.today
        created = self.ctx.created
        visits = {v.id for v in created if isinstance(v, Visit) and v.checked_in_at.date() == today}
        return {
            vp.person_id for vp in created if isinstance(vp, VisitPerson) and vp.visit_id in visits
        }

    def arrive(self, session: Meeting, enrolled: list[Enrolment], group: Group) -> None:
        """This morning's session: some participants already checked in for the group
        (a child with the adult who brings them), not yet checked out."""
        ctx, rng, today = self.ctx, self.rng, self.ctx.today
        busy = self._visiting_today()
        where = {p.id: (h, p) for h in self.homes for p in h.members}
        coming: dict[uuid.UUID, list[Person]] = defaultdict(list)
        for e in enrolled:
            on = e.enrolled_on <= today and (e.left_on is None or e.left_on > today)
            if on and e.person_id not in busy and e.person_id in where and rng.chance(0.6):
                home, person = where[e.person_id]
                coming[home.family.id].append(person)
        for family_id, people in coming.items():
            home = where[people[0].id][0]
            escorts = [a for a in home.present_on(today, home.adults) if a.id not in busy]
            if group.target in (G.CHILDREN_0_3, G.CHILDREN_3_7) and escorts:
                people = [escorts[0], *people]
            arrived = session.starts_at - dt.timedelta(minutes=rng.randint(5, 25))
            visit = ctx.new(
                rng,
                Visit,
                arrived,
                family_id=family_id,
                checked_in_at=arrived,
                specialist_id=group.facilitator_id,
            )
            ctx.new(rng, VisitPurposeRow, arrived, visit_id=visit.id, purpose=VisitPurpose.GROUP)
            for person in people[:4]:
                ctx.new(rng, VisitPerson, arrived, visit_id=visit.id, person_id=person.id)
                busy.add(person.id)
