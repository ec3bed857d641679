"""Chinese names of request fields, for error messages that say which field is wrong."""

_PARTY = {"applicant": "申请人", "spouse": "配偶（对方）"}
_LEAF = {
    "name": "姓名",
    "id_number": "身份证号",
    "phone": "手机号",
    "registry_office": "婚姻登记处",
    "appointment_date": "预约登记日期",
    "certificate_no": "结婚证字号",
    "registered_at": "结婚登记日期",
    "shanghai_hukou": "上海户籍当事人",
    "mover": "迁户口的一方",
    "household_address": "迁入地址",
    "household_head_name": "户主姓名",
    "household_head_consent": "户主同意",
    "child_order": "孩次",
    "expected_due_date": "预产期",
    "residence_district": "居住区",
    "matters": "办理事项",
    "marriage": "结婚登记信息",
    "hukou": "户口信息",
    "migration": "户口迁移信息",
    "birth": "生育登记信息",
    "application_no": "申请编号",
    "matter": "事项",
    "status": "状态",
    "note": "说明",
    "result": "办理结果",
    "occurred_at": "发生时间",
    "channel": "渠道",
    "conversation_id": "会话编号",
}


def label_for(field: str) -> str:
    parts = [p for p in field.split(".") if not p.isdigit()]
    if not parts:
        return "请求内容"
    prefix = _PARTY.get(parts[0], "")
    return prefix + _LEAF.get(parts[-1], parts[-1])


def section_label(section: str) -> str:
    """A top-level part of the application: 申请人, 配偶（对方）, 结婚登记信息…"""
    return _PARTY.get(section) or _LEAF.get(section, section)
