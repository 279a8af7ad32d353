"""Person names (姓名): a private person's name is personal data; an official's, named in role, is not.

Where a name can be, cheapest first (NLP only where something points at a name):
1. table rows: every cell under a name column (姓名, 户主, 申请人...) and the name-like cell of a row
   that holds an ID, a phone or a bank card (no NLP needed);
2. context words of rules/names.yaml (申请人, 户主, 经办人, 您好, 等…): where a name can stand beside
   one (a cheap look at the characters there), a few characters around it go through the spaCy
   pipeline (auditor.nlp), which proposes and scores the names — one call per document;
3. salutation lines (张三：) and masked names (张*, 王某某; 张*明 is under-masked) anywhere.

Verdicts: "leak" (error) when the same row or sentence holds other personal data of the person (an
ID, phone, bank card, e-mail, address, birth date); "alone" (warning) otherwise; "official" (a note)
for the office's staff and office-holders named in role — unless a personal mobile, ID or bank card
sits beside the name, which makes it a leak whatever the role; "under-masked" (warning) for 张*明.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate

from .base import Hit
from .name_lexicon import HAN, LATIN_NAME, lexicon

NAME = "person_name"
ENTITY = "PERSON_NAME"
# detectors whose leaks are "other personal data of the same person"
PERSONAL = ("resident_id", "mobile", "landline", "bank_card", "passport", "hk_macao_permit", "email",
            "address", "birth_date")
# beside these, even an official's name is a leak (the 条例 publishes names, never personal numbers)
STRONG = ("resident_id", "mobile", "bank_card")
# characters around a context word and its proposed name that the NLP pipeline reads too (three times
# as many after a name that follows its context word: a list of names, 家庭成员甲、乙、丙)
WINDOW_MARGIN = 6
NEAREST = 4  # personal hits looked at on each side of a name in its sentence
_SALUTATION = re.compile(r"^\s*([\u4e00-\u9fff]{2,4})[:：]\s*$")


@lru_cache(maxsize=1)
def _context_words() -> re.Pattern:
    """Any context word: a sentence containing one goes through the NLP pipeline."""
    words = sorted(lexicon().anchors, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


@lru_cache(maxsize=1)
def _mask_start() -> re.Pattern:
    lex = lexicon()
    surnames = "".join(sorted(lex.surnames))
    masks = "".join(re.escape(c) for c in sorted(lex.mask_chars - set("xX")))
    return re.compile(f"[{surnames}](?=[{masks}]|某|[xX][xX甲乙丙丁])")


def find(doc_scope):
    personal = _personal_by_block(doc_scope)
    found: dict[tuple[int, int], Hit] = {}
    for hit in _table_names(doc_scope, personal):
        found.setdefault((hit.block, hit.start), hit)
    model = doc_scope.person_model
    for hit in [*_sentence_names(doc_scope, personal), *_salutations(doc_scope, personal),
                *(_model_names(doc_scope, personal, model) if model else ())]:
        key = (hit.block, hit.start)
        if key not in found or (found[key].verdict == "alone" and hit.verdict != "alone"):
            found[key] = hit
    masked = list(_masked_names(doc_scope))
    spans = {(h.block, h.start) for h in masked}
    return [h for h in found.values() if (h.block, h.start) not in spans] + masked


def _personal_by_block(doc_scope) -> dict[int, list[Hit]]:
    """Other detectors' leaks, by block, in order of position."""
    by_block: dict[int, list[Hit]] = {}
    for name in PERSONAL:
        for hit in doc_scope.hits(name):
            if hit.verdict == "leak":
                by_block.setdefault(hit.block, []).append(hit)
    for hits in by_block.values():
        hits.sort(key=lambda h: h.start)
    return by_block


def _nearest(hits: list[Hit], a: int, b: int, start: int, end: int) -> list[Hit]:
    """The personal hits in [a, b) nearest the name at [start, end): a few on each side, so a list
    flattened into one sentence of thousands of rows costs no more per name than a short one."""
    k, j = bisect_left(hits, end, key=_start_of), bisect_left(hits, start, key=_start_of)
    after = [h for h in hits[k:k + NEAREST] if h.start < b]
    before = [h for h in hits[max(0, j - NEAREST):j] if h.start >= a]
    return after + before[::-1]


def _start_of(hit: Hit) -> int:
    return hit.start


def _verdict(role: str, beside: list[Hit]) -> tuple[str, tuple[str, ...]]:
    strong = [h.entity for h in beside if h.detector in STRONG]
    if role == "official":
        if strong:
            return "leak", (f"official, but a personal {strong[0]} is beside the name",)
        return "official", ("named in an official role",)
    if beside:
        return "leak", (f"{beside[0].entity} of the same person beside it",)
    return "alone", ()


