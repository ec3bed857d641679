"""Input string types: no control characters (PostgreSQL refuses NUL in text, and nobody types
them) and no unpaired surrogates (JSON's "\\ud800" decodes to one, and no database or encoder takes
it), and application numbers that are letters and digits only."""

from typing import Annotated

from pydantic import AfterValidator, StringConstraints


def _no_control_characters(value: str) -> str:
    if any((ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127 or 0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise ValueError("contains control characters or unpaired surrogates")
    return value


def no_control_characters_deep(value):
    """The same check through nested JSON (department results)."""
    if isinstance(value, str):
        return _no_control_characters(value)
    if isinstance(value, dict):
        for k, v in value.items():
            no_control_characters_deep(k)
            no_control_characters_deep(v)
    elif isinstance(value, list):
        for v in value:
            no_control_characters_deep(v)
    return value


SafeStr = Annotated[str, AfterValidator(_no_control_characters)]
ApplicationNo = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,32}$")]
