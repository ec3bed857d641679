"""`python -m backend.serve`: migrate, then serve with uvicorn."""

import argparse
import os

import uvicorn

from backend.migrate import upgrade_to_head
from backend.network.config import uvicorn_proxy_options


def main() -> None:
    parser = argparse.ArgumentParser(description="婚育一件事 backend")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    # Worker processes (uvicorn's WEB_CONCURRENCY): a push is CPU-bound Python, so one process
    # uses one core; on SQLite the writer's file lock queues the processes' writes.
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "1")))
    args = parser.parse_args()
    upgrade_to_head()
    uvicorn.run(
        "backend.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        **uvicorn_proxy_options(),
        log_level="info",
    )


if __name__ == "__main__":
    main()
