"""Input string types: no control characters (PostgreSQL refuses NUL in text, and nobody types
them) and no unpaired surrogates (JSON's "\\ud800" decodes to one, and no database or encoder takes
it), and application numbers that are letters and digits only. What citizens type (names, ID and
phone numbers, application numbers) is normalised first as the chat channels do it: full-width
digits and letters, zero-width characters, spaces and dashes inside numbers."""

import math
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, StringConstraints

from citizen_text.normalise import normalise


def _no_control_characters(value: str) -> str:
    if any((ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127 or 0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise ValueError("contains control characters or unpaired surrogates")
    return value


def storable_json(value):
    """The same check through nested JSON (department results), and only finite numbers: Python's
    JSON reads NaN and Infinity, which PostgreSQL's json type refuses."""
    if isinstance(value, str):
        return _no_control_characters(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("not a finite number")
    if isinstance(value, dict):
        for k, v in value.items():
            storable_json(k)
            storable_json(v)
    elif isinstance(value, list):
        for v in value:
            storable_json(v)
    return value


def _normalised(value: object) -> object:
    return normalise(value).strip() if isinstance(value, str) else value


SafeStr = Annotated[str, AfterValidator(_no_control_characters)]
CitizenStr = Annotated[str, BeforeValidator(_normalised), AfterValidator(_no_control_characters)]
ApplicationNo = Annotated[str, BeforeValidator(_normalised), StringConstraints(pattern=r"^[A-Za-z0-9]{1,32}$")]
