"""Staff sign-in (CONTRACT §5): sessions, CSRF, roles, lock-out and expiry, through the app's routes."""

import re

from backend.database import get_sessionmaker
from backend.staff.service import agents_online
from tests.support.staff import COOKIE_NAME, PASSWORD, login

STAFF_PREFIX = "/api/v1/staff"
PUBLIC = {("POST", "/api/v1/staff/login")}


def staff_routes(app) -> list[tuple[str, str]]:
    """Every operation the app serves under /api/v1/staff (its OpenAPI document lists the routes
    of every included router), with path parameters filled in."""
    found = []
    for path, operations in app.openapi()["paths"].items():
        if path.startswith(STAFF_PREFIX):
            for method in operations:
                if (method.upper(), path) not in PUBLIC:
                    found.append((method.upper(), re.sub(r"\{[^}]+\}", "1", path)))
    return found


def test_every_staff_endpoint_refuses_without_a_session(app, client):
    routes = staff_routes(app)
    assert len(routes) >= 8, routes  # the walk found the staff API, not nothing
    for method, path in routes:
        for headers in ({}, {"Cookie": f"{COOKIE_NAME}=forged-token", "X-CSRF-Token": "forged"}):
            client.cookies.clear()
            r = client.request(method, path, json={}, headers=headers)
            assert r.status_code == 401, (method, path, r.status_code, r.text)
            assert "登录" in r.json()["detail"]


def test_login_sets_a_strict_httponly_cookie_and_me_returns_the_csrf_token(client, make_staff):
    name = make_staff("agent")
    r = client.post("/api/v1/staff/login", json={"username": name, "password": PASSWORD})
    assert r.status_code == 200
    cookie = r.headers["set-cookie"]
    assert f"{COOKIE_NAME}=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Secure" not in cookie  # local: plain http
    token = r.cookies[COOKIE_NAME]
    client.cookies.clear()
    me = client.get("/api/v1/staff/me", headers={"Cookie": f"{COOKIE_NAME}={token}"})
    assert me.status_code == 200
    assert me.json()["staff"]["username"] == name and me.json()["staff"]["role"] == "agent"
    assert me.json()["csrf_token"] == r.json()["csrf_token"]


def test_cookie_is_secure_in_production(client, make_staff, monkeypatch):
    name = make_staff("agent")
    monkeypatch.setenv("APP_ENV", "production")
    r = client.post("/api/v1/staff/login", json={"username": name, "password": PASSWORD})
    assert r.status_code == 200 and "Secure" in r.headers["set-cookie"]


def test_agent_cannot_read_the_audit_log_or_manage_staff(client, agent):
    refused = [
        client.get("/api/v1/staff/audit", headers=agent.headers),
        client.get("/api/v1/staff/accounts", headers=agent.headers),
        client.post(
            "/api/v1/staff/accounts",
            json={"username": "sneaky", "display_name": "x", "role": "supervisor", "password": PASSWORD},
            headers=agent.headers,
        ),
        client.post(
            f"/api/v1/staff/accounts/{agent.staff['id']}/active", json={"active": False}, headers=agent.headers
        ),
        client.post(
            f"/api/v1/staff/accounts/{agent.staff['id']}/password", json={"password": "x" * 12}, headers=agent.headers
        ),
    ]
    assert [r.status_code for r in refused] == [403] * 5
    assert all(r.json()["detail"] == "只有主管可以进行此操作。" for r in refused)
    # and nothing happened: the agent is still signed in, "sneaky" does not exist
    assert client.get("/api/v1/staff/me", headers=agent.headers).status_code == 200
    assert client.post("/api/v1/staff/login", json={"username": "sneaky", "password": PASSWORD}).status_code == 401


def test_supervisor_manages_accounts(client, supervisor):
    r = client.post(
        "/api/v1/staff/accounts",
        json={
            "username": f"new-{supervisor.staff['id']}",
            "display_name": "新坐席",
            "role": "agent",
            "password": PASSWORD,
        },
        headers=supervisor.headers,
    )
    assert r.status_code == 201, r.text
    new = r.json()
    listed = client.get("/api/v1/staff/accounts", headers=supervisor.headers).json()
    assert new["id"] in [a["id"] for a in listed] and "password_hash" not in listed[0]
    session = login(client, new["username"])
    # A password reset signs the account out everywhere; the new password works.
    r = client.post(
        f"/api/v1/staff/accounts/{new['id']}/password",
        json={"password": "another-password-1"},
        headers=supervisor.headers,
    )
    assert r.status_code == 200
    assert client.get("/api/v1/staff/me", headers=session.headers).status_code == 401
    session = login(client, new["username"], "another-password-1")
    # Disabling signs out and refuses logins with the one message.
    r = client.post(f"/api/v1/staff/accounts/{new['id']}/active", json={"active": False}, headers=supervisor.headers)
    assert r.status_code == 200 and r.json()["active"] is False
    assert client.get("/api/v1/staff/me", headers=session.headers).status_code == 401
    assert (
        client.post(
            "/api/v1/staff/login", json={"username": new["username"], "password": "another-password-1"}
        ).status_code
        == 401
    )


