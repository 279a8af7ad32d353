"""Seedable generator of FAKE Chinese personal data for tests and samples.

Hard rule: nothing here is a real person's data.  Every value is drawn from a
``random.Random`` that the caller seeds:

* resident IDs: a real county region code (list below, from python-stdnum's
  ``stdnum/cn/loc.dat``), a random birth date and sequence, and a computed
  ISO 7064 MOD 11-2 check digit;
* names: a random common surname + 1-2 random given-name characters;
* mobiles: an allocated 3-digit prefix + 8 random digits;
* bank cards: a UnionPay "62" BIN + random digits + Luhn digit;
* e-mail addresses: random local part at RFC 2606 reserved domains.

Usage::

    import random, fakedata
    rng = random.Random(42)
    fakedata.resident_id(rng)        # '6403...'
    fakedata.person(rng)             # dict with name, id, mobile, card, ...
"""
from __future__ import annotations

import datetime as _dt
import random
import string
from typing import Optional, Union

__all__ = [
    "REGION_CODES", "MOBILE_PREFIXES", "AREA_CODES", "SURNAMES", "GIVEN_CHARS",
    "id_check_digit", "resident_id", "resident_id_15", "birth_date",
    "mobile", "landline", "luhn_check_digit", "bank_card", "passport",
    "hk_macao_permit", "email", "name", "uscc", "uscc_check_char",
    "org_code_check_char", "person",
    "mask_id", "mask_mobile", "mask_card", "mask_name", "group4",
]

# --------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------

# Real county-level region codes, taken from python-stdnum 2.2
# stdnum/cn/loc.dat: only codes whose entry carries no "[start-end]" validity
# range (so they are current AND valid for any birth year 1940-2005, which
# stdnum.cn.ric checks), whose last two digits are not 00, and which are not
# "市辖区" placeholders.  tests/test_fakedata.py re-checks this against loc.dat.
REGION_CODES: tuple[str, ...] = (
    "110101",  # 北京市东城区
    "110102",  # 北京市西城区
    "110105",  # 北京市朝阳区
    "110106",  # 北京市丰台区
    "120101",  # 天津市和平区
    "120106",  # 天津市红桥区
    "140121",  # 山西省清徐县
    "140123",  # 山西省娄烦县
    "150122",  # 内蒙古自治区托克托县
    "152523",  # 内蒙古自治区苏尼特左旗
    "152530",  # 内蒙古自治区正蓝旗
    "210224",  # 辽宁省长海县
    "210726",  # 辽宁省黑山县
    "222401",  # 吉林省延吉市
    "222402",  # 吉林省图们市
    "232721",  # 黑龙江省呼玛县
    "310101",  # 上海市黄浦区
    "310104",  # 上海市徐汇区
    "310110",  # 上海市杨浦区
    "330127",  # 浙江省淳安县
    "340121",  # 安徽省长丰县
    "340621",  # 安徽省濉溪县
    "350121",  # 福建省闽侯县
    "360121",  # 江西省南昌县
    "429021",  # 湖北省神农架林区
    "430121",  # 湖南省长沙县
    "433126",  # 湖南省古丈县
    "510421",  # 四川省米易县
    "513227",  # 四川省小金县
    "513322",  # 四川省泸定县
    "513426",  # 四川省会东县
    "522623",  # 贵州省施秉县
    "522628",  # 贵州省锦屏县
    "522632",  # 贵州省榕江县
    "532328",  # 云南省元谋县
    "532623",  # 云南省西畴县
    "532930",  # 云南省洱源县
    "532932",  # 云南省鹤庆县
    "542524",  # 西藏自治区日土县
    "542526",  # 西藏自治区改则县
    "610323",  # 陕西省岐山县
    "610326",  # 陕西省眉县
    "620122",  # 甘肃省皋兰县
    "622924",  # 甘肃省广河县
    "623022",  # 甘肃省卓尼县
    "632223",  # 青海省海晏县
    "632722",  # 青海省杂多县
    "632801",  # 青海省格尔木市
    "640121",  # 宁夏回族自治区永宁县
    "640221",  # 宁夏回族自治区平罗县
    "652826",  # 新疆维吾尔自治区焉耆回族自治县
    "653124",  # 新疆维吾尔自治区泽普县
    "653221",  # 新疆维吾尔自治区和田县
    "653225",  # 新疆维吾尔自治区策勒县
)

# Allocated mainland mobile prefixes (3 digits) only.
MOBILE_PREFIXES: tuple[str, ...] = tuple(
    [str(p) for p in range(130, 140)]
    + ["145", "147"]
    + ["150", "151", "152", "153", "155", "156", "157", "158", "159"]
    + ["162", "165", "166", "167"]
    + ["170", "171", "172", "173", "175", "176", "177", "178"]
    + [str(p) for p in range(180, 190)]
    + ["190", "191", "192", "193", "195", "196", "197", "198", "199"]
)

