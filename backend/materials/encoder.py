"""Judging an upload (Pillow's decode, turn and re-encode of a 12-megapixel photo; pypdf's walk) is
up to a second of CPU. In the backend's own threads it competed with every chat turn for the
process's GIL (bench/RESULTS.md §7: chat p95 doubled while two photos uploaded), so it runs in a
bounded pool of processes; the request awaits its result without holding a thread."""

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from backend.errors import Unavailable
from backend.materials.config import get_materials_settings
from backend.materials.inspect import Cleaned, judge

logger = logging.getLogger("backend.materials")
_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def _get_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # "spawn": a fork of a process with running threads (uvicorn's, the thread pool's) may
            # inherit a lock held mid-operation and hang; a spawned child starts clean.
            context = multiprocessing.get_context("spawn")
            settings = get_materials_settings()
            _pool = ProcessPoolExecutor(
                settings.encode_processes,
                mp_context=context,
                initializer=_start_child,
                initargs=(settings.encode_niceness, os.getpid()),
            )
        return _pool


def _start_child(niceness: int, parent: int) -> None:
    """In each child: below the chat's priority, and gone with the backend. A child waits on its
    task queue, whose pipe it holds both ends of, so a backend killed with SIGKILL (no shutdown)
    would leave it waiting for ever; it watches its parent instead."""
    os.nice(niceness)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def shutdown() -> None:
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


async def judge_elsewhere(data: bytes) -> Cleaned:
    """`inspect.judge` in a pool process; raises `inspect.Refused` as judge does."""
    loop = asyncio.get_running_loop()
    settings = get_materials_settings()
    try:
        return await loop.run_in_executor(_get_pool(), judge, data, settings)
    except BrokenProcessPool:
        # A child died (killed, out of memory): the pool is unusable, a new one takes the next upload.
        logger.error("an encoding process died; the pool is replaced")
        shutdown()
        raise Unavailable("文件暂时没能处理，未保存。请稍后重新上传。") from None
