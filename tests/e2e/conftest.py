import shutil
import uuid
from datetime import date

import pytest
from stdnum.cn import ric

from tests.support.stack import ROOT, Chat, Stack

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


def make_id(birth: date, sex: str, region: str = "310104", seq: int = 12) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:02d}{1 if sex == 'M' else 2}"
    return body + ric.calc_check_digit(body + "0")


HUSBAND = make_id(date(1994, 3, 5), "M")
WIFE = make_id(date(1996, 7, 9), "F", "310115")
