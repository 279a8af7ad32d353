"""Home addresses (住址) below the 乡镇/街道 level: …村…组…号, …路…号…室, …小区…栋…单元.

An address is found from its house-number part (村5组, 路147号, 新城10栋), extended back over the place
names before it up to the label word (住址, 家住, 通讯地址…, rules/names.yaml `address`). Whose it is
comes from that label or the column header: a private person's home (住址, 家庭住址, 户籍地址, 家住,
住…) is a leak (warning); the office's own address (本机关地址, 办公地址, 领证地点), a house being
expropriated (房屋坐落) or a business's premises (经营场所) are not reported, and a village named alone
(所在村：新华村) is not an address.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..rulepacks import load_data
from .base import Hit
from .name_lexicon import HAN

NAME = "address"
ENTITY = "ADDRESS"
# The first house number after a place name. 栋, 幢 and 单元 follow any estate name (御景湾23栋); 组,
# 号 and 弄 only a village, road or estate word (5组, 路147号), as 号 alone is also a document number.
_TRIGGER = re.compile(r"(?<=[\u4e00-\u9fff])\d{1,5}(组|号楼|号|栋|幢|弄|单元)")
_PLACE_BEFORE_NUMBER = set("村组路街道巷区园城苑邸寓厦弄里庄屯寨")
_UNITS = re.compile(r"(?:\d{1,5}(?:号楼|组|号|栋|幢|弄|单元|室|层|楼|户)|-\d{1,5}(?:室|号)?)+")
_BACK = 18  # place names before the house number: at most this many characters


@lru_cache(maxsize=1)
def _words():
    data = load_data("names.yaml")["address"]
    labels = {w: kind for kind in ("private", "office", "neutral", "not_home") for w in data[kind]}
    pattern = re.compile("|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True)))
    return labels, pattern, set(data["private_headers"]), tuple(data["office_places"])


def find(doc_scope):
    labels, pattern, private_headers, office_places = _words()
    starts, text = doc_scope.starts, doc_scope.text
    last = None
    for m in _TRIGGER.finditer(text):
        if last is not None and m.start() < last:
            continue  # a later unit of an address already read
        if m.group(1) in ("组", "号", "弄") and text[m.start() - 1] not in _PLACE_BEFORE_NUMBER:
            continue
        i = bisect_right(starts, m.start()) - 1
        scope = doc_scope.scope(i)
        local = m.start() - starts[i] - 1  # the place character before the number
        end = _UNITS.match(scope.text, local + 1).end()
        last = starts[i] + end
        start, label = _start(scope.text, local, pattern)
        value = scope.text[start:end]
        if any(p in value for p in office_places):
            continue
        kind = labels.get(label) if label else None
        cell = scope.cell_at(local)
        if cell is not None:
            header = cell[2]
            start = max(start, cell[0])
            if "".join(header.split()) in private_headers:
                kind = "private"
        if kind == "neutral":  # 地址：… — the owner of the sentence decides
            kind = "private" if scope.owner(start) == "private" else None
        if kind == "private":
            yield Hit(NAME, "leak", start, end, ENTITY, 0.8, (f"house number after {label or 'address column'}",),
                      block=i)


def _start(text: str, trigger: int, pattern) -> tuple[int, str | None]:
    """Where the address begins, and its label: the place names before the house number, cut after
    the last label word among them or just before them (住址：新华村…, 家庭住址新华村…)."""
    han_start = trigger
    while han_start > 0 and trigger - han_start < _BACK and HAN.match(text[han_start - 1]):
        han_start -= 1
    label, start = None, han_start
    for m in pattern.finditer(text, max(0, han_start - 8), trigger):
        label, start = m.group(), max(han_start, m.end())
    while start < trigger and text[start] in "为是在于:：":
        start += 1  # 寄件人地址为清溪镇…
    return start, label
