import shutil
import uuid

import pytest

from tests.support.citizens import HUSBAND, WIFE, make_id
from tests.support.stack import ROOT, Chat, Stack

__all__ = ["HUSBAND", "WIFE", "make_id"]

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def stack():
    workdir = ARTIFACTS / "e2e-stack"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    s = Stack(workdir).start()
    yield s
    s.stop()


@pytest.fixture
def chat(stack):
    return Chat(stack, f"e2e-{uuid.uuid4().hex[:10]}")
