"""The application form's slots: which matters need them, where they go in the backend's
application, and how to explain them when an answer keeps failing."""

from dataclasses import dataclass

from bot.actions.vocabulary import ALL_MATTERS, MATTER_NAMES, NEEDED_FOR, matter

__all__ = ["ALL_MATTERS", "MATTER_NAMES"]

# Matters the dialogue treats specially (marriage is always chosen; hukou questions); the list of
# matters, their names and which fields each needs come from the backend's catalog.
MARRIAGE = matter("marriage_registration")
HUKOU_STATUS = matter("hukou_marital_status")
MIGRATION = matter("hukou_migration")
BIRTH = matter("birth_registration")
# What a couple married earlier may apply for without marriage_registration (CONTRACT §3 rev. 2).
DEPENDANTS = [m for m in ALL_MATTERS if m != MARRIAGE]
# Matters the catalog holds beyond the four the dialogue names (a city's bundle adds them as data):
# offered with marriage registration after the domain's own buttons.
ADDED_MATTERS = [m for m in ALL_MATTERS if m not in (MARRIAGE, HUKOU_STATUS, MIGRATION, BIRTH)]


@dataclass(frozen=True)
class SlotSpec:
    name: str
    path: str | None  # dotted path in the backend's application body (None: the assistant's own)
    label: str
    explanation: str
    needed_for: frozenset[str]  # any of these matters needs it (the backend's catalog says which)
    # Not asked when one of these is chosen: a couple registering now books a day instead of
    # giving a certificate, and is not asked whether they are married.
    unless: frozenset[str] = frozenset()

    def needed(self, chosen: set[str]) -> bool:
        return bool(self.needed_for & chosen) and not (self.unless & chosen)


def _spec(name, path, label, explanation, *, needed_for=None, unless=()) -> SlotSpec:
    needed = needed_for if needed_for is not None else NEEDED_FOR.get(path, ALL_MATTERS)
    return SlotSpec(name, path, label, explanation, frozenset(needed), frozenset(unless))


_PARTY_EXPLAIN = {
    "name": "姓名要和身份证上的一致，登记员会现场核对。",
    "id_number": "身份证号是居民身份证上的18位号码，最后一位可能是X。结婚登记要按身份证核对身份和法定婚龄（男22周岁、女20周岁），所以必须准确。",
    "phone": "手机号是11位数字、以1开头，用来接收办理进度通知。",
}

