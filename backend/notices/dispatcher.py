"""`python -m backend.notices.dispatcher`: drains the outbox to the citizens' channels.

Leasing: a write transaction picks due rows (on PostgreSQL `FOR UPDATE SKIP LOCKED`, so two
dispatchers never wait on or take the same rows; SQLite has one writer at a time) and stamps a
lease (`leased_until`, `lease_owner`) that outlives the transaction: the send happens outside
it, and a dispatcher killed mid-send leaves a lease that expires. Only the oldest pending notice
of an application and channel is due, so each application's events arrive in order. A try after
an earlier one (its outcome maybe lost) first looks for the delivery key at the channel, so
each notice reaches each channel once."""

import logging
import os
import queue
import random
import signal
import socket
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Integer, bindparam, exists, func, inspect, or_, select, update
from sqlalchemy.orm import Session, aliased, sessionmaker

from backend.applications.models import Application, Party
from backend.clock import now_utc
from backend.database import get_sessionmaker, write_transaction
from backend.notices import content
from backend.notices.channels import ChatSender, SmsSender, sms_provider
from backend.notices.config import NoticeSettings, get_notice_settings
from backend.notices.models import Notice, NoticeConsent
from backend.pii import decrypt
from security.guard import enforce

logger = logging.getLogger("backend.notices.dispatcher")


@dataclass(frozen=True)
class Lease:
    """A leased notice with all a try needs, read by the lease's own query: a try touches the
    database no more (on PostgreSQL it was three round trips a notice: ping, read, rollback)."""

    notice_id: int
    look_first: bool  # tried before: the earlier outcome may have been lost
    channel: str
    key: str
    text: str
    kind: str
    conversation: str | None
    phone_enc: str
    consent: bool | None  # the conversation's choice at lease time; None: never chosen (on)


def backoff(settings: NoticeSettings, attempts: int) -> float:
    delay = min(settings.backoff_base_seconds * 2 ** (attempts - 1), settings.backoff_max_seconds)
    return delay * random.uniform(0.8, 1.2)  # spread retries of many notices that failed together


def _due():
    """Pending, due, not leased, and the oldest pending notice of its application and channel
    (event order). `:now` is bound at each use."""
    now = bindparam("now", type_=Notice.next_attempt_at.type)
    earlier = aliased(Notice)
    blocked = exists().where(
        earlier.application_id == Notice.application_id,
        earlier.channel == Notice.channel,
        earlier.id < Notice.id,
        earlier.status == "pending",
    )
    return (
        Notice.status == "pending",
        Notice.next_attempt_at <= now,
        or_(Notice.leased_until.is_(None), Notice.leased_until < now),
        ~blocked,
    )


_ANY_DUE = select(Notice.id).where(*_due()).limit(1)
# A due notice, the applicant's phone and the conversation's consent, in one round trip.
_LEASABLE = (
    select(
        Notice.id,
        Notice.first_tried_at,
        Notice.channel,
        Notice.delivery_key,
        Notice.text,
        Notice.kind,
        Application.conversation_id,
        Party.phone_enc,
        NoticeConsent.enabled,
    )
    .join(Application, Application.id == Notice.application_id)
    .join(Party, (Party.application_id == Application.id) & (Party.role == "applicant"))
    .outerjoin(NoticeConsent, NoticeConsent.conversation_id == Application.conversation_id)
    .where(*_due())
    .order_by(Notice.id)
    .limit(bindparam("limit", type_=Integer))
    .with_for_update(skip_locked=True, of=Notice)
)
_IDS = bindparam("ids", expanding=True)
_LEASE = (
    update(Notice)
    .where(Notice.id.in_(_IDS))
    .values(
        first_tried_at=func.coalesce(Notice.first_tried_at, bindparam("now", type_=Notice.first_tried_at.type)),
        attempts=Notice.attempts + 1,
        leased_until=bindparam("until", type_=Notice.leased_until.type),
        lease_owner=bindparam("owner", type_=Notice.lease_owner.type),
    )
    .execution_options(synchronize_session=False)
)
_SETTLE = (
    update(Notice)
    .where(Notice.id.in_(_IDS), Notice.lease_owner == bindparam("owner"), Notice.status == "pending")
    .values(
        status=bindparam("status", type_=Notice.status.type),
        delivered_at=bindparam("now", type_=Notice.delivered_at.type),
        leased_until=None,
        lease_owner=None,
    )
    .execution_options(synchronize_session=False)
)


