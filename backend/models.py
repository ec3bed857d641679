"""Every table, imported in one place for Alembic and for tests."""

from backend.applications.models import Application, FailedLookup, Party
from backend.cases.models import MatterCase, TimelineEvent
from backend.certificates.models import MarriageCertificate
from backend.chat_sessions.models import ChatSession
from backend.database import Base
from backend.departments.models import SignedRequest
from backend.handoffs.models import Handoff
from backend.idempotency.models import IdempotencyRecord
from backend.materials.models import Material, MaterialBlob
from backend.notices.models import Notice, NoticeConsent
from backend.ratings.models import Rating
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
    "Material",
    "MaterialBlob",
    "MatterCase",
    "Notice",
    "NoticeConsent",
    "Party",
    "Rating",
    "SignedRequest",
    "StaffAccount",
    "StaffSession",
    "TimelineEvent",
]
