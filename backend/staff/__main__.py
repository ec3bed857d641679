"""`python -m backend.staff create --username NAME --role supervisor [--display-name 王主管]`

The password comes from STAFF_PASSWORD or is asked for twice at the prompt; never from the
command line, where the shell history and the process list would keep it."""

import argparse
import getpass
import os
import sys

from backend.database import get_sessionmaker
from backend.errors import DomainError
from backend.migrate import upgrade_to_head
from backend.staff.principal import ROLES
from backend.staff.service import create_account


def _password() -> str:
    from_env = os.environ.get("STAFF_PASSWORD")
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise SystemExit("请设置 STAFF_PASSWORD 环境变量，或在终端中运行以输入密码。")
    first = getpass.getpass("密码: ")
    if first != getpass.getpass("再输入一次: "):
        raise SystemExit("两次输入的密码不一致，未创建账号。")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend.staff", description="工作人员账号")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="新建账号（第一个主管账号用它创建）")
    create.add_argument("--username", required=True)
    create.add_argument("--role", choices=ROLES, default="agent")
    create.add_argument("--display-name")
    args = parser.parse_args(argv)

    password = _password()
    upgrade_to_head()
    with get_sessionmaker()() as db:
        try:
            account = create_account(db, args.username, password, args.role, args.display_name)
        except DomainError as exc:
            details = "；".join(e.message for e in exc.errors)
            print(f"未创建：{exc.detail}{details}", file=sys.stderr)
            return 1
    print(f"已创建{account.role}账号 {account.username}（id {account.id}）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
