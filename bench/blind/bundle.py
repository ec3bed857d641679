"""What an efficient citizen says at its first form question: every fact it has not said yet, in one
message, each labelled as a citizen would label it when the phrasing has no label of its own
("我叫…，身份证…，手机…；对方叫…，身份证…，手机…；在闵行区登记，下周三去；第一个孩子，住闵行").
The form's first question invites it ("也可以一次说完，例如：我叫张伟，身份证310…，手机138…").

Facts said already (in the opening, in a bundled first message, or inside another fact's phrasing,
such as a spouse name given with the spouse's numbers) are not said again."""

import re
import unicodedata

# Groups in the order a citizen tells them: me, the other party, the booking or the earlier
# registration, hukou, migration, the child. Each entry: (fact key, label test, labelled form).
GROUPS = [
    [
        ("applicant_name", r"叫|姓|名|我是|本人|name", "我叫{}"),
        ("applicant_id", r"身份证|证件", "身份证{}"),
        ("applicant_phone", r"手机|电话|phone", "手机{}"),
    ],
    [
        ("spouse_name", r"对方|配偶|爱人|老婆|老公|妻子|丈夫|媳妇|未婚|朋友|对象|她|他", "对方叫{}"),
        ("spouse_id", r"身份证|证件", "身份证{}"),
        ("spouse_phone", r"手机|电话|phone", "手机{}"),
    ],
    [
        ("registry_office_or_district", r"登记", "在{}登记"),
        ("appointment_date", r"去|预约|登记", "{}去"),
        ("certificate_no", r"结婚证|字号|证号", "结婚证字号{}"),
        ("registered_at", r"领|登记", "{}领的证"),
    ],
    [("shanghai_hukou", r"户口|户籍|沪", "上海户口{}")],
    [
        ("migration.mover", r".", "{}"),
        ("migration.household_address", r"地址|住址", "家庭户地址{}"),
        ("migration.household_head_name", r"户主", "户主叫{}"),
        ("migration.consent", r".", "{}"),
    ],
    [
        ("birth.child_order", r"孩|胎|宝|老|first|second|third", "{}孩子"),
        ("birth.residence_district", r"住|家在", "住{}"),
        ("birth.expected_due_date", r"预产", "预产期{}"),
    ],
]
# Values that may well be in the opening for another reason (the district of the office and of the
# home, "第一个"), and short ones that are parts of numbers: said whatever was said before.
ALWAYS_SAID = {
    "birth.residence_district",
    "birth.child_order",
    "shanghai_hukou",
    "migration.mover",
    "migration.consent",
}
FACT_KEYS = {key for group in GROUPS for key, _, _ in group}


def _plain(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _value(facts: dict, key: str):
    value = facts
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def labelled(key: str, phrasing: str) -> str:
    """The phrasing as said inside a longer message: with a label when it has none."""
    for group in GROUPS:
        for fact, label, form in group:
            if fact != key or re.search(label, phrasing, re.IGNORECASE):
                continue
            if key == "spouse_name" and (m := re.search(r"叫(.+)$", phrasing)):
                return f"对方叫{m.group(1)}"  # "伊叫孙秀英": the cue of the other party
            if key == "registry_office_or_district":
                phrasing = re.sub(r"^(在|去)", "", phrasing)
            if key == "birth.child_order" and re.fullmatch(r"[1-5一二两三四五]", phrasing):
                return f"第{phrasing}个孩子"
            return form.format(phrasing)
    return phrasing


def bundle(facts: dict, said: list[str], phrasings) -> tuple[str, list[str]]:
    """The one message with every fact not said yet, and the keys it covers. `phrasings(facts,
    key)` is the driver's own list of phrasings for a fact."""
    heard = _plain("".join(said))
    parts, keys = [], []
    for group in GROUPS:
        clauses = []
        for key, _, _ in group:
            options = phrasings(facts, key) if _value(facts, key) is not None else []
            if not options:
                continue
            phrasing = options[0]
            keys.append(key)
            if key not in ALWAYS_SAID and _plain(phrasing) in heard:
                continue
            clause = labelled(key, phrasing)
            clauses.append(clause)
            heard += _plain(clause)
        if clauses:
            parts.append("，".join(clauses))
    return "；".join(parts), keys
