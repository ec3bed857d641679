"""Test citizens: valid resident ID numbers and the four-matter conversation that e2e tests,
browser tests and the dialogue benchmark all use."""

from datetime import date

from stdnum.cn import ric


def make_id(birth: date, sex: str, region: str = "310104", seq: int = 12) -> str:
    """A valid 18-digit ID: the 17th digit is odd for men, even for women."""
    body = f"{region}{birth:%Y%m%d}{seq:02d}{1 if sex == 'M' else 2}"
    return body + ric.calc_check_digit(body + "0")


HUSBAND = make_id(date(1994, 3, 5), "M")
WIFE = make_id(date(1996, 7, 9), "F", "310115")

# A whole four-matter application, several values per message (the summary comes last).
FOUR_MATTERS = [
    "我要办结婚登记、户口婚姻状况变更、户口迁移和生育登记",
    f"我叫张伟，身份证{HUSBAND}，手机13812345678",
    f"对方叫李娜，身份证{WIFE}，手机13987654321",
    "浦东新区婚姻登记处，下周三",
    "双方都是上海户口",
    "对方迁到我家，地址浦东新区世纪大道100弄1号101室，户主张伟，户主同意",
    "第一个孩子，住浦东新区",
]
