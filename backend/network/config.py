from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class NetworkSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    # Proxies whose X-Forwarded-For is believed (comma-separated addresses or networks).
    # Empty trusts none: uvicorn's own default trusts 127.0.0.1, so any local caller could
    # rotate X-Forwarded-For and reset every per-address limit.
    trusted_proxies: str = ""
    # Largest request body (bytes) the backend reads; the biggest real one, a whole application,
    # is a few KB. Larger ones get a 413 before any route sees them (network.body_limit).
    max_body_bytes: int = Field(1 << 20, gt=0)

    @property
    def proxies(self) -> list[str]:
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]


@lru_cache
def get_network_settings() -> NetworkSettings:
    return NetworkSettings()


def uvicorn_proxy_options(settings: NetworkSettings | None = None) -> dict:
    """uvicorn rewrites the client address from X-Forwarded-For only for these proxies."""
    proxies = (settings or get_network_settings()).proxies
    if not proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": ",".join(proxies)}
