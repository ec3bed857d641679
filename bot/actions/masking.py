"""Personal data in replies and logs: only masked."""


def mask_id(value: str | None) -> str:
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}" if value and len(value) > 7 else "***"


def mask_phone(value: str | None) -> str:
    return f"{value[:3]}****{value[-4:]}" if value and len(value) == 11 else "***"


def mask_name(value: str | None) -> str:
    return value[:1] + "*" * (len(value) - 1) if value else "***"
