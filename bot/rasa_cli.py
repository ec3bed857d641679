"""`python -m bot.rasa_cli run ...`: Rasa's own command line, same arguments as `rasa`, with two
costs on Rasa's event loop removed first. Every conversation waits while the loop is busy.

1. Rasa checks every action server response with jsonschema.validate, which also re-checks Rasa's
   constant response schema against the JSON Schema meta-schema on every call: 1.1 ms per action
   call, the largest single cost of a form turn. Here a validator for the same schema is built
   once. A response it rejects still goes through Rasa's own check, so the error stays Rasa's.
2. The loaded model is over half a million Python objects that live as long as the process. Each
   full garbage collection walked them all: a 0.3 s stall for every conversation in flight, every
   few thousand turns. Once the model is loaded they are frozen out of the collector's reach.
"""

import functools
import gc
from collections.abc import Awaitable, Callable
from typing import Any

import rasa.core.run
from jsonschema import validators
from rasa.core.actions.action import RemoteAction

_rasa_check = RemoteAction._validate_action_result


@functools.cache
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, not on every response
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    if _validator().is_valid(result):
        return True
    return _rasa_check(self, result)  # raises Rasa's ValidationError


def freeze_after(load: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(load)
    async def load_then_freeze(*args: Any, **kwargs: Any) -> Any:
        agent = await load(*args, **kwargs)
        gc.collect()
        gc.freeze()
        return agent

    load_then_freeze.freezes = True
    return load_then_freeze


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
    # serve_application looks the loader up in its module when the server starts.
    if not getattr(rasa.core.run.load_agent_on_start, "freezes", False):
        rasa.core.run.load_agent_on_start = freeze_after(rasa.core.run.load_agent_on_start)


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