# Real telephone area codes (city -> local numbers here are all 8 digits).
AREA_CODES: tuple[str, ...] = (
    "010", "020", "021", "022", "023", "024", "025", "027", "028", "029",
    "0311", "0351", "0371", "0431", "0451", "0531", "0551", "0571", "0591",
    "0731", "0753", "0755", "0771", "0851", "0871", "0931", "0991",
)

# Common single-character surnames, plus two compound ones.
SURNAMES: tuple[str, ...] = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
) + ("欧阳", "司马")
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐")

# Characters used in given names (drawn at random, so combinations are arbitrary).
GIVEN_CHARS: str = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国德福贵"
    "春梅桂兰海波志明淑珍凤琴秀云荣宝金凤素珍连英翠花学文永庆建华晓东子涵雨轩浩然欣怡"
    "思远嘉怡梓萱宇航"
)

# UnionPay issuer BIN prefixes (all start with 62).
_CARD_BINS: tuple[str, ...] = (
    "622202", "622208", "622848", "622700", "621700", "622588", "621661",
    "622262", "621226", "623058", "622230", "621799", "622908", "622622",
)

_EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com")
_PINYIN = (
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou",
    "xu", "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo",
    "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "hua",
)

# ISO 7064 MOD 11-2 (GB 11643-1999)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# GB 32100-2015 unified social credit code
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714-1997 organisation code
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

_LETTERS_NO_IO = "ABCDEFGHJKLMNPQRSTUVWXYZ"

DateLike = Union[_dt.date, str, None]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


# --------------------------------------------------------------------------
# Resident identity card numbers
# --------------------------------------------------------------------------

def id_check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError(f"need 17 digits, got {first17!r}")
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def birth_date(rng: random.Random, start: int = 1940, end: int = 2005) -> _dt.date:
    """Uniform random date from 1 Jan ``start`` to 31 Dec ``end``."""
    lo = _dt.date(start, 1, 1).toordinal()
    hi = _dt.date(end, 12, 31).toordinal()
    return _dt.date.fromordinal(rng.randint(lo, hi))


def _as_date(birth: DateLike, rng: random.Random, start: int, end: int) -> _dt.date:
    if birth is None:
        return birth_date(rng, start, end)
    if isinstance(birth, _dt.date):
        return birth
    s = str(birth).replace("-", "")
    return _dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))


def resident_id(
    rng: random.Random,
    region: Optional[str] = None,
    birth: DateLike = None,
    valid: bool = True,
    sex: Optional[str] = None,
) -> str:
    """18-character resident ID (GB 11643-1999).

    ``region``: 6-digit code (default: random from REGION_CODES);
    ``birth``: date or 'YYYYMMDD' / 'YYYY-MM-DD' (default: random 1940-2005);
    ``valid=False``: the check character is deliberately wrong;
    ``sex``: 'M' (odd sequence) / 'F' (even sequence) / None (either).
    """
    region = region or rng.choice(REGION_CODES)
    if len(region) != 6 or not region.isdigit():
        raise ValueError(f"bad region code {region!r}")
    d = _as_date(birth, rng, 1940, 2005)
    seq = rng.randint(1, 999)
    if sex is not None:
        want_odd = sex.upper().startswith("M")
        if (seq % 2 == 1) != want_odd:
            seq = seq + 1 if seq < 999 else seq - 1
            if seq == 0:
                seq = 2
    body = f"{region}{d:%Y%m%d}{seq:03d}"
    check = id_check_digit(body)
    if not valid:
        check = rng.choice([c for c in _ID_CHECK if c != check])
    return body + check


def resident_id_15(rng: random.Random, region: Optional[str] = None, birth: DateLike = None) -> str:
    """First-generation 15-digit ID: region + YYMMDD + 3-digit sequence (no check digit).

    Those were issued until 1999, so the default birth year is 1940-1985."""
    region = region or rng.choice(REGION_CODES)
    d = _as_date(birth, rng, 1940, 1985)
    return f"{region}{d:%y%m%d}{rng.randint(1, 999):03d}"


# --------------------------------------------------------------------------
# Telephone numbers
# --------------------------------------------------------------------------

def mobile(rng: random.Random) -> str:
    """11-digit mainland mobile number with an allocated prefix."""
    return rng.choice(MOBILE_PREFIXES) + _digits(rng, 8)


def landline(rng: random.Random, area: Optional[str] = None, style: Optional[str] = None) -> str:
    """Fixed-line number with a real area code.

    ``style``: 'dash' -> ``0755-26594862``; 'paren' -> ``(021)26196878``;
    default: random of the two (dash more often)."""
    area = area or rng.choice(AREA_CODES)
    local = str(rng.randint(2, 8)) + _digits(rng, 7)
    style = style or ("paren" if rng.random() < 0.3 else "dash")
    if style == "paren":
        return f"({area}){local}"
    if style == "dash":
        return f"{area}-{local}"
    raise ValueError(f"unknown style {style!r}")