def _hit(i, start, end, role, confidence, reasons, beside) -> Hit:
    verdict, why = _verdict(role, beside)
    return Hit(NAME, verdict, start, end, ENTITY, confidence, tuple(reasons) + why, block=i)


# --- 1. tables ------------------------------------------------------------------------------
def _table_names(doc_scope, personal):
    lex = lexicon()
    for i in doc_scope.table_rows():
        scope = doc_scope.scope(i)
        cells = []
        for a, b, header in scope.cell_spans():
            value = scope.text[a:b].strip()
            if value:
                a += scope.text[a:b].find(value)
                cells.append((a, a + len(value), value, "".join(header.split())))
        official_row = any(value in lex.official_cell_words for _, _, value, _ in cells)
        named = [c for c in cells if c[3] in lex.name_headers or c[3] in lex.official_headers]
        beside = personal.get(i, [])
        if named:
            for a, b, value, header in named:
                role = "official" if official_row or header in lex.official_headers else "private"
                scored = _score_cell(lex, value, lex.evidence["name_column"], f"in column {header}",
                                     allow_unknown=True)
                if scored:
                    yield _hit(i, a, b, role, *scored, [h for h in beside if not a <= h.start < b])
        elif beside:
            # no name column, but the row holds an ID, phone or card: its most name-like cell
            weight = lex.evidence["row_with_id"]
            best = max(((_score_cell(lex, value, weight, f"row has {beside[0].entity}"), a, b)
                        for a, b, value, _ in cells if not any(h.start <= a < h.end for h in beside)),
                       key=lambda s: s[0][0] if s[0] else 0, default=(None, 0, 0))
            scored, a, b = best
            if scored:
                yield _hit(i, a, b, "official" if official_row else "private", *scored, beside)


def _score_cell(lex, value, weight, why, allow_unknown=False):
    """Score a whole cell as a name. `allow_unknown` (a name column): also a name without a known
    surname (晓东, a transliterated 约翰逊) or in latin letters (John Smith)."""
    if lex.masked_form(value, 0):
        return None
    evidence = lex.plausible_cell(value)
    if evidence is None:
        if not allow_unknown or lex.is_trap(value, ""):
            return None
        if LATIN_NAME.fullmatch(value):
            return weight + lex.evidence["no_known_surname"], (why, "a name in latin letters")
        if 2 <= len(value) <= 5 and all(HAN.match(c) for c in value):
            return weight + lex.evidence["no_known_surname"], (why, "no known surname")
        return None
    scored = lex.score(value, 0, len(value), evidence + [why], weight, _frequency())
    if scored is None or scored[0] < lex.evidence["threshold"]:
        return None
    return scored


def _frequency():
    from ..nlp import word_frequency  # jieba's dictionary, without spaCy

    return word_frequency


# --- 2. sentences with a context word --------------------------------------------------------
def _sentence_names(doc_scope, personal):
    """The windows of a document go through the NLP pipeline as one text, a line each (one call per
    document: spaCy's cost per call outweighs its cost per character on windows this short)."""
    from ..nlp import pipeline

    windows = _windows(doc_scope)
    if not windows:
        return
    parts = [doc_scope.scope(i).text[wa:wb] for i, (wa, wb), _ in windows]
    offsets = list(accumulate((len(p) + 1 for p in parts[:-1]), initial=0))
    by_window = [[] for _ in windows]
    for c in pipeline()("\n".join(parts))._.person_names:
        k = bisect_right(offsets, c.start) - 1
        c.start, c.end = c.start - offsets[k], c.end - offsets[k]
        by_window[k].append(c)
    for (i, (wa, _), sentence), found in zip(windows, by_window):
        yield from _sentence_hits(i, wa, sentence, found, personal)


def _model_names(doc_scope, personal, model: str):
    """Names a user's own spaCy pipeline finds (config `person-model`): it reads every line, as a
    model needs no context word."""
    for i, line in enumerate(doc_scope.doc.texts()):
        if line.strip():
            text = doc_scope.scope(i).text
            yield from _sentence_hits(i, 0, (0, len(text)), list(_model_candidates(model, text)), personal)


def _sentence_hits(i, offset, sentence, candidates, personal):
    """Hits for candidates found in block i's text from `offset`; personal data in the same
    `sentence` (start, end) adds evidence and decides the verdict."""
    a, b = sentence
    evidence = lexicon().evidence
    for c in candidates:
        start, end = offset + c.start, offset + c.end
        beside = _nearest(personal.get(i, []), a, b, start, end)
        confidence, reasons = c.confidence, c.reasons
        if beside:
            confidence = min(0.99, confidence + evidence["personal_data_beside"])
            reasons += ("personal data in the sentence",)
        if confidence >= evidence["threshold"]:
            yield _hit(i, start, end, c.role, confidence, reasons, beside)