def test_account_input_errors_are_chinese_per_field(client, supervisor):
    r = client.post(
        "/api/v1/staff/accounts",
        json={"username": "a b", "display_name": "坐席", "role": "admin", "password": "short"},
        headers=supervisor.headers,
    )
    assert r.status_code == 422
    fields = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert set(fields) == {"username", "role", "password"}
    assert "密码至少10个字符" in fields["password"]


def test_csrf_missing_or_wrong_is_refused_and_nothing_happens(client, supervisor):
    cookie_only = {"Cookie": f"{COOKIE_NAME}={supervisor.token}"}
    body = {"username": "csrf-victim", "display_name": "x", "role": "supervisor", "password": PASSWORD}
    for headers in (cookie_only, {**cookie_only, "X-CSRF-Token": "0" * 64}, {**cookie_only, "X-CSRF-Token": ""}):
        r = client.post("/api/v1/staff/accounts", json=body, headers=headers)
        assert r.status_code == 403 and "X-CSRF-Token" in r.json()["detail"]
        r = client.post("/api/v1/staff/logout", headers=headers)
        assert r.status_code == 403
    assert client.get("/api/v1/staff/me", headers=cookie_only).status_code == 200  # not logged out
    names = [a["username"] for a in client.get("/api/v1/staff/accounts", headers=cookie_only).json()]
    assert "csrf-victim" not in names
    # Another session's CSRF token does not fit this session.
    other = login(client, supervisor.staff["username"])
    r = client.post("/api/v1/staff/logout", headers={**cookie_only, "X-CSRF-Token": other.csrf})
    assert r.status_code == 403


def test_logout_revokes_the_session(client, agent):
    assert client.post("/api/v1/staff/logout", headers=agent.headers).status_code == 204
    assert client.get("/api/v1/staff/me", headers=agent.headers).status_code == 401


def test_five_wrong_passwords_lock_the_account_until_the_lock_expires(client, make_staff, clock):
    name = make_staff("agent")
    unknown = client.post("/api/v1/staff/login", json={"username": "nobody-here", "password": PASSWORD})
    for _ in range(5):
        r = client.post("/api/v1/staff/login", json={"username": name, "password": "wrong-password"})
        assert r.status_code == 401
        assert r.json() == unknown.json()  # the same answer as for an unknown user
    clock.advance(minutes=14, seconds=59)
    locked = client.post("/api/v1/staff/login", json={"username": name, "password": PASSWORD})
    assert locked.status_code == 401 and locked.json() == unknown.json()
    assert "锁定15分钟" in locked.json()["detail"]
    clock.advance(seconds=2)
    assert client.post("/api/v1/staff/login", json={"username": name, "password": PASSWORD}).status_code == 200


def test_four_wrong_passwords_then_the_right_one_resets_the_count(client, make_staff, clock):
    name = make_staff("agent")
    for _ in range(4):
        client.post("/api/v1/staff/login", json={"username": name, "password": "wrong-password"})
    assert client.post("/api/v1/staff/login", json={"username": name, "password": PASSWORD}).status_code == 200
    for _ in range(4):
        client.post("/api/v1/staff/login", json={"username": name, "password": "wrong-password"})
    assert client.post("/api/v1/staff/login", json={"username": name, "password": PASSWORD}).status_code == 200


def test_sessions_end_when_idle_and_when_their_lifetime_is_over(client, make_staff, clock):
    name = make_staff("agent")
    auth = login(client, name)
    clock.advance(minutes=29)
    assert client.get("/api/v1/staff/me", headers=auth.headers).status_code == 200  # activity renews idle time
    clock.advance(minutes=29)
    assert client.get("/api/v1/staff/me", headers=auth.headers).status_code == 200
    clock.advance(minutes=31)
    assert client.get("/api/v1/staff/me", headers=auth.headers).status_code == 401
    auth = login(client, name)
    for _ in range(25):  # active all along, but 12 hours is the most a session lives
        clock.advance(minutes=29)
        client.get("/api/v1/staff/me", headers=auth.headers)
    assert client.get("/api/v1/staff/me", headers=auth.headers).status_code == 401


def online(now) -> int:
    with get_sessionmaker()() as db:  # a new transaction: it sees what the requests committed
        return agents_online(db, now)


def test_agents_online_counts_recent_live_sessions(client, make_staff, clock):
    clock.advance(days=30)  # past every session other tests opened, on any clock they set
    assert online(clock.now) == 0
    auth = login(client, make_staff("agent"))
    login(client, auth.staff["username"])  # a second browser: still one person
    assert online(clock.now) == 1
    clock.advance(minutes=6)  # console silent for longer than STAFF_ONLINE_MINUTES
    assert online(clock.now) == 0
    client.get("/api/v1/staff/me", headers=auth.headers)
    assert online(clock.now) == 1
    client.post("/api/v1/staff/logout", headers=auth.headers)
    assert online(clock.now) == 0
