"""一次告知: every material for a set of matters, each listed once, with who needs it and when."""

from backend.guides.loader import GuideLibrary
from backend.guides.schemas import WHEN_TEXT, Checklist, ChecklistItem
from backend.matters.catalog import CATALOG, Matter

# When several matters need one material, the earliest need wins.
_WHEN_ORDER = {"registry_visit": 0, "on_notice": 1, "replaced": 2}


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
                )
                continue
            item.matters.append(matter.value)
            item.matter_names.append(short)
            if m.notes:
                item.notes.append(f"{short}：{m.notes}")
            if _WHEN_ORDER[m.when] < _WHEN_ORDER[item.when]:
                item.when, item.when_text = m.when, WHEN_TEXT[m.when]
                item.form, item.count, item.who = m.form, m.count, m.who

    groups = {w: [i for i in items.values() if i.when == w] for w in _WHEN_ORDER}
    return Checklist(
        matters=[m.value for m in matters],
        bring_to_registry=groups["registry_visit"],
        not_needed=groups["replaced"],
        on_notice=groups["on_notice"],
        text=render_checklist_text(groups),
        versions={m.value: library.matters[m].version for m in matters},
    )


def render_checklist_text(groups: dict[str, list[ChecklistItem]]) -> str:
    lines = ["【登记当天请带到婚姻登记处】"]
    lines += [
        f"{n}. {i.name}（{i.form}，{i.who}{i.count}）— 用于：{'、'.join(i.matter_names)}"
        for n, i in enumerate(groups["registry_visit"], 1)
    ]
    if groups["replaced"]:
        lines.append("【无需提供】")
        lines += [f"· {i.name}：{'、'.join(i.matter_names)}由电子证照或联办申请代替" for i in groups["replaced"]]
    if groups["on_notice"]:
        lines.append("【暂不需要，如部门通知再提供】")
        lines += [f"· {i.name}（{'、'.join(i.matter_names)}）" for i in groups["on_notice"]]
    return "\n".join(lines)