# --------------------------------------------------------------------------
# Bank cards, passports, permits, e-mail, names, USCC
# --------------------------------------------------------------------------

def luhn_check_digit(partial: str) -> str:
    """Digit to append to ``partial`` so that the whole passes Luhn."""
    total = 0
    for i, c in enumerate(reversed(partial)):
        d = int(c)
        if i % 2 == 0:  # these get doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def bank_card(rng: random.Random, length: Optional[int] = None) -> str:
    """UnionPay debit card number (62 BIN), 16-19 digits, valid Luhn digit.

    ``length`` default: 16 or 19 (the common lengths), sometimes 17/18."""
    if length is None:
        length = rng.choice((16, 16, 19, 19, 19, 17, 18))
    if not 16 <= length <= 19:
        raise ValueError("bank card length must be 16..19")
    partial = rng.choice(_CARD_BINS) + _digits(rng, length - 7)
    return partial + luhn_check_digit(partial)


def passport(rng: random.Random) -> str:
    """PRC ordinary passport number: E+8 digits, G+8 digits, or E+letter(not I/O)+7 digits."""
    kind = rng.randrange(3)
    if kind == 0:
        return "E" + _digits(rng, 8)
    if kind == 1:
        return "G" + _digits(rng, 8)
    return "E" + rng.choice(_LETTERS_NO_IO) + _digits(rng, 7)


def hk_macao_permit(rng: random.Random) -> str:
    """往来港澳通行证 number: C+8 digits or C+letter(not I/O)+7 digits."""
    if rng.random() < 0.5:
        return "C" + _digits(rng, 8)
    return "C" + rng.choice(_LETTERS_NO_IO) + _digits(rng, 7)


def email(rng: random.Random) -> str:
    """Random address at an RFC 2606 reserved domain (never deliverable)."""
    style = rng.randrange(3)
    if style == 0:
        local = rng.choice(_PINYIN) + rng.choice(_PINYIN) + _digits(rng, rng.randint(2, 4))
    elif style == 1:
        local = rng.choice(_PINYIN) + rng.choice("._") + rng.choice(_PINYIN) + _digits(rng, 2)
    else:
        local = "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(rng.randint(6, 10)))
    return f"{local}@{rng.choice(_EMAIL_DOMAINS)}"


def name(rng: random.Random, given_len: Optional[int] = None) -> str:
    """Random surname + 1-2 random given-name characters."""
    n = given_len if given_len is not None else rng.choice((1, 2, 2, 2))
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_CHARS) for _ in range(n))


def org_code_check_char(body8: str) -> str:
    """GB 11714 organisation code check character for an 8-char body."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body8, _ORG_WEIGHTS))
    c = 11 - total % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character for the first 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc(rng: random.Random, region: Optional[str] = None, valid: bool = True) -> str:
    """统一社会信用代码: dept+category, 6-digit region, 9-char org code, check char."""
    head = rng.choice(("11", "12", "13", "19", "51", "52", "53", "91", "92", "93"))
    region = region or rng.choice(REGION_CODES)
    body8 = _digits(rng, 8)
    first17 = head + region + body8 + org_code_check_char(body8)
    check = uscc_check_char(first17)
    if not valid:
        check = rng.choice([c for c in USCC_ALPHABET if c != check])
    return first17 + check


def person(rng: random.Random, **id_kwargs) -> dict:
    """One fake person: name, id, mobile, card, email."""
    return {
        "name": name(rng),
        "id": resident_id(rng, **id_kwargs),
        "mobile": mobile(rng),
        "card": bank_card(rng),
        "email": email(rng),
    }


# --------------------------------------------------------------------------
# Formatting and masking
# --------------------------------------------------------------------------

def group4(number: str, sep: str = " ") -> str:
    """'6222021234567890' -> '6222 0212 3456 7890'."""
    return sep.join(number[i:i + 4] for i in range(0, len(number), 4))


def mask_id(x: str) -> str:
    """'110101199003074514' -> '110101********4514' (first 6, last 4 kept)."""
    x = x.strip()
    return x[:6] + "*" * (len(x) - 10) + x[-4:]


def mask_mobile(x: str) -> str:
    """'13812345678' -> '138****5678'."""
    x = x.strip()
    return x[:3] + "****" + x[-4:]


def mask_card(x: str) -> str:
    """'6222021234565702' (any grouping) -> '6222 **** **** 5702'."""
    d = "".join(c for c in x if c.isdigit())
    return f"{d[:4]} **** **** {d[-4:]}"


def mask_name(x: str) -> str:
    """'张伟' -> '张*', '张晓东' -> '张**', '欧阳华' -> '欧阳*'."""
    k = 2 if x[:2] in COMPOUND_SURNAMES and len(x) > 2 else 1
    return x[:k] + "*" * (len(x) - k)