SPECS: list[SlotSpec] = [
    _spec(
        "matters",
        "matters",
        "办理事项",
        "还没领证的，结婚登记是必选项，其他三项在登记办结后自动启动；已经领证的，可以只办其他三项。",
    ),
    _spec(
        "already_married",
        None,
        "是否已领证",
        "没有选结婚登记时要先确认：已经领了结婚证的，填结婚证信息后其他事项直接办理；还没领证的，要和结婚登记一起办。",
        needed_for=DEPENDANTS,
        unless=[MARRIAGE],
    ),
    _spec("applicant_name", "applicant.name", "您的姓名", _PARTY_EXPLAIN["name"]),
    _spec("applicant_id", "applicant.id_number", "您的身份证号", _PARTY_EXPLAIN["id_number"]),
    _spec("applicant_phone", "applicant.phone", "您的手机号", _PARTY_EXPLAIN["phone"]),
    _spec("spouse_name", "spouse.name", "对方姓名", _PARTY_EXPLAIN["name"]),
    _spec("spouse_id", "spouse.id_number", "对方身份证号", _PARTY_EXPLAIN["id_number"]),
    _spec("spouse_phone", "spouse.phone", "对方手机号", _PARTY_EXPLAIN["phone"]),
    _spec(
        "registry_office",
        "marriage.registry_office",
        "婚姻登记处",
        "结婚登记全国通办，本市16个区的婚姻登记处都可以选，说区名就行，例如“浦东新区”。",
    ),
    _spec(
        "appointment_date",
        "marriage.appointment_date",
        "预约登记日期",
        "这是双方一起去婚姻登记处的日子：明天起30天内的工作日（法定节假日不办理，调休上班的周末可以办理），可以说“下周三”“12月8日”。",
    ),
    _spec(
        "certificate_no",
        "marriage.certificate_no",
        "结婚证字号",
        "结婚证字号印在结婚证内页，由字母、数字和连字符组成，例如“J310115-2024-000123”。",
        unless=[MARRIAGE],
    ),
    _spec(
        "registered_at",
        "marriage.registered_at",
        "结婚登记日期",
        "结婚登记日期就是结婚证上的登记日期（领证那天），例如“2024年5月20日”。",
        unless=[MARRIAGE],
    ),
    _spec(
        "shanghai_hukou",
        "hukou.shanghai_hukou",
        "上海户籍",
        "户口事项只办理上海户籍：婚姻状况变更需要至少一方是上海户口，市内户口迁移需要双方都是上海户口。",
    ),
    _spec(
        "migration_mover",
        "hukou.migration.mover",
        "迁户口的一方",
        "说明是谁的户口迁走：对方迁到您家，还是您迁到对方家。",
    ),
    _spec(
        "household_address",
        "hukou.migration.household_address",
        "迁入地址",
        "迁入地址是接收家庭户在上海的住址，写到门牌号，例如“浦东新区世纪大道100弄1号101室”。",
    ),
    _spec(
        "household_head_name",
        "hukou.migration.household_head_name",
        "户主姓名",
        "户主是接收家庭户户口簿上的户主，请写他（她）的姓名。",
    ),
    _spec(
        "household_head_consent",
        "hukou.migration.household_head_consent",
        "户主同意",
        "迁入配偶家庭户需要户主同意；户主还没同意的，可以先不办户口迁移。",
    ),
    _spec(
        "child_order",
        "birth.child_order",
        "孩次",
        "孩次就是这是第几个孩子：1、2或3（本市一对夫妻可以生育三个子女）。",
    ),
    _spec(
        "residence_district",
        "birth.residence_district",
        "居住区",
        "生育登记由居住地街道核验，请说你们居住的区，例如“闵行区”。",
    ),
]
SPEC = {s.name: s for s in SPECS}
# How an answer can look, said whenever a reply gave no value for the question just asked.
EXAMPLES = {
    "matters": "例如“结婚登记和生育登记”或“四项一起办”；已经领证的可以说“已经领证了，只办生育登记”",
    "already_married": "例如“已经领证了”或“还没领证”",
    "applicant_name": "例如“张伟”或“我叫欧阳娜娜”",
    "applicant_id": "例如“310104199403051238”",
    "applicant_phone": "例如“13812345678”",
    "spouse_name": "例如“李娜”或“对方叫买买提·艾力”",
    "spouse_id": "例如“310115199607091249”",
    "spouse_phone": "例如“13987654321”",
    "registry_office": "例如“浦东新区”或“徐汇区婚姻登记处”",
    "appointment_date": "例如“下周三”或“12月8日”",
    "certificate_no": "例如“J310115-2024-000123”",
    "registered_at": "例如“2024年5月20日”",
    "shanghai_hukou": "例如“双方都是”“只有我是”“只有对方是”或“都不是”",
    "migration_mover": "例如“对方迁到我家”或“我迁到对方家”",
    "household_address": "例如“浦东新区世纪大道100弄1号101室”",
    "household_head_name": "例如“户主是张伟”",
    "household_head_consent": "例如“户主同意”或“户主还没同意”",
    "child_order": "例如“第一个孩子”或“2”",
    "residence_district": "例如“闵行区”",
    "application_confirmed": "信息无误请说“确认提交”；要修改请直接说，例如“对方手机改成13912345678”",
}
OPTIONAL = {"expected_due_date": "birth.expected_due_date"}
BY_PATH = {s.path: s.name for s in SPECS if s.path} | {v: k for k, v in OPTIONAL.items()}
# Everything the application form fills; cleared together after submitting or stopping.
FORM_SLOTS = [s.name for s in SPECS] + list(OPTIONAL) + ["application_confirmed", "application_summary"]
CONFIRM_SLOT = "application_confirmed"


def required_slots(matters: list[str] | None) -> list[str]:
    chosen = set(matters or [])
    return ["matters", *(s.name for s in SPECS[1:] if s.needed(chosen)), CONFIRM_SLOT]


def slot_for_field(field: str, matters: list[str] | None = None) -> str | None:
    """The slot behind a backend field path; section-level paths map to their first slot that the
    chosen matters need ("marriage": the office when registering, the certificate when married)."""
    if field in BY_PATH:
        return BY_PATH[field]
    inside = [s for s in SPECS if s.path and s.path.startswith(field + ".")]
    chosen = set(matters or [])
    return next((s.name for s in inside if not chosen or s.needed(chosen)), inside[0].name if inside else None)


def _put(body: dict, path: str, value) -> None:
    *parents, leaf = path.split(".")
    for p in parents:
        body = body.setdefault(p, {})
    body[leaf] = value


def build_draft(values: dict) -> dict:
    """The backend's application body from slot values; only the values that are set."""
    body: dict = {}
    for name, value in values.items():
        path = SPEC[name].path if name in SPEC else OPTIONAL.get(name)
        if path is None or value is None:
            continue
        if name == "child_order":
            value = int(value)
        _put(body, path, value)
    return body


def relevant(values: dict) -> dict:
    """Only the slots the chosen matters need (plus the optional due date)."""
    needed = set(required_slots(values.get("matters"))) | {"expected_due_date"}
    return {k: v for k, v in values.items() if k in needed and k != CONFIRM_SLOT}
