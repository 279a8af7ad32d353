"""The outline of a report: its numbered headings, wherever real reports put them.

Markers, by level: 0 第一部分; 1 一、 (also 一. and 一 、); 2 （一） and ㈠; 3 1、 and 1. A heading is
at the start of a line, or inline after a sentence end or a space (a whole report on one line:
`。 一、总体情况 2019年…`). Its title runs to the end of the sentence (or a colon), the next marker, or, for an
inline heading or a long line, the first space after the title began (what follows is body text).
Spaces inside a short heading (`一 、概 述`) are dropped from the title. A heading that fills its line
and stops mid-phrase (a PDF wrapped it: `四、因政府信息公开申请行政复议、提起行政诉` / `讼的情况`) takes the
start of the next line into its title.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from .text import chinese_number, compact

_NUMERAL = "[一二三四五六七八九十]{1,3}"
MARKER = re.compile(  # the lookahead first lets the engine skip the characters no marker starts with
    r"(?=[ \t第一二三四五六七八九十（㈠-㈩0-9])(?:^|(?<=[\s。；：]))[ \t]*"
    rf"(?:第(?P<part>{_NUMERAL})部分|(?P<one>{_NUMERAL})[ \t]*[、.](?!\d)|（[ \t]*(?P<paren>{_NUMERAL})[ \t]*）"
    r"|(?P<circled>[㈠-㈩])|(?P<arabic>\d{1,2})[ \t]*[、.](?!\d))[ \t]*")
_TITLE_END = re.compile("[。；：!！?？]")
TITLE_MAX = 40
_LONG_LINE = 60
_WRAPPED_LINE = 20  # a heading line at least this long that stops mid-phrase was wrapped
_COMPLETE = re.compile("(?:情况|事项|概述|概况|措施|安排|计划|打算|问题|工作|部分|方面)$")


@dataclass(frozen=True)
class Heading:
    line: int  # index of the block (0-based)
    start: int  # column of the marker (0-based)
    end: int  # end of the title
    level: int  # 0 第一部分, 1 一、, 2 （一）, 3 1、
    number: int
    title: str  # without spaces


def headings(lines: list[str]) -> list[Heading]:
    """Every heading of the folded lines, in document order (one regex pass over the whole text)."""
    text = "\n".join(lines)
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    markers = list(MARKER.finditer(text))
    out = []
    for k, m in enumerate(markers):
        i = bisect_right(starts, m.start()) - 1
        line, shift = lines[i], starts[i]
        following = markers[k + 1].start() - shift if k + 1 < len(markers) else len(text)
        last = following >= len(line)  # the line's last marker
        heading = _heading(i, line, _Shifted(m, shift), min(following, len(line)))
        if heading is not None and last and i + 1 < len(lines):
            heading = _unwrapped(heading, line, lines[i + 1])
        if heading is not None:
            out.append(heading)
    return out


class _Shifted:
    """A match of the joined text seen from its line."""

    def __init__(self, m: re.Match, shift: int):
        self.m, self.shift = m, shift

    def start(self) -> int:
        return self.m.start() - self.shift

    def end(self) -> int:
        return self.m.end() - self.shift

    def group(self, name=0):
        return self.m.group(name)


def _heading(i: int, line: str, m: re.Match, next_marker: int) -> Heading | None:
    level, number = _level_and_number(m)
    if number is None:
        return None
    begin = m.end()
    end = min(next_marker, begin + TITLE_MAX)
    stop = _TITLE_END.search(line, begin, end)
    if stop:
        end = stop.start()
    inline = bool(line[:m.start()].strip())
    if inline or len(line) > _LONG_LINE:
        space = line.find(" ", begin + 2, end)
        end = space if space != -1 else end
    title = compact(line[begin:end])
    if not title or title[0].isdigit():  # 1. 2018 or 一、2 are numbers, not headings
        return None
    return Heading(i, m.start() + (len(m.group()) - len(m.group().lstrip())), end, level, number, title)


def _unwrapped(heading: Heading, line: str, following: str) -> Heading:
    """The heading with the start of the next line in its title, when its own line was wrapped."""
    if (heading.start or heading.end < len(line.rstrip()) or len(line.strip()) < _WRAPPED_LINE
            or _COMPLETE.search(heading.title) or MARKER.match(following) or not following.strip()):
        return heading
    stop = _TITLE_END.search(following)
    more = compact(following[:stop.start() if stop else TITLE_MAX])[:TITLE_MAX - len(heading.title)]
    return Heading(heading.line, heading.start, heading.end, heading.level, heading.number, heading.title + more)


def _level_and_number(m: re.Match) -> tuple[int, int | None]:
    if m.group("part"):
        return 0, chinese_number(m.group("part"))
    if m.group("one"):
        return 1, chinese_number(m.group("one"))
    if m.group("paren"):
        return 2, chinese_number(m.group("paren"))
    if m.group("circled"):
        return 2, ord(m.group("circled")) - ord("㈠") + 1
    return 3, int(m.group("arabic"))
