"""Request bodies bounded before anything reads them.

Why: Sanic's default limit is 100 MB, and a turn's message is at most 2,000 characters
(bot/channels/turn_guard.py).
Gain: a body over 256 KB is refused (413) before Rasa reads it; no cost on a normal turn.
"""

from typing import Any

import rasa.core.run

from bot.rasa_patches.replacing import Replacement

MAX_REQUEST_BYTES = 256 * 1024


def limit_requests(configure_app: Any) -> Any:
    def configure_bounded_app(*args: Any, **kwargs: Any) -> Any:
        app = configure_app(*args, **kwargs)
        app.config.REQUEST_MAX_SIZE = MAX_REQUEST_BYTES
        return app

    return configure_bounded_app


def replacements() -> list[Replacement]:
    return [Replacement(rasa.core.run, "configure_app", limit_requests(rasa.core.run.configure_app))]
