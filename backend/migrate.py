"""Bring the database schema to the latest migration (SQLite file or PostgreSQL)."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from backend.config import get_settings

ALEMBIC_INI = Path(__file__).with_name("alembic.ini")


def upgrade_to_head() -> None:
    url = get_settings().database_url
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    cfg = Config(str(ALEMBIC_INI))
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")


if __name__ == "__main__":
    upgrade_to_head()
