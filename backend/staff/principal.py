from dataclasses import dataclass
from typing import Literal

Role = Literal["agent", "supervisor"]
ROLES: tuple[Role, ...] = ("agent", "supervisor")
ROLE_NAMES = {"agent": "坐席", "supervisor": "主管"}


@dataclass(frozen=True)
class StaffPrincipal:
    """The signed-in staff member a request acts for."""

    id: int
    username: str
    display_name: str
    role: Role

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"
