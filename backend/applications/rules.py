"""Submission rules, shared by the submit endpoint (whole application) and the check endpoint
(any part of one, as the assistant collects it). Each rule runs when its inputs are present;
`complete=True` also reports what is missing. Every message says what to fix, in Chinese."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from backend.applications import calendar
from backend.applications.config import get_application_settings
from backend.applications.identity import Identity, IdProblem, age_on, birthday_at_age, parse_id
from backend.applications.schemas import ApplicationDraft, MarriageIn, PartyIn
from backend.certificates.service import APPLICANT_NUMBER_RULE, normalise_number
from backend.errors import FieldError
from backend.guides.loader import get_library
from backend.matters.catalog import CATALOG, Matter
from backend.matters.form import MATTER_SECTIONS, matters_needing

LEGAL_AGE = {"M": 22, "F": 20}
SEX_NAME = {"M": "男方", "F": "女方"}
ROLES = ("applicant", "spouse")
ROLE_NAME = {"applicant": "申请人", "spouse": "对方"}
WEEKDAYS = "一二三四五六日"
MAX_CHILD_ORDER = 3
NAME_RE = re.compile(r"[\u4e00-\u9fa5·]{2,20}|[A-Za-z][A-Za-z .·'-]{1,49}")
PHONE_RE = re.compile(r"1[3-9]\d{9}")
# The marriage section goes with every application (a booking or a certificate): check_marriage.
SECTION_FOR = {s: matters_needing(s) for s in MATTER_SECTIONS}
SECTION_NAME = {"hukou": "户口信息", "birth": "生育登记信息"}
# The Marriage Law of the PRC took effect on this day; no marriage certificate is older. (Also
# keeps the registration time, 00:00 Shanghai on this date, inside what UTC can hold.)
EARLIEST_REGISTRATION = date(1950, 5, 1)
NOT_REGISTERING = "；尚未登记结婚的，请一并选择结婚登记。"
REGISTERING = "；如已登记结婚，请取消结婚登记事项。"


def booking_window(today: date) -> tuple[date, date]:
    cfg = get_application_settings()
    return today + timedelta(days=cfg.min_days_ahead), today + timedelta(days=cfg.max_days_ahead)


def _fmt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日（星期{WEEKDAYS[d.weekday()]}）"


SUGGESTIONS = 3


def _suggest(day: date, first: date, last: date) -> str:
    """The nearest bookable days from `day` on (or, near the window's end, before it)."""
    after = calendar.open_days(max(day, first), last)[:SUGGESTIONS]
    if not after:
        after = calendar.open_days(first, last)[-SUGGESTIONS:]
    if not after:
        return "近期没有可预约的工作日，请拨打12345咨询。"
    return "可以预约的最近日期：" + "、".join(calendar.describe(d) for d in after) + "。"


@dataclass
class Checker:
    draft: ApplicationDraft
    complete: bool
    today: date
    errors: list[FieldError] = field(default_factory=list)
    identities: dict[str, Identity] = field(default_factory=dict)

    def add(self, path: str, message: str) -> None:
        self.errors.append(FieldError(field=path, message=message))

    def missing(self, path: str, message: str) -> None:
        if self.complete:
            self.add(path, message)

    # ---- matters ----
    def chosen(self) -> set[Matter]:
        return {Matter(m) for m in self.draft.matters if m in Matter.__members__}

    def check_matters(self) -> None:
        d = self.draft
        unknown = [m for m in d.matters if m not in Matter.__members__]
        if unknown:
            names = "、".join(f"{m.value}（{i.short_name}）" for m, i in CATALOG.items())
            self.add("matters", f"无法识别的事项：{'、'.join(unknown)}。可选事项：{names}。")
        if not d.matters:
            self.missing("matters", "请至少选择一个事项：尚未登记结婚的须选择结婚登记，其他三项按需选择。")

    def check_sections(self) -> None:
        chosen = self.chosen()
        for section, matters in SECTION_FOR.items():
            present = getattr(self.draft, section) is not None
            needed = bool(chosen & matters)
            names = "、".join(CATALOG[m].short_name for m in sorted(chosen & matters))
            if needed and not present:
                self.missing(section, f"您选择了{names}，请填写{SECTION_NAME[section]}。")
            if present and not needed and self.draft.matters:
                self.add(section, f"没有选择需要{SECTION_NAME[section]}的事项，请去掉这部分信息或补选相应事项。")

    # ---- parties ----
    def check_party(self, role: str, party: PartyIn | None) -> None:
        who = ROLE_NAME[role]
        if party is None:
            self.missing(role, f"请填写{who}的姓名、身份证号和手机号。")
            return
        if party.name is None:
            self.missing(f"{role}.name", f"请填写{who}的姓名。")
        elif not NAME_RE.fullmatch(party.name.strip()):
            self.add(f"{role}.name", f"{who}姓名应为2至20个汉字（或英文字母），请按身份证上的姓名填写。")
        if party.id_number is None:
            self.missing(f"{role}.id_number", f"请填写{who}的18位居民身份证号。")
        else:
            try:
                self.identities[role] = parse_id(party.id_number, self.today)
            except IdProblem as exc:
                self.add(f"{role}.id_number", f"{who}的{exc}")
        if party.phone is None:
            self.missing(f"{role}.phone", f"请填写{who}的手机号。")
        elif not PHONE_RE.fullmatch(re.sub(r"[\s-]", "", party.phone)):
            self.add(f"{role}.phone", f"{who}的手机号应为11位数字、以1开头，请重新输入。")

    def check_pair(self) -> None:
        a, s = self.identities.get("applicant"), self.identities.get("spouse")
        if not (a and s):
            return
        if a.number == s.number:
            self.add("spouse.id_number", "双方身份证号相同：结婚登记需要两位不同的当事人，请核对对方的身份证号。")
        elif a.sex == s.sex:
            self.add(
                "spouse.id_number",
                "按身份证号，双方性别相同；内地结婚登记须由男女双方共同申请，请核对双方身份证号。",
            )

    # ---- marriage ----
    def booking_window(self) -> tuple[date, date]:
        return booking_window(self.today)

    def check_marriage(self) -> None:
        """With marriage_registration the couple books an office and a date; without it they
        married earlier and give their certificate instead (CONTRACT §3, Already married). A draft
        that names no matter yet has whatever it holds checked, and nothing asked for."""
        m = self.draft.marriage
        chosen = self.chosen()
        registering = Matter.marriage_registration in chosen
        married = bool(chosen) and not registering
        if m is None:
            if registering:
                self.missing("marriage", "您选择了结婚登记，请填写预约的婚姻登记处和登记日期。")
            elif married:
                self.missing("marriage", "没有选择结婚登记的，请填写结婚证字号和结婚登记日期" + NOT_REGISTERING)
            return
        if married:
            if m.registry_office is not None:
                self.add("marriage.registry_office", "没有选择结婚登记，不需要预约婚姻登记处" + NOT_REGISTERING)
            if m.appointment_date is not None:
                self.add("marriage.appointment_date", "没有选择结婚登记，不需要预约登记日期" + NOT_REGISTERING)
        else:
            self.check_booking(m, required=registering)
        if registering:
            if m.certificate_no is not None:
                self.add(
                    "marriage.certificate_no",
                    "您选择了结婚登记，办结后民政部门会推送电子结婚证，不需要填写结婚证字号" + REGISTERING,
                )
            if m.registered_at is not None:
                self.add("marriage.registered_at", "您选择了结婚登记，不需要填写此前的结婚登记日期" + REGISTERING)
        else:
            self.check_certificate(m, required=married)

    def check_booking(self, m: MarriageIn, *, required: bool) -> None:
        offices = get_library().offices()
        if m.registry_office is None:
            if required:
                self.missing("marriage.registry_office", "请选择婚姻登记处，例如：浦东新区婚姻登记处。")
        elif m.registry_office.strip() not in offices:
            self.add(
                "marriage.registry_office",
                f"没有找到“{m.registry_office}”。请从本市16个区的婚姻登记处中选择，例如：浦东新区婚姻登记处、徐汇区婚姻登记处。",
            )
        if m.appointment_date is None:
            if required:
                self.missing(
                    "marriage.appointment_date", "请选择预约登记日期（明天起30天内的工作日，法定节假日除外）。"
                )
        else:
            self.check_appointment(m.appointment_date)

    def check_certificate(self, m: MarriageIn, *, required: bool) -> None:
        if m.certificate_no is None:
            if required:
                self.missing("marriage.certificate_no", "已登记结婚的，请填写结婚证字号，例如 J310115-2024-000123。")
        elif normalise_number(m.certificate_no) is None:
            self.add(
                "marriage.certificate_no", f"结婚证字号格式不对：应为{APPLICANT_NUMBER_RULE}，请按结婚证内页填写。"
            )
        if m.registered_at is None:
            if required:
                self.missing("marriage.registered_at", "请填写结婚证上的结婚登记日期，例如 2024-05-20。")
        elif m.registered_at > self.today:
            self.add(
                "marriage.registered_at",
                f"结婚登记日期不能晚于今天（{_fmt(self.today)}），请按结婚证填写" + NOT_REGISTERING,
            )
        elif m.registered_at < EARLIEST_REGISTRATION:
            self.add("marriage.registered_at", "结婚登记日期不能早于1950年5月1日（婚姻法施行之日），请按结婚证填写。")

    def check_appointment(self, day: date) -> None:
        """Inside the booking window and a day the offices receive couples (calendar.py): public
        holidays are refused by name, an adjusted weekend working day is accepted. A refusal
        suggests the nearest days that can be booked, so every channel relays the same calendar."""
        first, last = self.booking_window()
        path = "marriage.appointment_date"
        if day < first:
            self.add(path, f"预约日期最早为{_fmt(first)}。{_suggest(first, first, last)}")
        elif day > last:
            self.add(path, f"预约日期最远可约到{_fmt(last)}，请选择更近的工作日。")
        elif not (status := calendar.office_day(day)).open:
            self.add(path, f"{_fmt(day)}是{status.reason}，婚姻登记处不办理。{_suggest(day, first, last)}")

    def check_legal_age(self) -> None:
        if Matter.marriage_registration not in self.chosen() and self.draft.matters:
            return
        m = self.draft.marriage
        day = m.appointment_date if m and m.appointment_date else None
        _, last = self.booking_window()
        for role, ident in self.identities.items():
            minimum = LEGAL_AGE[ident.sex]
            eligible_from = birthday_at_age(ident.birth_date, minimum)
            if eligible_from > last:
                self.add(
                    f"{role}.id_number",
                    f"按身份证号，{ROLE_NAME[role]}（{SEX_NAME[ident.sex]}）到{_fmt(last)}仍未满{minimum}周岁，"
                    f"未到法定婚龄（男22周岁、女20周岁），{eligible_from.year}年{eligible_from.month}月{eligible_from.day}日起才能登记结婚。",
                )
            elif day and age_on(ident.birth_date, day) < minimum:
                self.add(
                    "marriage.appointment_date",
                    f"预约当天{ROLE_NAME[role]}（{SEX_NAME[ident.sex]}）未满{minimum}周岁，"
                    f"请选择{_fmt(eligible_from)}或之后的工作日。",
                )

    # ---- hukou ----
    def check_hukou(self) -> None:
        h = self.draft.hukou
        if h is None:
            return
        chosen = self.chosen()
        if h.shanghai_hukou is None:
            self.missing("hukou.shanghai_hukou", "请说明哪一方是上海户口：双方都是、只有申请人或只有对方。")
        else:
            self.check_shanghai_hukou(h.shanghai_hukou, chosen)
        if Matter.hukou_migration in chosen:
            self.check_migration()
        elif h.migration is not None:
            self.add("hukou.migration", "没有选择户口迁移事项，请去掉迁移信息或补选“因婚姻市内户口迁移”。")

    def check_shanghai_hukou(self, parties: list[str], chosen: set[Matter]) -> None:
        if any(p not in ROLES for p in parties):
            self.add("hukou.shanghai_hukou", "上海户籍当事人只能是 applicant（申请人）或 spouse（对方）。")
        shanghai = set(parties)
        if Matter.hukou_marital_status in chosen and not shanghai:
            self.add(
                "hukou.shanghai_hukou",
                "户口婚姻状况变更只适用于上海户籍的一方；双方都不是上海户口的，请取消这个事项。",
            )
        if Matter.hukou_migration in chosen and shanghai != set(ROLES):
            self.add(
                "hukou.shanghai_hukou",
                "因婚姻市内户口迁移要求双方都是上海户口（只办理市内迁移）；如有一方不是上海户口，请取消户口迁移事项。",
            )

    def check_migration(self) -> None:
        mig = self.draft.hukou.migration
        if mig is None:
            self.missing("hukou.migration", "您选择了户口迁移，请填写迁户口的一方、迁入地址、户主姓名和户主是否同意。")
            return
        path = "hukou.migration"
        if mig.mover is None:
            self.missing(f"{path}.mover", "请说明是哪一方迁户口：申请人本人还是对方。")
        elif mig.mover not in ROLES:
            self.add(f"{path}.mover", "迁户口的一方只能是 applicant（申请人）或 spouse（对方）。")
        if mig.household_address is None:
            self.missing(f"{path}.household_address", "请填写迁入的配偶家庭户地址（上海市内，写到门牌号）。")
        elif not 6 <= len(mig.household_address.strip()) <= 100:
            self.add(f"{path}.household_address", "迁入地址请写完整（6至100个字），包括区、街道（路）和门牌号。")
        if mig.household_head_name is None:
            self.missing(f"{path}.household_head_name", "请填写接收家庭户的户主姓名。")
        elif not NAME_RE.fullmatch(mig.household_head_name.strip()):
            self.add(f"{path}.household_head_name", "户主姓名应为2至20个汉字（或英文字母），请按户口簿填写。")
        if mig.household_head_consent is None:
            self.missing(f"{path}.household_head_consent", "请确认接收家庭户的户主是否同意迁入。")
        elif mig.household_head_consent is not True:
            self.add(
                f"{path}.household_head_consent",
                "迁入配偶家庭户需要户主同意。请先征得户主同意后再申请，或取消户口迁移事项。",
            )

    # ---- birth ----
    def check_birth(self) -> None:
        b = self.draft.birth
        if b is None:
            return
        if b.child_order is None:
            self.missing("birth.child_order", "请填写这是第几个孩子（1至3）。")
        elif not 1 <= b.child_order <= MAX_CHILD_ORDER:
            self.add("birth.child_order", "本市一对夫妻可以生育三个子女，孩次请填写1、2或3。")
        if b.residence_district is None:
            self.missing("birth.residence_district", "请填写居住的区，例如：浦东新区。")
        elif b.residence_district.strip() not in get_library().districts():
            self.add(
                "birth.residence_district",
                f"“{b.residence_district}”不是本市的区，请填写本市16个区之一，例如：浦东新区、闵行区。",
            )
        if b.expected_due_date is not None:
            if b.expected_due_date <= self.today:
                self.add("birth.expected_due_date", "预产期应在今天之后；如不清楚可以不填。")
            elif b.expected_due_date > self.today + timedelta(days=300):
                self.add("birth.expected_due_date", "预产期不应超过今天起300天，请核对；如不清楚可以不填。")

    def run(self) -> list[FieldError]:
        self.check_matters()
        self.check_sections()
        for role in ROLES:
            party = getattr(self.draft, role)
            if party is not None or self.complete:
                self.check_party(role, party)
        self.check_pair()
        self.check_marriage()
        self.check_legal_age()
        self.check_hukou()
        self.check_birth()
        return self.errors


def check_application(draft: ApplicationDraft, *, complete: bool, today: date) -> list[FieldError]:
    return Checker(draft=draft, complete=complete, today=today).run()
