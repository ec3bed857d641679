"""Every table, imported in one place for Alembic and for tests."""

from backend.applications.models import Application, Party
from backend.cases.models import MatterCase, TimelineEvent
from backend.certificates.models import MarriageCertificate
from backend.chat_sessions.models import ChatSession
from backend.database import Base
from backend.departments.models import SignedRequest
from backend.handoffs.models import Handoff
from backend.idempotency.models import IdempotencyRecord
from backend.progress.models import FailedLookup
from backend.staff.models import AuditEntry, StaffAccount, StaffSession

__all__ = [
    "Application",
    "AuditEntry",
    "Base",
    "ChatSession",
    "FailedLookup",
    "Handoff",
    "IdempotencyRecord",
    "MarriageCertificate",
    "MatterCase",
    "Party",
    "SignedRequest",
    "StaffAccount",
    "StaffSession",
    "TimelineEvent",
]
