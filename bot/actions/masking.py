"""Personal data in replies and logs: only masked, by the one rule in security/masking.py."""

from security.masking import mask_id_number as mask_id
from security.masking import mask_name, mask_phone

__all__ = ["mask_certificate", "mask_id", "mask_name", "mask_phone"]


def mask_certificate(value: str | None) -> str:
    """J310115-2024-000123 -> J31************123: enough to recognise, not to copy."""
    return f"{value[:3]}{'*' * (len(value) - 6)}{value[-3:]}" if value and len(value) > 6 else "***"
