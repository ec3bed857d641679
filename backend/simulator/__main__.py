"""Department simulator CLI: `python -m backend.simulator --help`."""

import argparse
import json
import os
import sys
import time
import uuid
from datetime import date, timedelta

import httpx

from backend.simulator.client import DepartmentClient, department_of, register_marriage

ACTIONS = {"accept": "in_review", "supplement": "needs_supplement", "complete": "completed", "reject": "rejected"}


def _print(response: httpx.Response) -> int:
    print(response.status_code, json.dumps(response.json(), ensure_ascii=False, indent=2))
    return 0 if response.is_success else 1


def _show_notices(base_url: str, token: str, app_no: str, shown: set[int], wait_seconds: float = 5.0) -> None:
    """Prints the application's new notices once the dispatcher has dealt with them."""
    deadline = time.monotonic() + wait_seconds
    while True:
        r = httpx.get(
            f"{base_url}/api/v1/notices",
            params={"application_no": app_no},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        notices = [n for n in r.json() if n["id"] not in shown] if r.is_success else []
        if all(n["status"] != "pending" for n in notices) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    for n in notices:
        shown.add(n["id"])
        label = {"chat": "对话", "sms": "短信"}.get(n["channel"], n["channel"])
        state = "待投递（通知投递进程 dispatcher 在运行吗？）" if n["status"] == "pending" else n["status"]
        print(f"  通知·{label} [{state}] {n['text']}")


def _demo(base_url: str) -> int:
    """Submits a sample four-matter application, then plays all three departments."""
    from stdnum.cn import ric

    def make_id(prefix: str) -> str:
        return prefix + ric.calc_check_digit(prefix + "0")

    day = date.today() + timedelta(days=7)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    body = {
        "matters": ["marriage_registration", "hukou_marital_status", "hukou_migration", "birth_registration"],
        "applicant": {"name": "张伟", "id_number": make_id("31010419940305123"), "phone": "13812345678"},
        "spouse": {"name": "李娜", "id_number": make_id("31011519960709124"), "phone": "13987654321"},
        "marriage": {"registry_office": "浦东新区婚姻登记处", "appointment_date": day.isoformat()},
        "hukou": {
            "shanghai_hukou": ["applicant", "spouse"],
            "migration": {
                "mover": "spouse",
                "household_address": "浦东新区世纪大道100弄1号101室",
                "household_head_name": "张伟",
                "household_head_consent": True,
            },
        },
        "birth": {"child_order": 1, "residence_district": "浦东新区"},
        "channel": "rest",
        "conversation_id": f"rest:simulator-demo-{uuid.uuid4().hex[:8]}",
    }
    token = os.environ.get("BACKEND_SERVICE_TOKEN", "local-service-token")
    r = httpx.post(
        f"{base_url}/api/v1/applications",
        json=body,
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex},
        timeout=30,
    )
    if r.status_code != 201:
        return _print(r)
    app_no = r.json()["application_no"]
    print(f"submitted {app_no}")
    print(f"  {r.json()['notices']['text']}")
    shown: set[int] = set()
    steps = [
        ("register", lambda: register_marriage(app_no, base_url)),
        (
            "police accepts supplement",
            lambda: DepartmentClient("health", base_url).push(
                app_no, "birth_registration", "needs_supplement", note="请补充居住地信息"
            ),
        ),
        (
            "health back in review",
            lambda: DepartmentClient("health", base_url).push(app_no, "birth_registration", "in_review"),
        ),
    ]
    for matter in ("hukou_marital_status", "hukou_migration", "birth_registration"):
        steps.append(
            (
                f"complete {matter}",
                lambda m=matter: DepartmentClient(department_of(m), base_url).push(app_no, m, "completed"),
            )
        )
    for name, step in steps:
        response = step()
        print(f"{name}: {response.status_code}")
        if not response.is_success:
            return _print(response)
        _show_notices(base_url, token, app_no, shown)
    progress = httpx.post(
        f"{base_url}/api/v1/progress/query",
        json={"application_no": app_no, "id_number": body["spouse"]["id_number"]},
        timeout=30,
    )
    print(progress.json()["summary"])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend.simulator", description="模拟民政、公安、卫健部门系统")
    parser.add_argument("--backend", default=os.environ.get("BACKEND_URL", "http://127.0.0.1:8000"))
    sub = parser.add_subparsers(dest="command", required=True)
    reg = sub.add_parser("register", help="民政：办结结婚登记并推送电子结婚证")
    reg.add_argument("application_no")
    rej = sub.add_parser("reject-marriage", help="民政：结婚登记未通过")
    rej.add_argument("application_no")
    rej.add_argument("--note", default="不符合结婚登记条件")
    for action, status in ACTIONS.items():
        p = sub.add_parser(action, help=f"推送 {status}")
        p.add_argument("application_no")
        p.add_argument("matter")
        p.add_argument("--note")
    cases = sub.add_parser("cases", help="部门待办列表")
    cases.add_argument("department")
    cases.add_argument("--status", default="in_review")
    sub.add_parser("demo", help="提交示例申请并模拟三个部门办完全部事项")
    args = parser.parse_args(argv)

    if args.command == "register":
        return _print(register_marriage(args.application_no, args.backend))
    if args.command == "reject-marriage":
        client = DepartmentClient("civil_affairs", args.backend)
        return _print(client.push(args.application_no, "marriage_registration", "rejected", note=args.note))
    if args.command in ACTIONS:
        client = DepartmentClient(department_of(args.matter), args.backend)
        return _print(client.push(args.application_no, args.matter, ACTIONS[args.command], note=args.note))
    if args.command == "cases":
        return _print(DepartmentClient(args.department, args.backend).cases(args.status))
    return _demo(args.backend)


if __name__ == "__main__":
    sys.exit(main())
