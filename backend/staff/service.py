"""Staff accounts, sign-in, sessions and lock-out. Every function takes `now`, so tests move the
clock instead of sleeping."""

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.clock import now_utc
from backend.database import write_transaction
from backend.errors import Conflict, FieldError, NotFound, Unauthorized, invalid
from backend.staff.config import get_staff_settings
from backend.staff.models import StaffAccount, StaffSession
from backend.staff.passwords import hash_password, needs_rehash, verify_password
from backend.staff.principal import ROLES, StaffPrincipal

USERNAME_RE = re.compile(r"[A-Za-z0-9_.-]{3,64}")
# A session's last_seen_at is written at most this often: not one write per console poll.
TOUCH_EVERY = timedelta(seconds=30)


def login_refused_message() -> str:
    """One message for an unknown user, a wrong password, a disabled and a locked account: the
    answer never tells who has an account."""
    s = get_staff_settings()
    return (
        f"用户名或密码不正确，或账号因连续{s.max_failed_logins}次输错已锁定{s.lockout_seconds // 60}分钟。"
        "请核对后重试；忘记密码请联系主管重置。"
    )


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_for(token: str) -> str:
    """The CSRF token is derived from the session token (HMAC keyed by it): bound to the session,
    given to the page, and useless without the HttpOnly cookie it came from."""
    return hmac.new(token.encode(), b"staff-csrf", hashlib.sha256).hexdigest()


def principal_of(account: StaffAccount) -> StaffPrincipal:
    return StaffPrincipal(
        id=account.id, username=account.username, display_name=account.display_name, role=account.role
    )


# ---- accounts ----


def check_new_account(username: str, password: str, role: str, display_name: str) -> list[FieldError]:
    errors = []
    if not USERNAME_RE.fullmatch(username or ""):
        errors.append(FieldError(field="username", message="用户名应为3—64位英文字母、数字或 _ . -，请修改。"))
    if role not in ROLES:
        errors.append(FieldError(field="role", message="角色只能是坐席（agent）或主管（supervisor）。"))
    if not display_name or not display_name.strip() or len(display_name) > 64:
        errors.append(FieldError(field="display_name", message="请填写姓名或工号（不超过64个字符）。"))
    errors.extend(check_password(password))
    return errors


def check_password(password: str, field: str = "password") -> list[FieldError]:
    n = get_staff_settings().min_password_length
    if len(password or "") < n or len(password) > 256:
        return [FieldError(field=field, message=f"密码至少{n}个字符（不超过256个），请换一个更长的密码。")]
    return []


def create_account(
    db: Session, username: str, password: str, role: str, display_name: str | None = None
) -> StaffAccount:
    display_name = (display_name or username).strip()
    errors = check_new_account(username, password, role, display_name)
    if errors:
        raise invalid(errors)
    account = StaffAccount(
        username=username, display_name=display_name, role=role, password_hash=hash_password(password), active=True
    )
    try:
        with write_transaction(db):
            db.add(account)
    except IntegrityError:
        raise Conflict(f"用户名“{username}”已被使用，请换一个。") from None
    return account


def list_accounts(db: Session) -> list[StaffAccount]:
    return list(db.scalars(select(StaffAccount).order_by(StaffAccount.id)).all())


def _account(db: Session, account_id: int) -> StaffAccount:
    account = db.get(StaffAccount, account_id, populate_existing=True)
    if account is None:
        raise NotFound("没有这个工作人员账号，请刷新列表后重试。")
    return account


