"""Action server responses checked by validators built once.

Why: Rasa checks every action server response with `jsonschema.validate`, which also re-checks
Rasa's constant response schema against the JSON Schema meta-schema on every call, then tries each
event against all 23 event schemas.
Gain: 1.1 ms per action call, the largest single cost of a form turn (bench/RESULTS.md).
How: the same schema, checked with validators built once, each event against the schema of its own
type. A response they refuse still goes through Rasa's own check, so what Rasa refuses and its
error message stay Rasa's.
"""

import functools
from typing import Any

from jsonschema import validators
from rasa.core.actions.action import RemoteAction

from bot.rasa_patches.replacing import Replacement

rasa_check = RemoteAction._validate_action_result


@functools.cache
def _response_checks() -> tuple[Any, dict[str, Any]]:
    """Validators for Rasa's response schema: the response without its events, and one per event
    type. Rasa's event schema is a oneOf whose alternatives each name their event type with a
    const, so an event satisfies the oneOf exactly when it satisfies the alternative for its own
    type; checking only that one skips trying the other 22 for every event."""
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, not on every response
    events = schema["properties"]["events"]["items"]
    common = {k: v for k, v in events.items() if k != "oneOf"}
    by_type = {alt["properties"]["event"]["const"]: cls({"allOf": [common, alt]}) for alt in events["oneOf"]}
    if len(by_type) != len(events["oneOf"]):  # a later Rasa sharing a type between alternatives
        by_type = {}  # every event goes to Rasa's own check
    outer = cls({**schema, "properties": {**schema["properties"], "events": {"type": "array"}}})
    return outer, by_type


def quick_valid(result: Any) -> bool:
    outer, by_type = _response_checks()
    if not outer.is_valid(result):
        return False
    for event in result.get("events") or []:
        check = by_type.get(event.get("event")) if isinstance(event, dict) else None
        if check is None or not check.is_valid(event):
            return False
    return True


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    if quick_valid(result):
        return True
    return rasa_check(self, result)  # Rasa's own verdict: raises its ValidationError


def replacements() -> list[Replacement]:
    return [Replacement(RemoteAction, "_validate_action_result", validate_action_result)]
