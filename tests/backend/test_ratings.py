"""好差评 (issue 20): once every matter is final, once per application, averages per matter and
channel."""

import uuid

from backend.database import get_sessionmaker
from backend.ratings.service import summary
from tests.backend.helpers import application_body

CERTIFICATE = {"certificate_no": "J310115-2024-000123", "registered_at": "2024-05-20"}
MATTERS = ["hukou_marital_status", "hukou_migration"]


def _pass(client, app_no: str, id_number: str) -> dict:
    r = client.post("/api/v1/materials/passes", json={"application_no": app_no, "id_number": id_number})
    assert r.status_code == 200, r.text
    return {"X-Application-Pass": r.json()["pass_token"]}


def _finish(push, app_no: str) -> None:
    for matter in MATTERS:
        body = {"application_no": app_no, "matter": matter, "status": "completed", "note": "已办结", "result": None}
        assert push("public_security", body, key=uuid.uuid4().hex).status_code == 200


def test_rating_once_when_every_matter_is_final(client, submit, push):
    body = application_body(MATTERS, marriage=CERTIFICATE)
    app_no = submit(body).json()["application_no"]
    headers = _pass(client, app_no, body["spouse"]["id_number"])
    state = client.get("/api/v1/ratings/mine", headers=headers).json()
    assert state["can_rate"] is False and "全部办结后" in state["message"]
    early = client.post("/api/v1/ratings/mine", json={"score": 5}, headers=headers)
    assert early.status_code == 409 and "没有办结" in early.json()["detail"]

    _finish(push, app_no)
    assert client.get("/api/v1/ratings/mine", headers=headers).json()["can_rate"] is True
    bad = client.post("/api/v1/ratings/mine", json={"score": 6}, headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "score"
    r = client.post("/api/v1/ratings/mine", json={"score": 4, "comment": "很方便"}, headers=headers)
    assert r.status_code == 201, r.text
    assert r.json()["rated"] is True and r.json()["score"] == 4 and r.json()["can_rate"] is False
    again = client.post("/api/v1/ratings/mine", json={"score": 1}, headers=headers)
    assert again.status_code == 409 and "只能评价一次" in again.json()["detail"]


def test_averages_per_matter_and_channel(client, submit, push):
    with get_sessionmaker()() as s:
        before = summary(s)
    scores = []
    for score in (5, 2):
        body = application_body(MATTERS, marriage=CERTIFICATE)
        app_no = submit(body).json()["application_no"]
        _finish(push, app_no)
        headers = _pass(client, app_no, body["applicant"]["id_number"])
        assert client.post("/api/v1/ratings/mine", json={"score": score}, headers=headers).status_code == 201
        scores.append(score)
    with get_sessionmaker()() as s:
        after = summary(s)
    assert after.total == before.total + 2
    page_before = next(a for a in before.by_channel if a.key == "progress_page")
    page_after = next(a for a in after.by_channel if a.key == "progress_page")
    assert page_after.count == page_before.count + 2
    migration = next(a for a in after.by_matter if a.key == "hukou_migration")
    old = next(a for a in before.by_matter if a.key == "hukou_migration")
    expected = ((old.average or 0) * old.count + sum(scores)) / (old.count + 2)
    assert migration.count == old.count + 2 and abs(migration.average - expected) < 0.01
    assert next(a for a in after.by_matter if a.key == "marriage_registration").name == "结婚登记"


def test_supervisors_read_the_averages_agents_do_not(client, submit, push, supervisor, agent):
    body = application_body(MATTERS, marriage=CERTIFICATE)
    app_no = submit(body).json()["application_no"]
    _finish(push, app_no)
    headers = _pass(client, app_no, body["applicant"]["id_number"])
    assert client.post("/api/v1/ratings/mine", json={"score": 3}, headers=headers).status_code == 201

    assert client.get("/api/v1/staff/ratings/summary").status_code == 401
    refused = client.get("/api/v1/staff/ratings/summary", headers=agent.headers)
    assert refused.status_code == 403 and "主管" in refused.json()["detail"]
    r = client.get("/api/v1/staff/ratings/summary", headers=supervisor.headers)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["total"] >= 1
    marital = next(a for a in data["by_matter"] if a["key"] == "hukou_marital_status")
    assert marital["count"] >= 1 and 1 <= marital["average"] <= 5
    assert {a["key"] for a in data["by_channel"]} >= {"progress_page", "web", "wechat"}
    assert "comment" not in r.text  # averages only, no citizen's words
