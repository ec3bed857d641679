import uuid

import pytest

from tests.support.citizens import HUSBAND, WIFE, make_id
from tests.support.stack import ROOT, Chat

__all__ = ["HUSBAND", "WIFE", "make_id"]

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture
def chat(stack):
    return Chat(stack, f"e2e-{uuid.uuid4().hex[:10]}")
