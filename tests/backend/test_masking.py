"""One masking rule (security/masking.py) for the backend and the bot: the table covers short and
odd values, where the two used to disagree (the backend showed a short value's length, the bot
did not; the bot showed a short address whole, and kept a character more of a long one)."""

import pytest

from backend import pii
from security import masking

TABLE = [
    # kind, value, shown
    ("id_number", "310104199403051238", "310***********1238"),
    ("id_number", "31010419940305123X", "310***********123X"),
    ("id_number", " 310104199403051238 ", "310***********1238"),
    ("id_number", "12345678", "123*5678"),
    ("id_number", "1234567", "***"),
    ("id_number", "123", "***"),
    ("id_number", "", "***"),
    ("id_number", None, "***"),
    ("phone", "13812345678", "138****5678"),
    ("phone", "1381234567", "***"),
    ("phone", "138123456789", "***"),
    ("phone", "138", "***"),
    ("phone", "   ", "***"),
    ("phone", None, "***"),
    ("name", "张伟", "张*"),
    ("name", "欧阳娜娜", "欧***"),
    ("name", "买买提·艾力", "买*****"),
    ("name", "Li Na", "L****"),
    ("name", "张", "***"),
    ("name", "", "***"),
    ("name", None, "***"),
    ("certificate_no", "J310115-2024-000123", "J31*************123"),
    ("certificate_no", "1234567", "123*567"),
    ("certificate_no", "123456", "***"),
    ("certificate_no", None, "***"),
    ("address", "浦东新区世纪大道100弄1号101室", "浦东新区世****"),
    ("address", "闵行区七莘路888弄12号502室", "闵行区七莘****"),
    ("address", "浦东新区世纪", "浦东新区世****"),
    ("address", "浦东新区世", "***"),
    ("address", "", "***"),
    ("address", None, "***"),
]
BACKEND = {
    "id_number": pii.mask_id_number,
    "phone": pii.mask_phone,
    "name": pii.mask_name,
    "certificate_no": pii.mask_certificate,
    "address": pii.mask_address,
}


@pytest.mark.parametrize(("kind", "value", "shown"), TABLE)
def test_personal_data_is_masked_by_one_rule(kind, value, shown):
    assert masking.mask(kind, value) == shown
    assert BACKEND[kind](value) == shown


def test_a_masked_value_never_shows_more_than_the_rule_keeps():
    for kind, value, shown in TABLE:
        kept = shown.replace("*", "")
        assert len(kept) <= masking.RULES[kind].keep_start + masking.RULES[kind].keep_end, (kind, value)


def test_an_address_does_not_show_how_long_it_is():
    assert masking.mask_address("浦东新区世纪大道1号") == masking.mask_address("浦东新区世纪大道100弄1号101室")
