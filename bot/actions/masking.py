"""Personal data in replies and logs: only masked."""


def mask_id(value: str | None) -> str:
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}" if value and len(value) > 7 else "***"


def mask_phone(value: str | None) -> str:
    return f"{value[:3]}****{value[-4:]}" if value and len(value) == 11 else "***"


def mask_name(value: str | None) -> str:
    return value[:1] + "*" * (len(value) - 1) if value else "***"


def mask_certificate(value: str | None) -> str:
    """J310115-2024-000123 -> J31************123: enough to recognise, not to copy."""
    return f"{value[:3]}{'*' * (len(value) - 6)}{value[-3:]}" if value and len(value) > 6 else "***"
