from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

from backend.matters.catalog import Department


class DepartmentSettings(BaseSettings):
    """Local defaults as in .env.example; security.guard refuses them in production."""

    model_config = SettingsConfigDict(env_prefix="DEPT_SECRET_", extra="ignore")

    civil_affairs: str = "local-secret-civil-affairs"
    public_security: str = "local-secret-public-security"
    health: str = "local-secret-health"
    max_clock_skew_seconds: int = 300

    def secret_for(self, department: Department) -> str:
        return getattr(self, department.value)


@lru_cache
def get_department_settings() -> DepartmentSettings:
    return DepartmentSettings()