class Dispatcher:
    def __init__(
        self,
        sessions: sessionmaker[Session] | None = None,
        chat: ChatSender | None = None,
        sms: SmsSender | None = None,
        settings: NoticeSettings | None = None,
    ):
        self.settings = settings or get_notice_settings()
        self.sessions = sessions or get_sessionmaker()
        self.chat = chat or ChatSender()
        self.sms = sms or SmsSender(sms_provider(self.settings))
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{random.getrandbits(32):08x}"

    def lease(self, limit: int, finished: list[tuple[Lease, str, str | None]] = ()) -> list[Lease]:
        """Records the outcomes of finished tries and leases up to `limit` due notices, in one
        write transaction: on SQLite every write transaction queues for the one writer (the
        backend's pushes among them), so a look that finds nothing due stays a read. A handful
        of statements whatever the number of notices (on PostgreSQL each is a round trip), built
        once (`_ANY_DUE`, `_LEASABLE`, `_LEASE`): building them each cycle cost more CPU than
        running them."""
        now = now_utc()
        if not finished:
            if limit <= 0:
                return []
            with self.sessions() as session:
                if session.scalar(_ANY_DUE, {"now": now}) is None:
                    return []
        with self.sessions() as session, write_transaction(session):
            self._record(session, finished, now)
            if limit <= 0:
                return []
            session.flush()  # a failure just recorded may let its application's next one through
            rows = session.execute(_LEASABLE, {"now": now, "limit": limit})
            leases = [Lease(id_, first is not None, *rest) for id_, first, *rest in rows]
            if leases:
                until = now + timedelta(seconds=self.settings.lease_seconds)
                ids = [lease.notice_id for lease in leases]
                session.execute(_LEASE, {"ids": ids, "now": now, "until": until, "owner": self.owner})
            return leases

    def attempt(self, lease: Lease) -> tuple[str, str | None]:
        """One try: (sent | skipped | failed, error), with what the lease read."""
        channel, key, text, kind = lease.channel, lease.key, lease.text, lease.kind
        conversation, phone_enc, consent = lease.conversation, lease.phone_enc, lease.consent
        live = kind not in content.RECORD_ONLY
        # A record of what the citizen saw already is kept whatever they chose about notices; no
        # choice recorded means notices are on (as enabled_for).
        wanted = not live or consent is not False
        if not wanted:
            return "skipped", None
        try:
            if channel == "chat":
                buttons, slots = content.buttons_of(kind), content.slots_of(kind)
                self.chat.send(
                    conversation, text, key, look_first=lease.look_first, live=live, buttons=buttons, slots=slots
                )
            else:
                self.sms.send(decrypt(phone_enc), text, key, look_first=lease.look_first)
        except Exception as exc:  # any failure is retried; the notice keeps its key
            return "failed", f"{type(exc).__name__}: {exc}"[:500]
        return "sent", None

    def deliver(self, lease: Lease) -> str:
        """One try, recorded at once (the run loop records its tries in batches instead)."""
        outcome, error = self.attempt(lease)
        self.lease(0, [(lease, outcome, error)])
        return outcome

    def _record(self, session: Session, finished: list[tuple[Lease, str, str | None]], now) -> None:
        """Delivered and skipped notices in one UPDATE per outcome; a failure (rare) decides its
        backoff or dead letter row by row. Only a notice still leased to this dispatcher and
        pending is touched: if our lease ran out and another dispatcher took over, it decides."""
        if not finished:
            return
        for outcome in ("sent", "skipped"):
            ids = [lease.notice_id for lease, result, _ in finished if result == outcome]
            if ids:
                session.execute(_SETTLE, {"ids": ids, "owner": self.owner, "status": outcome, "now": now})
        failed = {lease.notice_id: error for lease, result, error in finished if result not in ("sent", "skipped")}
        if failed:
            notices = session.scalars(select(Notice).where(Notice.id.in_(list(failed))).with_for_update())
            for notice in notices:
                self._failed(notice, failed[notice.id], now)
        logger.info("recorded %d tries (%d failed)", len(finished), len(failed))

    def _failed(self, notice: Notice, error: str | None, now) -> None:
        if notice.lease_owner != self.owner or notice.status != "pending":
            return  # our lease ran out and another dispatcher took over: it decides
        notice.leased_until, notice.lease_owner = None, None
        if notice.attempts >= self.settings.max_attempts:
            notice.status, notice.last_error = "dead", error
            logger.error("notice %s dead after %d tries: %s", notice.delivery_key, notice.attempts, error)
        else:
            notice.last_error = error
            notice.next_attempt_at = now + timedelta(seconds=backoff(self.settings, notice.attempts))
            logger.warning("notice %s try %d failed: %s", notice.delivery_key, notice.attempts, error)

    def run(self, stop: threading.Event) -> None:
        inflight: set[Future] = set()
        finished: queue.SimpleQueue = queue.SimpleQueue()
        with ThreadPoolExecutor(self.settings.workers, thread_name_prefix="notice") as pool:
            while not stop.is_set():
                done = _drain(finished)
                free = self.settings.workers - len(inflight)
                leases = self.lease(min(free, self.settings.batch_size), done) if free > 0 or done else []
                inflight |= {pool.submit(self._attempt_into, lease, finished) for lease in leases}
                if inflight:
                    pending = wait(inflight, timeout=self.settings.poll_seconds, return_when=FIRST_COMPLETED)
                    if pending.done and pending.not_done:  # let tries finishing together share one transaction
                        pending = wait(inflight, timeout=self.settings.settle_seconds)
                    inflight = set(pending.not_done)
                elif not leases:
                    stop.wait(self.settings.poll_seconds)
            wait(inflight)
            if done := _drain(finished):
                self.lease(0, done)

    def _attempt_into(self, lease: Lease, finished: queue.SimpleQueue) -> None:
        try:
            finished.put((lease, *self.attempt(lease)))
        except Exception:  # the lease expires and another try comes; this one must not kill the loop
            logger.exception("notice %s: delivery bookkeeping failed", lease.notice_id)


def _drain(finished: queue.SimpleQueue) -> list:
    out = []
    while not finished.empty():
        out.append(finished.get_nowait())
    return out


def _wait_for_schema(sessions: sessionmaker[Session], stop: threading.Event) -> None:
    """The backend migrates at start; the dispatcher (started alongside) waits for the table."""
    while not stop.is_set():
        with sessions() as session:
            if inspect(session.get_bind()).has_table("notices"):
                return
        logger.info("waiting for the backend's migrations")
        stop.wait(1.0)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per notice sent to Rasa
    enforce("backend")  # the same secrets as the backend (database, PII key, Rasa JWT)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    dispatcher = Dispatcher()
    _wait_for_schema(dispatcher.sessions, stop)
    logger.info("notice dispatcher ready (%s)", dispatcher.owner)
    dispatcher.run(stop)
    logger.info("notice dispatcher stopped")


if __name__ == "__main__":
    main()
