"""What the backend's database holds for one conversation, decrypted and put in the form's own
terms (slot names), to compare with what the citizen confirmed and what the bot said."""

import json
from dataclasses import dataclass

from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text

# The answers a four-matter application carries, by the slot that holds each in the tracker.
ANSWER_SLOTS = (
    "matters",
    "applicant_name",
    "applicant_id",
    "applicant_phone",
    "spouse_name",
    "spouse_id",
    "spouse_phone",
    "registry_office",
    "appointment_date",
    "shanghai_hukou",
    "migration_mover",
    "household_address",
    "household_head_name",
    "household_head_consent",
    "child_order",
    "residence_district",
)


@dataclass
class Stored:
    application_no: str
    answers: dict


def normalised(answers: dict) -> dict:
    """Slot values and stored values in one shape: lists sorted, the child's order an int."""
    out = {}
    for slot in ANSWER_SLOTS:
        value = answers.get(slot)
        if isinstance(value, list):
            value = sorted(value)
        elif slot == "child_order" and value is not None:
            value = int(value)
        out[slot] = value
    return out


def tracker_answers(tracker: dict) -> dict:
    """The answers a conversation's tracker holds (the ones given so far)."""
    slots = tracker["slots"]
    return {k: v for k, v in normalised(slots).items() if slots.get(k) is not None}


def matching(expected: dict, found: dict) -> int:
    return sum(1 for k, v in expected.items() if found.get(k) == v)


class Database:
    def __init__(self, url: str, pii_key: str):
        self.engine = create_engine(url)
        self.fernet = Fernet(pii_key.encode())

    def _clear(self, token: str) -> str:
        return self.fernet.decrypt(token.encode()).decode()

    def applications(self, conversation_id: str) -> list[Stored]:
        with self.engine.connect() as db:
            rows = db.execute(
                text(
                    "SELECT id, application_no, registry_office, appointment_date, sections_enc "
                    "FROM applications WHERE conversation_id = :c ORDER BY id"
                ),
                {"c": conversation_id},
            ).mappings()
            return [self._stored(db, row) for row in rows.all()]

    def _stored(self, db, row) -> Stored:
        sections = json.loads(self._clear(row["sections_enc"]))
        hukou, birth = sections.get("hukou") or {}, sections.get("birth") or {}
        migration = hukou.get("migration") or {}
        answers = {
            "matters": db.execute(text("SELECT matter FROM matter_cases WHERE application_id = :a"), {"a": row["id"]})
            .scalars()
            .all(),
            "registry_office": row["registry_office"],
            "appointment_date": str(row["appointment_date"]),
            "shanghai_hukou": hukou.get("shanghai_hukou"),
            "migration_mover": migration.get("mover"),
            "household_address": migration.get("household_address"),
            "household_head_name": migration.get("household_head_name"),
            "household_head_consent": migration.get("household_head_consent"),
            "child_order": birth.get("child_order"),
            "residence_district": birth.get("residence_district"),
        }
        parties = db.execute(
            text("SELECT role, name_enc, id_number_enc, phone_enc FROM parties WHERE application_id = :a"),
            {"a": row["id"]},
        ).mappings()
        for party in parties.all():
            role = party["role"]
            answers[f"{role}_name"] = self._clear(party["name_enc"])
            answers[f"{role}_id"] = self._clear(party["id_number_enc"])
            answers[f"{role}_phone"] = self._clear(party["phone_enc"])
        return Stored(row["application_no"], normalised(answers))

    def close(self) -> None:
        self.engine.dispose()