def _revoke_all(db: Session, account_id: int, now: datetime) -> None:
    db.execute(
        update(StaffSession)
        .where(StaffSession.staff_id == account_id, StaffSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def set_active(db: Session, account_id: int, active: bool, by: StaffPrincipal, now: datetime) -> StaffAccount:
    if account_id == by.id and not active:
        raise Conflict("不能停用自己正在使用的账号；请由另一位主管操作。")
    with write_transaction(db):
        account = _account(db, account_id)
        account.active = active
        if not active:
            _revoke_all(db, account.id, now)  # a disabled account is signed out everywhere at once
    return account


def reset_password(db: Session, account_id: int, password: str, now: datetime) -> StaffAccount:
    errors = check_password(password)
    if errors:
        raise invalid(errors)
    new_hash = hash_password(password)
    with write_transaction(db):
        account = _account(db, account_id)
        account.password_hash = new_hash
        account.failed_logins = 0
        account.locked_until = None
        _revoke_all(db, account.id, now)
    return account


# ---- sign-in ----


def authenticate(db: Session, username: str, password: str, now: datetime) -> StaffAccount:
    """The account, or 401 with the one refusal message. Failures count even though the request
    is refused (their own transaction); the lock holds for a correct password too."""
    settings = get_staff_settings()
    with write_transaction(db):
        account = db.scalar(select(StaffAccount).where(StaffAccount.username == username).with_for_update())
        locked = account is not None and account.locked_until is not None and account.locked_until > now
        usable = account is not None and account.active and not locked
        ok = verify_password(account.password_hash if usable else None, password)
        if account is not None and usable:
            if ok:
                account.failed_logins = 0
                account.locked_until = None
                if needs_rehash(account.password_hash):
                    account.password_hash = hash_password(password)
            else:
                account.failed_logins += 1
                if account.failed_logins >= settings.max_failed_logins:
                    account.locked_until = now + timedelta(seconds=settings.lockout_seconds)
                    account.failed_logins = 0
    if not ok:
        raise Unauthorized(login_refused_message())
    return account


def open_session(db: Session, account: StaffAccount, now: datetime) -> tuple[str, str]:
    """A new session (a fresh token at every login: nothing set before login survives it).
    Returns the cookie's token and the CSRF token."""
    token = secrets.token_urlsafe(32)
    ttl = get_staff_settings().session_ttl_seconds
    with write_transaction(db):
        db.add(
            StaffSession(
                token_hash=token_hash(token),
                staff_id=account.id,
                created_at=now,
                last_seen_at=now,
                expires_at=now + timedelta(seconds=ttl),
            )
        )
    return token, csrf_for(token)


def principal_for_token(db: Session, token: str, now: datetime) -> StaffPrincipal | None:
    """The staff member of a live session: not revoked, not past its lifetime or idle limit, and
    the account still active. Marks the session as seen."""
    idle = timedelta(seconds=get_staff_settings().session_idle_seconds)
    row = db.execute(
        select(StaffSession, StaffAccount)
        .join(StaffAccount, StaffAccount.id == StaffSession.staff_id)
        .where(StaffSession.token_hash == token_hash(token))
    ).first()
    if row is None:
        return None
    session, account = row
    if session.revoked_at is not None or session.expires_at <= now or session.last_seen_at + idle <= now:
        return None
    if not account.active:
        return None
    if now - session.last_seen_at >= TOUCH_EVERY:
        with write_transaction(db):
            db.execute(update(StaffSession).where(StaffSession.id == session.id).values(last_seen_at=now))
    return principal_of(account)


def revoke_session(db: Session, token: str, now: datetime) -> None:
    with write_transaction(db):
        db.execute(
            update(StaffSession)
            .where(StaffSession.token_hash == token_hash(token), StaffSession.revoked_at.is_(None))
            .values(revoked_at=now)
        )


def agents_online(db: Session, now: datetime | None = None) -> int:
    """Staff (agents and supervisors) with a live session whose console was active within the
    last STAFF_ONLINE_MINUTES: the bot promises a person only when this is above zero."""
    now = now or now_utc()
    settings = get_staff_settings()
    since = now - timedelta(minutes=settings.online_minutes)
    idle_since = now - timedelta(seconds=settings.session_idle_seconds)
    return db.scalar(
        select(func.count(func.distinct(StaffSession.staff_id)))
        .join(StaffAccount, StaffAccount.id == StaffSession.staff_id)
        .where(
            StaffAccount.active.is_(True),
            StaffSession.revoked_at.is_(None),
            StaffSession.expires_at > now,
            StaffSession.last_seen_at >= max(since, idle_since),
        )
    )
