"""Uploads are judged in a bounded pool of processes, off the backend's own threads: the same
verdicts as in-process, refusals with their Chinese reasons, and a dead child costs one upload."""

import asyncio
import os
import signal
import subprocess
import sys
import time

import pytest

from backend.errors import Unavailable
from backend.materials import encoder
from backend.materials.config import get_materials_settings
from backend.materials.inspect import Refused, judge
from tests.support import files
from tests.support.stack import ROOT


@pytest.fixture
def pool():
    encoder.shutdown()
    yield
    encoder.shutdown()


def test_the_pool_judges_as_judge_does_in_other_processes(pool):
    photo = files.photo_with_exif()
    cleaned = asyncio.run(encoder.judge_elsewhere(photo))
    assert cleaned == judge(photo)
    executor = encoder._get_pool()
    assert executor._max_workers == get_materials_settings().encode_processes
    assert executor.submit(os.getpid).result() != os.getpid()
    # Below the chat's priority: os.nice(0) reads a process's niceness.
    wanted = min(19, os.nice(0) + get_materials_settings().encode_niceness)
    assert executor.submit(os.nice, 0).result() == wanted


def test_refusals_keep_their_reason(pool):
    with pytest.raises(Refused, match="无法识别的文件类型"):
        asyncio.run(encoder.judge_elsewhere(files.renamed_executable()))


def test_a_dead_child_fails_one_upload_and_the_pool_is_replaced(pool):
    broken = encoder._get_pool()
    assert broken.submit(os.getpid).result()  # the children are up
    for process in list(broken._processes.values()):
        process.kill()
    with pytest.raises(Unavailable) as refused:
        asyncio.run(encoder.judge_elsewhere(files.png()))
    assert refused.value.status_code == 503 and "重新上传" in refused.value.detail
    assert asyncio.run(encoder.judge_elsewhere(files.png())).content_type == "image/png"
    assert encoder._get_pool() is not broken


CHILD_OF_A_BACKEND = """
import os, sys, time
from backend.materials import encoder
print(encoder._get_pool().submit(os.getpid).result(), flush=True)
time.sleep(600)
"""


def test_the_children_end_with_a_backend_killed_outright():
    """SIGKILL runs no shutdown: the children notice their parent is gone and exit."""
    backend = subprocess.Popen([sys.executable, "-c", CHILD_OF_A_BACKEND], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    child = int(backend.stdout.readline())
    os.kill(child, 0)  # alive
    backend.kill()
    backend.wait()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(child, signal.SIGKILL)
    pytest.fail("an encoding process outlived its backend")
