"""Which material codes each matter takes online, from the guides (the one source of truth)."""

from backend.guides.loader import get_library
from backend.guides.schemas import Upload
from backend.matters.catalog import Matter


def uploads_of(matter: Matter) -> dict[str, Upload]:
    return {m.upload.code: m.upload for m in get_library().matters[matter].materials if m.upload is not None}


def name_of(code: str) -> str:
    for matter in Matter:
        upload = uploads_of(matter).get(code)
        if upload is not None:
            return upload.name
    return code
