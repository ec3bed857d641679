"""The matters of the bundle, their departments, dependencies and form fields: loaded from
guides/matters.yml (in GUIDES_DIR) at start, so a matter is added by data alone. `Matter` is an
enum built from that file, so pydantic, routers and lookups validate against whatever it lists."""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from backend.config import GuidesSettings

CATALOG_FILE = "matters.yml"


class Department(StrEnum):
    civil_affairs = "civil_affairs"
    public_security = "public_security"
    health = "health"


DEPARTMENT_NAMES = {
    Department.civil_affairs: "民政",
    Department.public_security: "公安",
    Department.health: "卫健",
}


class MatterEntry(BaseModel):
    """One matter as guides/matters.yml writes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z][a-z_]{2,40}$")
    name: str = Field(min_length=1)
    short_name: str = Field(min_length=1)
    department: Department
    prerequisite: str | None
    fields: list[str] = Field(min_length=1)


class MatterFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    matters: list[MatterEntry] = Field(min_length=1)


def load_entries(directory: Path) -> list[MatterEntry]:
    path = directory / CATALOG_FILE
    entries = MatterFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).matters
    codes = [e.code for e in entries]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{path}: a matter code is listed twice: {codes}")
    unknown = [e.prerequisite for e in entries if e.prerequisite is not None and e.prerequisite not in codes]
    if unknown:
        raise ValueError(f"{path}: prerequisite not in the catalog: {', '.join(unknown)}")
    return entries


ENTRIES = load_entries(GuidesSettings().guides_dir)
Matter = StrEnum("Matter", [(e.code, e.code) for e in ENTRIES], module=__name__)


@dataclass(frozen=True)
class MatterInfo:
    code: Matter
    name: str
    short_name: str
    department: Department
    # The matter that must be completed before this one starts.
    prerequisite: Matter | None
    # The application fields it needs (dotted paths), in the order guides/matters.yml gives them.
    fields: tuple[str, ...]


CATALOG: dict[Matter, MatterInfo] = {
    Matter(e.code): MatterInfo(
        Matter(e.code),
        e.name,
        e.short_name,
        e.department,
        Matter(e.prerequisite) if e.prerequisite else None,
        tuple(e.fields),
    )
    for e in ENTRIES
}


def dependants_of(matter: Matter) -> list[Matter]:
    return [m for m, info in CATALOG.items() if info.prerequisite == matter]
