"""The WeChat channel's parts: numbered choices, splitting at WeChat's size limit, and the store
shared between Rasa processes (SQLite here; Redis when TEST_REDIS_URL is set, as in CI)."""

import asyncio
import os

import pytest

from bot.channels.wechat_store import RedisStore, SqliteStore
from bot.channels.wechat_text import MAX_BYTES, choose, render, split


def test_buttons_become_numbered_choices():
    text, payloads = render(
        [
            {"text": "请选择："},
            {
                "text": "谁是上海户口？",
                "buttons": [
                    {"title": "双方都是", "payload": "双方都是上海户口"},
                    {"title": "都不是", "payload": "都不是"},
                ],
            },
        ]
    )
    assert text == "请选择：\n\n谁是上海户口？\n\n回复数字选择：\n1. 双方都是\n2. 都不是"
    assert choose("1", payloads) == "双方都是上海户口"
    assert choose(" 2 ", payloads) == "都不是"
    assert choose("3", payloads) == "3"
    assert choose("13812345678", payloads) == "13812345678"


def test_long_replies_are_split_under_the_limit():
    text = "\n".join(f"第{i}行：" + "婚育一件事" * 20 for i in range(40))
    pieces = split(text)
    assert len(pieces) > 1
    assert all(len(p.encode()) <= MAX_BYTES for p in pieces)
    assert "\n".join(pieces) == text
    one_long_line = "字" * 2000
    assert "".join(split(one_long_line)) == one_long_line


def _exercise(store):
    async def scenario():
        assert await store.get("k") is None
        await store.set("k", {"v": "值"}, ttl=60)
        assert await store.get("k") == {"v": "值"}
        assert await store.add_if_absent("seen:1", ttl=60) is True
        assert await store.add_if_absent("seen:1", ttl=60) is False
        await store.delete("k")
        assert await store.get("k") is None
        await store.set("short", 1, ttl=1)
        await asyncio.sleep(1.2)
        assert await store.get("short") is None

    asyncio.run(scenario())


def test_sqlite_store(tmp_path):
    _exercise(SqliteStore(str(tmp_path / "store.sqlite3")))


def test_sqlite_store_is_shared_between_instances(tmp_path):
    a, b = SqliteStore(str(tmp_path / "s.sqlite3")), SqliteStore(str(tmp_path / "s.sqlite3"))

    async def scenario():
        assert await a.add_if_absent("seen:9", 60)
        assert not await b.add_if_absent("seen:9", 60)

    asyncio.run(scenario())


def test_redis_store():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("REQUIRE_SERVICES=1 but TEST_REDIS_URL is not set")
        pytest.skip("TEST_REDIS_URL not set (CI sets it)")
    store = RedisStore(url, prefix=f"test:{os.getpid()}:")
    _exercise(store)
