"""Progress look-ups (same 404 for unknown and wrong, rate limit) and withdrawal."""

from datetime import date

from tests.backend.helpers import SERVICE, certificate_result, event, make_id

OTHER_ID = make_id(date(1990, 1, 1), "M", seq=77)


def test_either_party_can_query(submitted, progress):
    app_no, body = submitted
    for role in ("applicant", "spouse"):
        assert progress(app_no, body[role]["id_number"]).status_code == 200
    assert progress(app_no.lower(), body["spouse"]["id_number"].lower()).status_code == 200


def test_wrong_id_and_unknown_number_get_the_same_answer(submitted, progress):
    app_no, _ = submitted
    wrong = progress(app_no, OTHER_ID)
    unknown = progress("HY000000AAAAAAAA", OTHER_ID)
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


def test_rate_limit_per_application_number(submitted, progress):
    app_no, body = submitted
    for i in range(5):  # five different clients
        headers = {**SERVICE, "X-Conversation-Id": f"client-{i}"}
        assert progress(app_no, OTHER_ID, headers).status_code == 404
    # Even the right ID is refused now, from a fresh client: the number is being guessed at.
    r = progress(app_no, body["spouse"]["id_number"], {**SERVICE, "X-Conversation-Id": "client-new"})
    assert r.status_code == 429
    assert "分钟" in r.json()["detail"]


def test_rate_limit_per_client(client, submitted, progress):
    app_no, body = submitted
    for i in range(5):
        assert progress(f"HY00000{i}AAAAAAAA", OTHER_ID).status_code == 404
    assert progress(app_no, body["spouse"]["id_number"]).status_code == 429


def test_bot_is_limited_per_conversation_not_for_everyone(submitted, progress):
    app_no, body = submitted
    for i in range(5):
        headers = {**SERVICE, "X-Conversation-Id": "conv-a"}
        assert progress(f"HY00000{i}BBBBBBBB", OTHER_ID, headers).status_code == 404
    assert progress(app_no, body["spouse"]["id_number"], {**SERVICE, "X-Conversation-Id": "conv-a"}).status_code == 429
    assert progress(app_no, body["spouse"]["id_number"], {**SERVICE, "X-Conversation-Id": "conv-b"}).status_code == 200


def test_conversation_id_without_token_is_ignored(submitted, progress):
    app_no, body = submitted
    for i in range(5):
        assert progress(f"HY00000{i}CCCCCCCC", OTHER_ID, {"X-Conversation-Id": f"c{i}"}).status_code == 404
    assert progress(app_no, body["spouse"]["id_number"], {"X-Conversation-Id": "fresh"}).status_code == 429


def test_withdraw_before_registration_withdraws_everything(client, submitted, progress):
    app_no, body = submitted
    r = client.post(f"/api/v1/applications/{app_no}/withdraw", json={"id_number": body["applicant"]["id_number"]})
    assert r.status_code == 200, r.text
    assert {m["status"] for m in r.json()["matters"]} == {"withdrawn"}
    assert r.json()["overall_status"] == "withdrawn"
    again = client.post(f"/api/v1/applications/{app_no}/withdraw", json={"id_number": body["applicant"]["id_number"]})
    assert again.status_code == 409


def test_withdraw_leaves_finished_matters_alone(client, submitted, push):
    app_no, body = submitted
    push("civil_affairs", event(app_no, "marriage_registration", "completed", result=certificate_result()))
    push("health", event(app_no, "birth_registration", "completed"))
    r = client.post(f"/api/v1/applications/{app_no}/withdraw", json={"id_number": body["spouse"]["id_number"]})
    statuses = {m["matter"]: m["status"] for m in r.json()["matters"]}
    assert statuses == {
        "marriage_registration": "completed",
        "hukou_marital_status": "withdrawn",
        "hukou_migration": "withdrawn",
        "birth_registration": "completed",
    }


def test_withdraw_with_wrong_id_is_404(client, submitted):
    app_no, _ = submitted
    r = client.post(f"/api/v1/applications/{app_no}/withdraw", json={"id_number": OTHER_ID})
    assert r.status_code == 404


def test_lookup_by_conversation(client, submitted):
    app_no, body = submitted
    r = client.post(
        "/api/v1/applications/by-conversation", json={"conversation_id": body["conversation_id"]}, headers=SERVICE
    )
    assert r.status_code == 200
    assert r.json()["application_no"] == app_no
    assert client.post("/api/v1/applications/by-conversation", json={"conversation_id": "x"}).status_code == 401
