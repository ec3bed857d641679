"""Resident ID numbers (GB 11643) through python-stdnum: checksum, birth date and sex."""

import re
from dataclasses import dataclass
from datetime import date

from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from backend.clock import today_local


@dataclass(frozen=True)
class Identity:
    number: str
    birth_date: date
    sex: str  # "M" | "F"


class IdProblem(ValueError):
    pass


def normalise_id(raw: str) -> str:
    return re.sub(r"\s", "", raw).upper()


def _known_region(code: str) -> bool:
    return any("county" in props for _part, props in numdb.get("cn/loc").info(code))


def parse_id(raw: str, today: date | None = None) -> Identity:
    number = normalise_id(raw)
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise IdProblem(f"身份证号应为18位（最后一位可以是X），您输入的是{len(number)}位，请核对后重新输入。")
    # stdnum's ric.validate also demands that the county code existed in the birth year, but
    # numbers given out in 1999 to people born earlier carry the newer codes (310115 浦东新区
    # for someone born in 1990), so the parts are checked one by one instead.
    try:
        birth = ric.get_birth_date(number)
    except ValidationError:
        raise IdProblem("身份证号中的出生日期无效，请核对第7至14位后重新输入。") from None
    if birth > (today or today_local()):  # also keeps age arithmetic inside the calendar
        raise IdProblem("身份证号中的出生日期晚于今天，请核对第7至14位后重新输入。")
    if not _known_region(number[:6]):
        raise IdProblem("身份证号的前6位不是有效的地区码，请核对后重新输入。")
    if ric.calc_check_digit(number) != number[-1]:
        raise IdProblem("身份证号校验位不正确，可能有数字输错了，请核对后重新输入。")
    sex = "M" if int(number[16]) % 2 == 1 else "F"
    return Identity(number=number, birth_date=birth, sex=sex)


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birthday_at_age(birth: date, years: int) -> date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # born on 29 February
        return date(birth.year + years, 3, 1)
