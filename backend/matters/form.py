"""The application form as data: which fields each matter needs, with their Chinese labels and what
a valid answer looks like. The submission rules (applications/rules.py) enforce it; a test checks
that both agree (tests/backend/test_catalog.py), and the bot's slots are checked against it."""

from dataclasses import dataclass

from backend.field_labels import label_for
from backend.matters.catalog import HUKOU_MATTERS, Matter

ALL = frozenset(Matter)
DEPENDANTS = frozenset(m for m in Matter if m != Matter.marriage_registration)
SECTION_PARTS = ("applicant", "spouse", "marriage", "hukou", "birth")


@dataclass(frozen=True)
class FormField:
    path: str  # dotted path in the application body
    hint: str  # what a valid answer is, in Chinese
    needed_for: frozenset[Matter]  # required when any of these matters is chosen
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

FIELDS: list[FormField] = [
    *(
        FormField(f"{party}.{leaf}", hint, ALL)
        for party in ("applicant", "spouse")
        for leaf, hint in (("name", _NAME), ("id_number", _ID), ("phone", _PHONE))
    ),
    FormField(
        "marriage.registry_office",
        "本市16个区的婚姻登记处之一，例如：浦东新区婚姻登记处",
        frozenset({Matter.marriage_registration}),
    ),
    FormField(
        "marriage.appointment_date",
        "预约范围内婚姻登记处办理的工作日（法定节假日除外），格式 2026-12-08",
        frozenset({Matter.marriage_registration}),
    ),
    FormField(
        "marriage.certificate_no",
        "已登记结婚时填写：结婚证字号，6至40个字母、数字或连字符，例如 J310115-2024-000123",
        DEPENDANTS,
        frozenset({Matter.marriage_registration}),
    ),
    FormField(
        "marriage.registered_at",
        "已登记结婚时填写：结婚证上的登记日期，1950年5月1日至今天",
        DEPENDANTS,
        frozenset({Matter.marriage_registration}),
    ),
    FormField(
        "hukou.shanghai_hukou",
        "上海户籍的一方：applicant、spouse，都不是则为空；婚姻状况变更需至少一方、户口迁移需双方都是",
        frozenset(HUKOU_MATTERS),
    ),
    FormField("hukou.migration.mover", "迁户口的一方：applicant 或 spouse", frozenset({Matter.hukou_migration})),
    FormField(
        "hukou.migration.household_address",
        "迁入的配偶家庭户地址（上海市内），6至100个字，写到门牌号",
        frozenset({Matter.hukou_migration}),
    ),
    FormField(
        "hukou.migration.household_head_name", "户口簿上户主的姓名，2至20个汉字", frozenset({Matter.hukou_migration})
    ),
    FormField(
        "hukou.migration.household_head_consent",
        "户主是否同意迁入：须为同意（true）",
        frozenset({Matter.hukou_migration}),
    ),
    FormField("birth.child_order", "第几个孩子：1、2或3", frozenset({Matter.birth_registration})),
    FormField(
        "birth.expected_due_date",
        "预产期（可不填）：今天之后300天内",
        frozenset({Matter.birth_registration}),
        optional=True,
    ),
    FormField(
        "birth.residence_district", "居住的区，本市16个区之一，例如：闵行区", frozenset({Matter.birth_registration})
    ),
]


def required_paths(chosen: set[Matter]) -> list[str]:
    return [f.path for f in FIELDS if f.required_for(chosen)]
