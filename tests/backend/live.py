"""A real uvicorn backend (`python -m backend.serve`) in a subprocess, for what only real HTTP shows."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from tests.support.stack import free_port

# Settings a developer's shell might hold that would change what the server trusts.
_CLEARED = ("TRUSTED_PROXIES", "FORWARDED_ALLOW_IPS")


@contextmanager
def backend_server(database_url: str, **env: str) -> Iterator[str]:
    """Yields the base URL of a backend on 127.0.0.1 with these extra environment variables."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend.serve", "--port", str(port)],
        env={**environ, "DATABASE_URL": database_url, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            proc.kill()
            pytest.fail(f"backend did not start: {proc.stderr.read().decode()[-2000:]}")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
