"""Uploads: judged, cleaned and sealed before anything is stored; replacing a material keeps one
current file per code; a supplement a department asked for adds a timeline event to its case."""

import secrets

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.applications.models import Application
from backend.cases.models import MatterCase, TimelineEvent
from backend.cases.service import cases_of, is_final
from backend.clock import now_utc
from backend.database import write_transaction
from backend.errors import Forbidden, Invalid, NotFound, TooLarge
from backend.materials.catalog import name_of, uploads_of
from backend.materials.config import get_materials_settings
from backend.materials.inspect import Cleaned
from backend.materials.models import Material
from backend.materials.requests import requested_codes
from backend.materials.schemas import MaterialRef, MaterialsOut, Received, UploadOut, Wanted
from backend.materials.storage import get_vault
from backend.matters.catalog import CATALOG, DEPARTMENT_NAMES, Matter
from backend.matters.statuses import Status
from backend.notices import content as notice_content
from backend.notices.service import CHAT_CHANNELS, record_chat

ACCEPTED_TYPES = ["image/jpeg", "image/png", "application/pdf"]


def _mb(n: int) -> str:
    return f"{n / (1 << 20):g} MB"


def current_materials(session: Session, application_id: int) -> list[Material]:
    return list(
        session.scalars(
            select(Material)
            .where(Material.application_id == application_id, Material.replaced_at.is_(None))
            .order_by(Material.created_at, Material.id)
        )
    )


def _received(m: Material) -> Received:
    return Received(
        id=m.id,
        code=m.code,
        name=name_of(m.code),
        content_type=m.content_type,
        size=m.size,
        pages=m.pages,
        supplement=m.supplement,
        received_at=m.created_at,
    )


def wanted(cases: list[MatterCase], have: set[str]) -> list[Wanted]:
    """Requested supplements first, then what may be sent in advance; each code once."""
    out: dict[str, Wanted] = {}
    for case in cases:
        if Status(case.status) != Status.needs_supplement:
            continue
        matter = Matter(case.matter)
        for code in requested_codes(case.result):
            out.setdefault(
                code,
                Wanted(
                    code=code,
                    name=name_of(code),
                    matter=matter.value,
                    matter_name=CATALOG[matter].short_name,
                    requested=True,
                    note=case.note,
                    received=code in have,
                ),
            )
    for case in cases:
        if is_final(case):
            continue
        matter = Matter(case.matter)
        for code, upload in uploads_of(matter).items():
            if upload.advance and code not in out:
                out[code] = Wanted(
                    code=code,
                    name=upload.name,
                    matter=matter.value,
                    matter_name=CATALOG[matter].short_name,
                    requested=False,
                    received=code in have,
                )
    return list(out.values())


def materials_status(session: Session, app: Application) -> MaterialsOut:
    current = current_materials(session, app.id)
    return MaterialsOut(
        application_no=app.application_no,
        wanted=wanted(cases_of(session, app.id), {m.code for m in current}),
        received=[_received(m) for m in current],
        max_file_bytes=get_materials_settings().max_file_bytes,
        accepted_types=ACCEPTED_TYPES,
    )


def _target(cases: list[MatterCase], code: str) -> tuple[MatterCase, bool]:
    """The case a file is for, and whether it answers a supplement request."""
    for case in cases:
        if Status(case.status) == Status.needs_supplement and code in requested_codes(case.result):
            return case, True
    for case in cases:
        upload = uploads_of(Matter(case.matter)).get(code)
        if upload is not None and upload.advance and not is_final(case):
            return case, False
    options = "、".join(f"“{w.name}”（{w.code}）" for w in wanted(cases, set())) or "目前没有需要上传的材料"
    raise Invalid(f"这份申请目前不需要上传“{name_of(code)}”。可上传：{options}。")


def check_code(session: Session, app: Application, code: str) -> None:
    """Refuses a code the application does not take before the file is even inspected."""
    _target(cases_of(session, app.id), code)


