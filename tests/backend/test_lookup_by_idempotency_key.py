"""The assistant's look-up of an earlier submission by its Idempotency-Key: the truth about a
reply that was lost, for the conversation that submitted only, masked like by-conversation."""

import uuid

from tests.backend.helpers import SERVICE, application_body

PATH = "/api/v1/applications/by-idempotency-key"


def lookup(client, key: str, conversation_id: str, headers: dict | None = None):
    body = {"idempotency_key": key, "conversation_id": conversation_id}
    return client.post(PATH, json=body, headers=SERVICE if headers is None else headers)


def test_a_committed_key_names_its_application_masked(client, submit):
    body, key = application_body(), uuid.uuid4().hex
    created = submit(body, key).json()
    r = lookup(client, key, body["conversation_id"])
    assert r.status_code == 200
    found = r.json()
    assert found["application_no"] == created["application_no"]
    assert body["applicant"]["id_number"] not in r.text and body["applicant"]["phone"] not in r.text
    assert (
        found
        == client.post(
            "/api/v1/applications/by-conversation", json={"conversation_id": body["conversation_id"]}, headers=SERVICE
        ).json()
    )


def test_unused_refused_and_foreign_keys_get_the_same_404(client, submit):
    body, key = application_body(), uuid.uuid4().hex
    submit(body, key)
    refused_key = uuid.uuid4().hex
    refused = application_body(conversation_id=body["conversation_id"])
    refused["applicant"]["phone"] = "123"
    assert submit(refused, refused_key).status_code == 422
    answers = [
        lookup(client, key, "another-conversation"),
        lookup(client, uuid.uuid4().hex, body["conversation_id"]),
        lookup(client, refused_key, body["conversation_id"]),
    ]
    assert {r.status_code for r in answers} == {404}
    assert answers[0].json() == answers[1].json() == answers[2].json()
    assert "申请" in answers[0].json()["detail"]


def test_needs_the_service_token_and_a_sane_body(client):
    assert lookup(client, "k", "c", headers={}).status_code == 401
    assert lookup(client, "", "c").status_code == 422
    assert lookup(client, "k" * 129, "c").status_code == 422
