"""The fault scenarios where several Rasa processes share PostgreSQL trackers and Redis locks, and
the backend runs on PostgreSQL. The killed Rasa process is not restarted: the citizen's next
message reaches the other one, once the dead process's lock on the conversation has expired."""

from tests.faults import scenarios


def test_backend_killed_between_commit_and_reply(postgres_faults):
    scenarios.backend_killed_after_commit(postgres_faults)


def test_rasa_killed_in_the_confirm_turn_the_other_process_carries_on(postgres_faults):
    scenarios.rasa_killed_in_the_confirm_turn(postgres_faults, continue_on="rasa-2")