def store_upload(session: Session, app: Application, code: str, cleaned: Cleaned, channel: str) -> UploadOut:
    settings = get_materials_settings()
    if len(cleaned.data) > settings.max_file_bytes:
        raise TooLarge(f"文件超过{_mb(settings.max_file_bytes)}，未保存。请压缩或分页拍照后重新上传。")
    vault = get_vault()
    with write_transaction(session):
        app = session.scalar(select(Application).where(Application.id == app.id).with_for_update())
        cases = cases_of(session, app.id)
        case, supplement = _target(cases, code)
        previous = session.scalar(
            select(Material).where(
                Material.application_id == app.id, Material.code == code, Material.replaced_at.is_(None)
            )
        )
        others = session.scalar(
            select(func.coalesce(func.sum(Material.size), 0)).where(
                Material.application_id == app.id, Material.replaced_at.is_(None), Material.code != code
            )
        )
        if others + len(cleaned.data) > settings.max_total_bytes:
            raise TooLarge(
                f"这份申请的材料合计不能超过{_mb(settings.max_total_bytes)}，本文件未保存。"
                "请压缩后重新上传，或拨打12345咨询。",
            )
        now = now_utc()
        if previous is not None:
            previous.replaced_at = now
        material = Material(
            id="m" + secrets.token_hex(16),
            application_id=app.id,
            code=code,
            matter=case.matter,
            department=case.department,
            content_type=cleaned.content_type,
            size=len(cleaned.data),
            pages=cleaned.pages,
            blob_key=vault.put(session, cleaned.data),
            channel=channel,
            supplement=supplement,
            created_at=now,
        )
        session.add(material)
        if supplement:
            # The department sees the file in its work list; the citizen sees it in the timeline.
            session.add(
                TimelineEvent(
                    application_id=app.id,
                    case_id=case.id,
                    matter=case.matter,
                    actor="citizen",
                    from_status=case.status,
                    to_status=case.status,
                    note=f"已上传补充材料：{name_of(code)}",
                    occurred_at=now,
                )
            )
        message = _confirmation(session, app, cases, case, code, cleaned, previous is not None, supplement)
        # The conversation keeps what the citizen was told; through its own channel they saw it.
        kind = notice_content.MATERIAL_RECORDED if channel in CHAT_CHANNELS else notice_content.MATERIAL_RECEIVED
        record_chat(session, app, material.id, kind, message)
    if previous is not None:
        # Only once the new file is committed: a failed upload must not lose the old one.
        with write_transaction(session):
            vault.delete(session, previous.blob_key)
    return UploadOut(received=_received(material), replaced=previous is not None, message=message)


def _confirmation(
    session: Session,
    app: Application,
    cases: list[MatterCase],
    case: MatterCase,
    code: str,
    cleaned: Cleaned,
    replaced: bool,
    supplement: bool,
) -> str:
    """What the citizen is told, and the conversation keeps: the file, and what may still be sent."""
    session.flush()  # the new file counts as received
    have = {m.code for m in current_materials(session, app.id)}
    remaining = [w.name for w in wanted(cases, have) if not w.received]
    reviewer = DEPARTMENT_NAMES[CATALOG[Matter(case.matter)].department] if supplement else None
    return notice_content.material_received(name_of(code), _describe(cleaned), replaced, reviewer, remaining)


def _describe(cleaned: Cleaned) -> str:
    if cleaned.content_type == "application/pdf":
        return f"PDF，{cleaned.pages}页"
    return "图片"


# ---- departments ----


def department_materials(session: Session, case: MatterCase) -> list[MaterialRef]:
    rows = session.scalars(
        select(Material)
        .where(
            Material.application_id == case.application_id,
            Material.department == case.department,
            Material.replaced_at.is_(None),
        )
        .order_by(Material.created_at, Material.id)
    )
    return [MaterialRef(**_received(m).model_dump()) for m in rows]


def supplement_received(session: Session, case: MatterCase, materials: list[MaterialRef]) -> bool:
    """Every file the department asked for has arrived since it asked."""
    if Status(case.status) != Status.needs_supplement:
        return False
    codes = set(requested_codes(case.result))
    fresh = {m.code for m in materials if m.supplement and m.received_at >= case.updated_at}
    return bool(codes) and codes <= fresh


def download(session: Session, department: str, material_id: str) -> tuple[Material, bytes]:
    material = session.get(Material, material_id) if isinstance(material_id, str) else None
    if material is None or material.replaced_at is not None:
        raise NotFound("没有这份材料（可能已被申请人替换），请刷新待办列表。")
    if material.department != department:
        raise Forbidden("这份材料属于其他部门办理的事项，不能下载。")
    return material, get_vault().get(session, material.blob_key)
