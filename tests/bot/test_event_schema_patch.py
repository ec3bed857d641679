"""The events validator built once answers as Rasa's own `jsonschema.validate` did."""

from types import SimpleNamespace

import pytest
import rasa.server

GOOD = [
    {"event": "bot", "text": "结婚登记已办结。", "timestamp": 1.0, "metadata": {"notice_key": "k"}},
    {"event": "pause", "timestamp": 2.0},
]
BAD = [
    {"event": "bot", "timestamp": "x"},  # a timestamp is a number
    ["x"],  # not an event at all
    [{"event": "slot", "name": 5, "value": "x"}],  # a slot's name must be a string
    {"event": "no_such_event"},
    {"event": "user", "text": None, "parse_data": 5},
    [{"timestamp": 1.0}],  # no event type
]


def _outcome(body):
    try:
        rasa.server.validate_events_in_request_body(SimpleNamespace(json=body))
    except rasa.server.ErrorResponse as refused:
        return refused.status, refused.error_info["message"]
    return None


@pytest.mark.parametrize("body", [GOOD, GOOD[0], *BAD])
def test_patched_validation_answers_as_rasas_own(body, rasa_patched):
    patched = _outcome(body)
    rasa_patched.uninstall()
    original = _outcome(body)
    rasa_patched.install()
    assert patched == original
    assert (patched is None) == (body in (GOOD, GOOD[0]))


def test_the_patch_builds_the_validator_once(rasa_patched, monkeypatch):
    def fail(*_args, **_kwargs):
        raise AssertionError("schema checked again")

    validator_class = type(rasa.server.validate_events_in_request_body.__closure__[0].cell_contents)
    monkeypatch.setattr(validator_class, "check_schema", classmethod(fail))
    assert _outcome(GOOD) is None
    assert _outcome(BAD[0])[0] == 400
