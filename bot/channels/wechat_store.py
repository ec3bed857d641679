"""State the WeChat channel shares between Rasa processes: the access_token, seen message ids
(WeChat retries a message it got no answer to within 5 s), and each user's last buttons.

Redis when `store_url` is redis://…; otherwise a SQLite file, which processes on one machine
share. Both are used without blocking the event loop."""

import asyncio
import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Protocol


class SharedStore(Protocol):
    async def get(self, key: str) -> Any: ...
    async def set(self, key: str, value: Any, ttl: int) -> None: ...
    async def add_if_absent(self, key: str, ttl: int) -> bool: ...
    async def delete(self, key: str) -> None: ...


class RedisStore:
    def __init__(self, url: str, prefix: str = "hunyu:wechat:"):
        from redis import asyncio as aioredis

        self.redis = aioredis.from_url(url)
        self.prefix = prefix

    async def get(self, key: str) -> Any:
        raw = await self.redis.get(self.prefix + key)
        return json.loads(raw) if raw is not None else None

    async def set(self, key: str, value: Any, ttl: int) -> None:
        await self.redis.set(self.prefix + key, json.dumps(value, ensure_ascii=False), ex=ttl)

    async def add_if_absent(self, key: str, ttl: int) -> bool:
        return bool(await self.redis.set(self.prefix + key, "1", ex=ttl, nx=True))

    async def delete(self, key: str) -> None:
        await self.redis.delete(self.prefix + key)


class SqliteStore:
    def __init__(self, path: str):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT, expires REAL)")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def _get(self, key: str) -> Any:
        with self._connect() as db:
            row = db.execute("SELECT value, expires FROM kv WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row and row[1] > time.time() else None

    def _set(self, key: str, value: Any, ttl: int) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO kv (key, value, expires) VALUES (?, ?, ?)",
                (key, json.dumps(value, ensure_ascii=False), time.time() + ttl),
            )

    def _add_if_absent(self, key: str, ttl: int) -> bool:
        now = time.time()
        with self._connect() as db:
            db.execute("DELETE FROM kv WHERE key = ? AND expires <= ?", (key, now))
            cur = db.execute("INSERT OR IGNORE INTO kv (key, value, expires) VALUES (?, '1', ?)", (key, now + ttl))
            return cur.rowcount == 1

    def _delete(self, key: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM kv WHERE key = ?", (key,))

    async def get(self, key: str) -> Any:
        return await asyncio.to_thread(self._get, key)

    async def set(self, key: str, value: Any, ttl: int) -> None:
        await asyncio.to_thread(self._set, key, value, ttl)

    async def add_if_absent(self, key: str, ttl: int) -> bool:
        return await asyncio.to_thread(self._add_if_absent, key, ttl)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._delete, key)


def open_store(url: str) -> SharedStore:
    if url.startswith("redis://"):
        return RedisStore(url)
    return SqliteStore(url.removeprefix("sqlite:///") or "var/wechat-store.sqlite3")
