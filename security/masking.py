"""The one masking rule for personal data shown to people (replies, logs, lists, progress views),
used by the backend (backend/pii.py) and the action server (bot/actions/masking.py) and served in
GET /api/v1/catalog. Standard library only: both virtual environments import it.

A value that does not have the expected shape (too short, a phone that is not 11 characters,
missing) shows as "***": its length is not shown, nor any of its characters. An address hides its
rest behind a fixed "****" (`fill`): its length would say how long the street and number are.
"""

from dataclasses import asdict, dataclass

HIDDEN = "***"


@dataclass(frozen=True)
class MaskRule:
    keep_start: int
    keep_end: int
    min_length: int
    max_length: int | None = None
    fill: int | None = None  # this many stars, whatever the length hidden; else one per character


RULES = {
    "id_number": MaskRule(keep_start=3, keep_end=4, min_length=8),  # 310***********1234
    "phone": MaskRule(keep_start=3, keep_end=4, min_length=11, max_length=11),  # 138****5678
    "name": MaskRule(keep_start=1, keep_end=0, min_length=2),  # 张*, 欧阳**
    "certificate_no": MaskRule(keep_start=3, keep_end=3, min_length=7),  # J31************123
    # The district stays (it routes the case); the street and number do not.
    "address": MaskRule(keep_start=5, keep_end=0, min_length=6, fill=4),  # 浦东新区世****
}


def mask(kind: str, value: str | None) -> str:
    rule = RULES[kind]
    text = (value or "").strip()
    if len(text) < rule.min_length or (rule.max_length is not None and len(text) > rule.max_length):
        return HIDDEN
    hidden = rule.fill if rule.fill is not None else len(text) - rule.keep_start - rule.keep_end
    return text[: rule.keep_start] + "*" * hidden + (text[-rule.keep_end :] if rule.keep_end else "")


def mask_id_number(value: str | None) -> str:
    return mask("id_number", value)


def mask_phone(value: str | None) -> str:
    return mask("phone", value)


def mask_name(value: str | None) -> str:
    return mask("name", value)


def mask_certificate(value: str | None) -> str:
    return mask("certificate_no", value)


def mask_address(value: str | None) -> str:
    return mask("address", value)


def rule_table() -> dict:
    """The rule as data, for clients that mask on their side."""
    return {"hidden": HIDDEN, "rules": {kind: asdict(rule) for kind, rule in RULES.items()}}
