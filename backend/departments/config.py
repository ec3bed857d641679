from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

from backend.matters.catalog import Department

LOCAL_DEFAULTS = {
    "civil_affairs": "local-secret-civil-affairs",
    "public_security": "local-secret-public-security",
    "health": "local-secret-health",
}


class DepartmentSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DEPT_SECRET_", extra="ignore")

    civil_affairs: str = LOCAL_DEFAULTS["civil_affairs"]
    public_security: str = LOCAL_DEFAULTS["public_security"]
    health: str = LOCAL_DEFAULTS["health"]
    max_clock_skew_seconds: int = 300

    def secret_for(self, department: Department) -> str:
        return getattr(self, department.value)


@lru_cache
def get_department_settings() -> DepartmentSettings:
    return DepartmentSettings()
