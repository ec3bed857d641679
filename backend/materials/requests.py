"""A department's needs_supplement push names what it needs: `result.required_materials`, codes
from the matter's guide. Checked before the push is recorded."""

from backend.errors import FieldError, invalid
from backend.materials.catalog import uploads_of
from backend.matters.catalog import CATALOG, Matter
from backend.matters.statuses import Status

FIELD = "result.required_materials"


def check_supplement_request(matter: Matter, status: Status, result: dict | None, note: str | None) -> None:
    codes = (result or {}).get("required_materials")
    if codes is None:
        return  # a request for information, not for a file: the note says what
    if status != Status.needs_supplement:
        raise invalid(
            [FieldError(field=FIELD, message="required_materials 只能随 needs_supplement（需补充材料）推送。")]
        )
    known = uploads_of(matter)
    listed = "、".join(f"{c}（{u.name}）" for c, u in known.items()) or "无（该事项没有可在线上传的材料）"
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise invalid([FieldError(field=FIELD, message=f"应为非空的材料代码列表；本事项可用：{listed}。")])
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise invalid(
            [
                FieldError(
                    field=FIELD,
                    message=f"“{CATALOG[matter].short_name}”的办事指南中没有材料代码 {'、'.join(unknown)}；"
                    f"可用：{listed}。",
                )
            ]
        )
    if not (note or "").strip():
        raise invalid([FieldError(field="note", message="请求补充材料时须附说明 note，告诉申请人补充什么、有何要求。")])


def requested_codes(result: dict | None) -> list[str]:
    codes = (result or {}).get("required_materials")
    return [c for c in codes if isinstance(c, str)] if isinstance(codes, list) else []
