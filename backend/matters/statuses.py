"""Matter case statuses and the transition table (CONTRACT §4)."""

from enum import StrEnum

from backend.matters.catalog import CATALOG, Matter


class Status(StrEnum):
    awaiting_visit = "awaiting_visit"
    waiting_prerequisite = "waiting_prerequisite"
    in_review = "in_review"
    needs_supplement = "needs_supplement"
    completed = "completed"
    rejected = "rejected"
    cancelled = "cancelled"
    withdrawn = "withdrawn"


STATUS_TEXT = {
    Status.awaiting_visit: "待现场登记",
    Status.waiting_prerequisite: "待婚姻登记办结",
    Status.in_review: "审核中",
    Status.needs_supplement: "需补充材料",
    Status.completed: "已办结",
    Status.rejected: "未通过",
    Status.cancelled: "已终止",
    Status.withdrawn: "已撤回",
}


def status_text(matter: str, status: Status) -> str:
    """A case's status in words; STATUS_TEXT's waiting text names marriage registration, so a matter
    waiting for another one (a matter added in guides/matters.yml) names that one."""
    prerequisite = CATALOG[Matter(matter)].prerequisite
    if status == Status.waiting_prerequisite and prerequisite not in (None, Matter.marriage_registration):
        return f"待{CATALOG[prerequisite].short_name}办结"
    return STATUS_TEXT[status]


FINAL = {Status.completed, Status.rejected, Status.cancelled, Status.withdrawn}


class Actor(StrEnum):
    citizen = "citizen"
    system = "system"
    department = "department"


# (from, to) -> who may make the move
TRANSITIONS: dict[tuple[Status, Status], Actor] = {
    (Status.awaiting_visit, Status.completed): Actor.department,
    (Status.awaiting_visit, Status.rejected): Actor.department,
    (Status.waiting_prerequisite, Status.in_review): Actor.system,
    (Status.waiting_prerequisite, Status.cancelled): Actor.system,
    (Status.in_review, Status.needs_supplement): Actor.department,
    (Status.in_review, Status.completed): Actor.department,
    (Status.in_review, Status.rejected): Actor.department,
    (Status.needs_supplement, Status.in_review): Actor.department,
    (Status.needs_supplement, Status.rejected): Actor.department,
}
# Any unfinished case may be withdrawn by the citizen.
TRANSITIONS.update({(s, Status.withdrawn): Actor.citizen for s in Status if s not in FINAL})

# Statuses a department may push (CONTRACT §3).
DEPARTMENT_PUSH_STATUSES = (
    Status.in_review,
    Status.needs_supplement,
    Status.completed,
    Status.rejected,
)


def allowed(current: Status, new: Status, actor: Actor) -> bool:
    return TRANSITIONS.get((current, new)) == actor