def _model_candidates(model, text):
    from ..nlp import model_persons
    from .name_lexicon import Candidate

    lex = lexicon()
    weight, why = lex.evidence["model_person"], f"{model} says PERSON"
    for start, end in model_persons(model, text):
        if lex.masked_form(text, start):
            continue
        if lex.surname_at(text, start)[0]:
            scored = lex.score(text, start, end, [why], weight)
        else:
            scored = weight + lex.evidence["no_known_surname"], (why, "no known surname")
        if scored and scored[0] >= lex.evidence["threshold"]:
            yield Candidate(start, end, "private", *scored)


def _windows(doc_scope) -> list[tuple[int, tuple[int, int], tuple[int, int]]]:
    """(block, window, sentence) for each context word next to which a name could stand: the
    window around the word goes through the NLP pipeline; the sentence (or table cell) around it
    decides whose data sits beside the name. Most context words in a report are followed by no name
    at all (申请人的, 工作人员对…): a cheap look at the characters beside them keeps those sentences
    out of the pipeline."""
    lex = lexicon()
    windows: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    starts = doc_scope.starts
    for m in _context_words().finditer(doc_scope.text):
        i = bisect_right(starts, m.start()) - 1
        scope = doc_scope.scope(i)
        start, end = m.start() - starts[i], m.end() - starts[i]
        side, _ = lex.anchors[m.group()]
        text = scope.text
        if side == "after":
            proposed = lex.after(text, lex.gap.match(text, end).end())
        else:
            proposed = lex.before(text, start - (start > 0 and text[start - 1] in "(（"))
        if proposed is None:
            continue
        sa, sb = _sentence_around(scope, start, end)
        # the NLP reads the context word, the name and a little beyond (a list of names after it)
        wa = max(sa, min(start, proposed[0]) - WINDOW_MARGIN)
        wb = min(sb, max(end, proposed[1]) + WINDOW_MARGIN * (3 if side == "after" else 1))
        windows.setdefault((i, sa, sb), []).append((wa, wb))
    found = []
    for (i, sa, sb), spans in sorted(windows.items()):
        merged: list[list[int]] = []
        for wa, wb in sorted(spans):
            if merged and wa <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], wb)
            else:
                merged.append([wa, wb])
        found += [(i, (wa, wb), (sa, sb)) for wa, wb in merged]
    return found


def _salutations(doc_scope, personal):
    """A line that is only a name and a colon: the addressee of a reply (张三：)."""
    lex = lexicon()
    lines = doc_scope.doc.texts()
    for i, line in enumerate(lines):
        if len(line) > 12 or not _SALUTATION.match(line):
            continue
        m = _SALUTATION.match(doc_scope.scope(i).text)
        # a letter's addressee: the next line speaks to 你/您 in its first sentence
        addressed = i + 1 < len(lines) and any(c in lines[i + 1].split("。", 1)[0] for c in "你您")
        weight = lex.evidence["salutation"]
        if addressed:
            scored = _score_cell(lex, m.group(1), weight + lex.evidence["addressed"],
                                 "a salutation line, the next line says 你", allow_unknown=True)
        else:
            scored = _score_cell(lex, m.group(1), weight, "a salutation line")
        if scored:
            yield _hit(i, m.start(1), m.end(1), "private", *scored, personal.get(i, []))


def _sentence_around(scope, start, end) -> tuple[int, int]:
    """The table cell, or else the sentence, around text[start:end] of a block."""
    cell = scope.cell_at(start)
    return cell[:2] if cell else scope.sentence_bounds(start, end)


# --- 3. masked names -------------------------------------------------------------------------
def _masked_names(doc_scope):
    lex = lexicon()
    starts = doc_scope.starts
    for m in _mask_start().finditer(doc_scope.text):
        i = bisect_right(starts, m.start()) - 1
        text = doc_scope.scope(i).text
        start = m.start() - starts[i]
        form = lex.masked_form(text, start)
        if form is None:
            continue
        end, verdict = form
        if verdict == "under-masked" and start and HAN.match(text[start - 1]) and not lex.starts_here(text, start):
            continue  # a surname character inside a word is not the start of a name
        confidence = 0.7 if verdict == "under-masked" else 0.9
        yield Hit(NAME, verdict, start, end, ENTITY, confidence,
                  ("surname and a mask", "a given-name character left visible") if verdict == "under-masked"
                  else ("surname and a mask",), block=i)

