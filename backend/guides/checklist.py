"""一次告知: every material for a set of matters, each listed once, with who needs it and when,
whether it must be shown in person, and whether it can be uploaded (in advance or on request)."""

from backend.guides.loader import GuideLibrary
from backend.guides.schemas import WHEN_TEXT, Checklist, ChecklistItem, Material, UploadOption
from backend.matters.catalog import CATALOG, Matter

# When several matters need one material, the earliest need wins.
_WHEN_ORDER = {"registry_visit": 0, "on_notice": 1, "replaced": 2}


def _upload_of(m: Material, matter: Matter) -> UploadOption | None:
    if m.upload is None:
        return None
    return UploadOption(code=m.upload.code, name=m.upload.name, advance=m.upload.advance, matters=[matter.value])


def _merge_upload(item: ChecklistItem, m: Material, matter: Matter) -> None:
    if m.upload is None:
        return
    if item.upload is None:
        item.upload = _upload_of(m, matter)
        return
    item.upload.matters.append(matter.value)
    item.upload.advance = item.upload.advance or m.upload.advance  # one matter taking it early is enough


def build_checklist(library: GuideLibrary, matters: list[Matter]) -> Checklist:
    items: dict[str, ChecklistItem] = {}
    for matter in matters:
        for m in library.matters[matter].materials:
            short = CATALOG[matter].short_name
            item = items.get(m.id)
            if item is None:
                items[m.id] = ChecklistItem(
                    id=m.id,
                    name=m.name,
                    form=m.form,
                    count=m.count,
                    who=m.who,
                    when=m.when,
                    when_text=WHEN_TEXT[m.when],
                    notes=[f"{short}：{m.notes}"] if m.notes else [],
                    matters=[matter.value],
                    matter_names=[short],
                    in_person=m.in_person,
                    upload=_upload_of(m, matter),
                )
                continue
            item.matters.append(matter.value)
            item.matter_names.append(short)
            item.in_person = item.in_person or m.in_person
            _merge_upload(item, m, matter)
            if m.notes:
                item.notes.append(f"{short}：{m.notes}")
            if _WHEN_ORDER[m.when] < _WHEN_ORDER[item.when]:
                item.when, item.when_text = m.when, WHEN_TEXT[m.when]
                item.form, item.count, item.who = m.form, m.count, m.who

    groups = {w: [i for i in items.values() if i.when == w] for w in _WHEN_ORDER}
    advance = [i.upload for i in items.values() if i.upload is not None and i.upload.advance]
    return Checklist(
        matters=[m.value for m in matters],
        bring_to_registry=groups["registry_visit"],
        not_needed=groups["replaced"],
        on_notice=groups["on_notice"],
        uploads_in_advance=advance,
        text=render_checklist_text(groups, advance),
        versions={m.value: library.matters[m].version for m in matters},
    )


def render_checklist_text(groups: dict[str, list[ChecklistItem]], advance: list[UploadOption] = ()) -> str:
    lines = ["【登记当天请带到婚姻登记处】"]
    lines += [
        f"{n}. {i.name}（{i.form}，{i.who}{i.count}）— 用于：{'、'.join(i.matter_names)}"
        + ("，须本人到场出示" if i.in_person and i.form == "原件" else "")
        for n, i in enumerate(groups["registry_visit"], 1)
    ]
    if groups["replaced"]:
        lines.append("【无需提供】")
        lines += [f"· {i.name}：{'、'.join(i.matter_names)}由电子证照或联办申请代替" for i in groups["replaced"]]
    if advance:
        lines.append(
            "【可提前在线上传（提交申请后，在进度查询页上传照片或PDF；在线申请的，也可以在申请时的对话里上传：微信里直接发照片，网页对话点“📎上传材料”）】"
        )
        lines += [f"· {u.name}" for u in advance]
    later = [i for i in groups["on_notice"] if not (i.upload and i.upload.advance)]
    if later:
        lines.append("【暂不需要，如部门通知再提供】")
        lines += [
            f"· {i.name}（{'、'.join(i.matter_names)}）" + ("，届时可在线上传" if i.upload else "") for i in later
        ]
    return "\n".join(lines)
