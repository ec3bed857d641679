from functools import lru_cache

from backend.field_labels import section_label
from backend.guides.schemas import ASPECT_NAMES
from backend.matters.catalog import CATALOG, DEPARTMENT_NAMES
from backend.matters.form import FIELDS, SECTION_PARTS, FormField
from backend.matters.statuses import FINAL, STATUS_TEXT
from backend.vocabulary.schemas import Catalog, FormFieldOut, MaskingOut, MatterOut, Named, SectionOut, StatusOut
from security.masking import rule_table


def _field(f: FormField) -> FormFieldOut:
    return FormFieldOut(
        path=f.path,
        label=f.label,
        hint=f.hint,
        needed_for=[m.value for m in CATALOG if m in f.needed_for],
        not_with=[m.value for m in CATALOG if m in f.not_with],
        optional=f.optional,
    )


@lru_cache
def build_catalog() -> Catalog:
    matters = []
    for code, info in CATALOG.items():
        paths = [f.path for f in FIELDS if code in f.needed_for]
        matters.append(
            MatterOut(
                code=code.value,
                name=info.name,
                short_name=info.short_name,
                department=info.department.value,
                department_name=DEPARTMENT_NAMES[info.department],
                prerequisite=info.prerequisite.value if info.prerequisite else None,
                sections=[s for s in SECTION_PARTS if any(p.split(".", 1)[0] == s for p in paths)],
                fields=paths,
            )
        )
    return Catalog(
        matters=matters,
        departments=[Named(code=d.value, name=n) for d, n in DEPARTMENT_NAMES.items()],
        sections=[
            SectionOut(code=s, name=section_label(s), fields=[_field(f) for f in FIELDS if f.section == s])
            for s in SECTION_PARTS
        ],
        aspects=[Named(code=a.value, name=n) for a, n in ASPECT_NAMES.items()],
        statuses=[StatusOut(code=s.value, text=t, final=s in FINAL) for s, t in STATUS_TEXT.items()],
        masking=MaskingOut.model_validate(rule_table()),
    )
