"""The whole joint flow over HTTP, as the reform describes it."""

from tests.backend.helpers import certificate_result, event


def test_four_matters_from_submission_to_all_completed(submitted, push, work_list, progress):
    app_no, body = submitted
    spouse_id = body["spouse"]["id_number"]

    before = progress(app_no, spouse_id).json()
    assert [m["status"] for m in before["matters"]] == [
        "awaiting_visit",
        "waiting_prerequisite",
        "waiting_prerequisite",
        "waiting_prerequisite",
    ]
    assert before["overall_status"] == "awaiting_visit"

    r = push("civil_affairs", event(app_no, "marriage_registration", "completed", result=certificate_result()))
    assert r.status_code == 200, r.text
    assert {m["matter"]: m["status"] for m in r.json()["started"]} == {
        "hukou_marital_status": "in_review",
        "hukou_migration": "in_review",
        "birth_registration": "in_review",
    }

    police = [c for c in work_list("public_security").json() if c["application_no"] == app_no]
    health = [c for c in work_list("health").json() if c["application_no"] == app_no]
    assert sorted(c["matter"] for c in police) == ["hukou_marital_status", "hukou_migration"]
    assert [c["matter"] for c in health] == ["birth_registration"]
    for case in police + health:
        assert case["certificate"]["certificate_no"] == "J310115-2026-000123"
    migration = next(c for c in police if c["matter"] == "hukou_migration")
    assert migration["details"]["migration"]["household_head_consent"] is True
    assert health[0]["details"]["residence_district"] == "浦东新区"

    for matter in ("hukou_marital_status", "hukou_migration"):
        r = push("public_security", event(app_no, matter, "completed", note="已办结"))
        assert r.status_code == 200, r.text
    r = push("health", event(app_no, "birth_registration", "completed", result={"service_sheet_no": "SH-1"}))
    assert r.status_code == 200, r.text

    final = progress(app_no, body["applicant"]["id_number"]).json()
    assert final["overall_status"] == "completed"
    assert all(m["status"] == "completed" for m in final["matters"])
    steps = [(t["matter"], t["from_status"], t["to_status"], t["actor"]) for t in final["timeline"]]
    assert steps == [
        ("marriage_registration", None, "awaiting_visit", "citizen"),
        ("hukou_marital_status", None, "waiting_prerequisite", "citizen"),
        ("hukou_migration", None, "waiting_prerequisite", "citizen"),
        ("birth_registration", None, "waiting_prerequisite", "citizen"),
        ("marriage_registration", "awaiting_visit", "completed", "civil_affairs"),
        ("hukou_marital_status", "waiting_prerequisite", "in_review", "system"),
        ("hukou_migration", "waiting_prerequisite", "in_review", "system"),
        ("birth_registration", "waiting_prerequisite", "in_review", "system"),
        ("hukou_marital_status", "in_review", "completed", "public_security"),
        ("hukou_migration", "in_review", "completed", "public_security"),
        ("birth_registration", "in_review", "completed", "health"),
    ]


def test_progress_masks_personal_data(submitted, progress):
    app_no, body = submitted
    out = progress(app_no, body["applicant"]["id_number"])
    text = out.text
    for secret in (body["applicant"]["id_number"], body["spouse"]["id_number"], "13812345678", "张伟", "李娜"):
        assert secret not in text
    parties = out.json()["parties"]
    assert parties[0]["name"] == "张*"
    assert parties[0]["phone"] == "138****5678"
    assert parties[0]["id_number"].startswith("310") and parties[0]["id_number"].count("*") == 11


def test_rejected_marriage_cancels_dependants(submitted, push, progress):
    app_no, body = submitted
    r = push("civil_affairs", event(app_no, "marriage_registration", "rejected", note="一方已有配偶"))
    assert r.status_code == 200
    out = progress(app_no, body["spouse"]["id_number"]).json()
    assert [m["status"] for m in out["matters"]] == ["rejected", "cancelled", "cancelled", "cancelled"]
    assert out["overall_status"] == "closed"


def test_supplement_round_trip(submitted, push, progress):
    app_no, body = submitted
    push("civil_affairs", event(app_no, "marriage_registration", "completed", result=certificate_result()))
    r = push("health", event(app_no, "birth_registration", "needs_supplement", note="请补充居住证明"))
    assert r.status_code == 200
    out = progress(app_no, body["spouse"]["id_number"]).json()
    assert out["overall_status"] == "needs_supplement"
    assert "请补充居住证明" in out["summary"]
    assert push("health", event(app_no, "birth_registration", "in_review")).status_code == 200
    assert push("health", event(app_no, "birth_registration", "completed")).status_code == 200


def test_certificate_is_stored_once_and_only_for_dependants(submitted, push, work_list):
    app_no, _ = submitted
    push("civil_affairs", event(app_no, "marriage_registration", "completed", result=certificate_result("CERT-9")))
    cases = [c for c in work_list("civil_affairs", "completed").json() if c["application_no"] == app_no]
    assert cases and cases[0]["certificate"] is None
