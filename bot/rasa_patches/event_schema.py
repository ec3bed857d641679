"""Events appended over the HTTP API are checked against a validator built once.

Why: `validate_events_in_request_body` calls `jsonschema.validate`, which checks Rasa's own
events schema against the metaschema and builds a new validator on every request: a fifth of
Rasa's CPU for each status notice the backend appends (bench/RESULTS.md §6, py-spy).
Gain: the same answer for every body (the same validator class, the same best-matching error),
the schema checked once, when the patch is applied.
"""

from http import HTTPStatus

import jsonschema
import rasa.server
from rasa.server import ErrorResponse, _docs
from rasa.shared.utils.schemas.events import EVENTS_SCHEMA

from bot.rasa_patches.replacing import Replacement


def _validator():
    cls = jsonschema.validators.validator_for(EVENTS_SCHEMA)
    cls.check_schema(EVENTS_SCHEMA)
    return cls(EVENTS_SCHEMA)


def validate_with(validator):
    def validate_events_in_request_body(request) -> None:
        """As Rasa's: 400 with the best-matching error when the body is not a list of events."""
        events = request.json if isinstance(request.json, list) else [request.json]
        error = jsonschema.exceptions.best_match(validator.iter_errors(events))
        if error is not None:
            raise ErrorResponse(
                HTTPStatus.BAD_REQUEST,
                "BadRequest",
                f"Failed to validate the events format. "
                f"For more information about the format visit the docs. Error: {error}",
                help_url=_docs("/pages/http-api"),
            ) from error

    return validate_events_in_request_body


def replacements() -> list[Replacement]:
    return [Replacement(rasa.server, "validate_events_in_request_body", validate_with(_validator()))]
