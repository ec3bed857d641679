"""The summary a citizen confirms before submitting, with personal data masked."""

from datetime import date

from rasa_sdk import Tracker

from bot.actions.dates import describe
from bot.actions.masking import mask_address, mask_certificate, mask_id, mask_name, mask_phone
from bot.actions.slots import BIRTH, HUKOU_STATUS, MARRIAGE, MATTER_NAMES, MIGRATION

WHO = {("applicant", "spouse"): "双方", ("applicant",): "申请人", ("spouse",): "对方", (): "无"}


def _party(label: str, tracker: Tracker, role: str) -> str:
    return (
        f"{label}：{mask_name(tracker.get_slot(f'{role}_name'))}，身份证{mask_id(tracker.get_slot(f'{role}_id'))}，"
        f"手机{mask_phone(tracker.get_slot(f'{role}_phone'))}"
    )


def summary_text(tracker: Tracker) -> str:
    slot = tracker.get_slot
    matters = slot("matters") or []
    day = slot("appointment_date")
    lines = [
        "请核对申请信息：",
        "办理事项：" + "、".join(MATTER_NAMES[m] for m in matters),
        _party("申请人", tracker, "applicant"),
        _party("对方", tracker, "spouse"),
    ]
    if MARRIAGE in matters:
        when = describe(date.fromisoformat(day)) if day else "未填"
        lines.append(f"结婚登记：{slot('registry_office')}，{when}，双方须一同到场")
    else:
        registered = slot("registered_at")
        when = describe(date.fromisoformat(registered)) if registered else "未填"
        lines.append(f"已登记结婚：结婚证字号{mask_certificate(slot('certificate_no'))}，登记日期{when}")
    if {HUKOU_STATUS, MIGRATION} & set(matters):
        parties = tuple(p for p in ("applicant", "spouse") if p in (slot("shanghai_hukou") or []))
        lines.append(f"上海户籍：{WHO[parties]}")
    if MIGRATION in matters:
        mover = "对方迁入申请人家庭户" if slot("migration_mover") == "spouse" else "申请人迁入对方家庭户"
        consent = "户主已同意" if slot("household_head_consent") else "户主未同意"
        lines.append(
            f"户口迁移：{mover}，地址{mask_address(slot('household_address'))}，"
            f"户主{mask_name(slot('household_head_name'))}，{consent}"
        )
    if BIRTH in matters:
        lines.append(f"生育登记：第{int(slot('child_order') or 0)}个孩子，居住{slot('residence_district')}")
    lines.append("信息无误请点“确认提交”；需要修改，直接告诉我，例如“对方手机改成13912345678”。")
    return "\n".join(lines)
