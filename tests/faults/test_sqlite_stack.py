"""The fault scenarios on the default stack: SQLite for the backend and Rasa's trackers, one Rasa
process with its in-memory lock store."""

from tests.faults import scenarios


def test_rasa_killed_in_the_confirm_turn(sqlite_faults):
    scenarios.rasa_killed_in_the_confirm_turn(sqlite_faults)


def test_backend_killed_between_commit_and_reply(sqlite_faults):
    scenarios.backend_killed_after_commit(sqlite_faults)


def test_backend_killed_before_commit(sqlite_faults):
    scenarios.backend_killed_before_commit(sqlite_faults)


def test_action_server_killed_mid_form(sqlite_faults):
    scenarios.actions_killed_mid_form(sqlite_faults)
