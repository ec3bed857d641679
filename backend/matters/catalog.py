"""The four matters of the bundle, their departments and dependencies: the one source."""

from dataclasses import dataclass
from enum import StrEnum


class Department(StrEnum):
    civil_affairs = "civil_affairs"
    public_security = "public_security"
    health = "health"


DEPARTMENT_NAMES = {
    Department.civil_affairs: "民政",
    Department.public_security: "公安",
    Department.health: "卫健",
}


class Matter(StrEnum):
    marriage_registration = "marriage_registration"
    hukou_marital_status = "hukou_marital_status"
    hukou_migration = "hukou_migration"
    birth_registration = "birth_registration"


@dataclass(frozen=True)
class MatterInfo:
    code: Matter
    name: str
    short_name: str
    department: Department
    # The matter that must be completed before this one starts.
    prerequisite: Matter | None


CATALOG: dict[Matter, MatterInfo] = {
    info.code: info
    for info in (
        MatterInfo(
            Matter.marriage_registration,
            "内地居民婚姻登记（结婚登记）",
            "结婚登记",
            Department.civil_affairs,
            None,
        ),
        MatterInfo(
            Matter.hukou_marital_status,
            "本市户口登记（婚姻状况变更）",
            "户口婚姻状况变更",
            Department.public_security,
            Matter.marriage_registration,
        ),
        MatterInfo(
            Matter.hukou_migration,
            "市内户口迁移（因婚姻迁入配偶家庭户）",
            "因婚姻市内户口迁移",
            Department.public_security,
            Matter.marriage_registration,
        ),
        MatterInfo(
            Matter.birth_registration,
            "生育登记",
            "生育登记",
            Department.health,
            Matter.marriage_registration,
        ),
    )
}

HUKOU_MATTERS = {Matter.hukou_marital_status, Matter.hukou_migration}


def dependants_of(matter: Matter) -> list[Matter]:
    return [m for m, info in CATALOG.items() if info.prerequisite == matter]
