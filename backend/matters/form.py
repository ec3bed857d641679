"""The application form: its fields, with their Chinese labels and what a valid answer looks like;
which matters need each field is data (guides/matters.yml, read by matters/catalog.py). The
submission rules (applications/rules.py) enforce it; a test checks that both agree
(tests/backend/test_catalog.py), and the bot's slots are checked against it."""

from dataclasses import dataclass, replace

from backend.field_labels import label_for
from backend.matters.catalog import CATALOG, CATALOG_FILE, Matter

SECTION_PARTS = ("applicant", "spouse", "marriage", "hukou", "birth")
# Sections only some matters need: sent when one of them is chosen, left out otherwise.
MATTER_SECTIONS = ("hukou", "birth")
# A couple registering their marriage now has no certificate to give yet.
NOT_WHILE_REGISTERING = frozenset({Matter.marriage_registration})


@dataclass(frozen=True)
class FormField:
    path: str  # dotted path in the application body
    hint: str  # what a valid answer is, in Chinese
    needed_for: frozenset[Matter] = frozenset()  # required when any of these is chosen (set from the data)
    not_with: frozenset[Matter] = frozenset()  # ... and none of these (then it must be left out)
    optional: bool = False

    @property
    def label(self) -> str:
        return label_for(self.path)

    @property
    def section(self) -> str:
        return self.path.split(".", 1)[0]

    def required_for(self, chosen: set[Matter]) -> bool:
        return not self.optional and bool(chosen & self.needed_for) and not chosen & self.not_with


_NAME = "2至20个汉字（或英文字母），与身份证一致"
_ID = "18位居民身份证号，最后一位可能是X"
_PHONE = "11位手机号，以1开头"

_FIELDS: list[FormField] = [
    *(
        FormField(f"{party}.{leaf}", hint)
        for party in ("applicant", "spouse")
        for leaf, hint in (("name", _NAME), ("id_number", _ID), ("phone", _PHONE))
    ),
    FormField(
        "marriage.registry_office",
        "本市16个区的婚姻登记处之一，例如：浦东新区婚姻登记处",
    ),
    FormField(
        "marriage.appointment_date",
        "预约范围内婚姻登记处办理的工作日（法定节假日除外），格式 2026-12-08",
    ),
    FormField(
        "marriage.certificate_no",
        "已登记结婚时填写：结婚证字号，6至40个字母、数字或连字符，例如 J310115-2024-000123",
        not_with=NOT_WHILE_REGISTERING,
    ),
    FormField(
        "marriage.registered_at",
        "已登记结婚时填写：结婚证上的登记日期，1950年5月1日至今天",
        not_with=NOT_WHILE_REGISTERING,
    ),
    FormField(
        "hukou.shanghai_hukou",
        "上海户籍的一方：applicant、spouse，都不是则为空；婚姻状况变更需至少一方、户口迁移需双方都是",
    ),
    FormField("hukou.migration.mover", "迁户口的一方：applicant 或 spouse"),
    FormField(
        "hukou.migration.household_address",
        "迁入的配偶家庭户地址（上海市内），6至100个字，写到门牌号",
    ),
    FormField("hukou.migration.household_head_name", "户口簿上户主的姓名，2至20个汉字"),
    FormField(
        "hukou.migration.household_head_consent",
        "户主是否同意迁入：须为同意（true）",
    ),
    FormField("birth.child_order", "第几个孩子：1、2或3"),
    FormField(
        "birth.expected_due_date",
        "预产期（可不填）：今天之后300天内",
        optional=True,
    ),
    FormField("birth.residence_district", "居住的区，本市16个区之一，例如：闵行区"),
]


def _needed_for(fields: list[FormField]) -> list[FormField]:
    known = {f.path for f in fields}
    unknown = sorted({p for info in CATALOG.values() for p in info.fields} - known)
    if unknown:
        raise ValueError(f"{CATALOG_FILE}: no such application field: {', '.join(unknown)}")
    return [replace(f, needed_for=frozenset(m for m, i in CATALOG.items() if f.path in i.fields)) for f in fields]


FIELDS: list[FormField] = _needed_for(_FIELDS)


def matters_needing(section: str) -> frozenset[Matter]:
    """The matters that need any field of a section."""
    return frozenset(m for f in FIELDS if f.section == section for m in f.needed_for)


def required_paths(chosen: set[Matter]) -> list[str]:
    return [f.path for f in FIELDS if f.required_for(chosen)]
