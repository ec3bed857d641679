from datetime import datetime

from pydantic import BaseModel


class MatterProgress(BaseModel):
    # One matter as citizens, staff and departments see it.

    matter: str
    matter_name: str
    department: str
    department_name: str
    status: str
    status_text: str
    updated_at: datetime
    note: str | None = None
    result: dict | None = None
