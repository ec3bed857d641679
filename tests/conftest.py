"""The running stack, shared by every suite of one pytest run that asks for it (e2e and security
run together, so the services start once). Imported lazily: the bot's suites run in another venv."""

import shutil

import pytest


@pytest.fixture(scope="session")
def stack():
    from tests.support.stack import ROOT, Stack

    workdir = ROOT / "tests" / "artifacts" / "e2e-stack"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    s = Stack(workdir).start()
    yield s
    s.stop()
