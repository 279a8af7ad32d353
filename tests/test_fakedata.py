"""Checks that tests/fakedata.py produces well-formed FAKE values,
cross-checked with python-stdnum."""
import datetime as dt
import random
import re
from importlib import resources

import pytest
from stdnum import luhn
from stdnum.cn import ric, uscc as std_uscc

import fakedata as fd

N = 200


@pytest.fixture
def rng():
    return random.Random(20240601)


def _loc_dat_entries():
    """{code: county-entry} from stdnum/cn/loc.dat (hierarchical format:
    '11 province=...' then '  0101 county=...')."""
    text = (resources.files("stdnum") / "cn" / "loc.dat").read_text("utf-8")
    out, prov = {}, None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"^(\d\d) ", line)
        if m:
            prov = m.group(1)
            continue
        m = re.match(r"^\s+(\d{4}) county=\"(.*)\"", line)
        if m:
            out[prov + m.group(1)] = m.group(2)
    return out


def test_region_codes_are_real_current_counties():
    entries = _loc_dat_entries()
    assert 45 <= len(fd.REGION_CODES) <= 60
    assert len(set(fd.REGION_CODES)) == len(fd.REGION_CODES)
    for code in fd.REGION_CODES:
        assert code in entries, code
        assert not code.endswith("00"), code
        assert "[" not in entries[code], (code, entries[code])  # no validity range
        assert entries[code] != "市辖区"


def test_resident_id_valid(rng):
    for _ in range(N):
        x = fd.resident_id(rng)
        assert re.fullmatch(r"\d{17}[\dX]", x)
        assert ric.is_valid(x), x
        assert x[:6] in fd.REGION_CODES
        assert 1940 <= ric.get_birth_date(x).year <= 2005


def test_resident_id_invalid_check_digit(rng):
    for _ in range(N):
        x = fd.resident_id(rng, valid=False)
        assert len(x) == 18
        assert not ric.is_valid(x), x
        # only the check digit is wrong
        assert ric.calc_check_digit(x) != x[-1]
        assert x[:-1] + ric.calc_check_digit(x) != x


def test_resident_id_fixed_fields(rng):
    x = fd.resident_id(rng, region="110101", birth="1990-03-07", sex="M")
    assert x.startswith("11010119900307") and int(x[14:17]) % 2 == 1 and ric.is_valid(x)
    y = fd.resident_id(rng, birth=dt.date(1950, 12, 31), sex="F")
    assert y[6:14] == "19501231" and int(y[14:17]) % 2 == 0 and ric.is_valid(y)
    # known value from stdnum's own doctest
    assert fd.id_check_digit("36042619910101007") == "1"


def test_resident_id_15(rng):
    for _ in range(N):
        x = fd.resident_id_15(rng)
        assert re.fullmatch(r"\d{15}", x)
        assert x[:6] in fd.REGION_CODES
        dt.datetime.strptime("19" + x[6:12], "%Y%m%d")


def test_bank_card_luhn(rng):
    lengths = set()
    for _ in range(N):
        x = fd.bank_card(rng)
        assert x.startswith("62") and 16 <= len(x) <= 19 and x.isdigit()
        assert luhn.is_valid(x), x
        lengths.add(len(x))
    assert {16, 19} <= lengths
    for n in (16, 17, 18, 19):
        assert luhn.is_valid(fd.bank_card(rng, n))
    with pytest.raises(ValueError):
        fd.bank_card(rng, 15)


def test_uscc_valid(rng):
    for _ in range(N):
        x = fd.uscc(rng)
        assert std_uscc.is_valid(x), x
        assert not std_uscc.is_valid(fd.uscc(rng, valid=False))
    # known value from stdnum's doctest
    assert fd.uscc_check_char("91110000600037341") == "L"


def test_mobile_and_landline(rng):
    for _ in range(N):
        m = fd.mobile(rng)
        assert re.fullmatch(r"1[3-9]\d{9}", m) and m[:3] in fd.MOBILE_PREFIXES
        t = fd.landline(rng)
        mm = re.fullmatch(r"(0\d{2,3})-(\d{8})|\((0\d{2,3})\)(\d{8})", t)
        assert mm, t
        assert (mm.group(1) or mm.group(3)) in fd.AREA_CODES
    assert fd.landline(rng, area="0755", style="dash").startswith("0755-")
    assert fd.landline(rng, area="021", style="paren").startswith("(021)")
    for bad in ("140", "141", "154", "160", "174", "179", "194"):
        assert bad not in fd.MOBILE_PREFIXES


def test_documents_and_contacts(rng):
    for _ in range(N):
        assert re.fullmatch(r"E\d{8}|G\d{8}|E[A-HJ-NP-Z]\d{7}", fd.passport(rng))
        assert re.fullmatch(r"C\d{8}|C[A-HJ-NP-Z]\d{7}", fd.hk_macao_permit(rng))
        e = fd.email(rng)
        assert re.fullmatch(r"[a-z0-9._]+@(mail\.)?example\.(com|org|net)", e), e
        n = fd.name(rng)
        assert 2 <= len(n) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in n)


def test_seedable():
    a = [fd.person(random.Random(7)) for _ in range(3)]
    b = [fd.person(random.Random(7)) for _ in range(3)]
    assert a == b
    assert fd.person(random.Random(7)) != fd.person(random.Random(8))


def test_masks():
    assert fd.mask_id("110101199003074514") == "110101********4514"
    assert fd.mask_mobile("13812345678") == "138****5678"
    assert fd.mask_card("6222 0212 3456 5702") == "6222 **** **** 5702"
    assert fd.mask_card("6222021234565702") == "6222 **** **** 5702"
    assert fd.mask_name("张伟") == "张*"
    assert fd.mask_name("张晓东") == "张**"
    assert fd.mask_name("欧阳华") == "欧阳*"
    assert fd.group4("6222021234565702") == "6222 0212 3456 5702"
