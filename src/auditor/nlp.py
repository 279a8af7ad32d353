"""The NLP pipeline: spaCy's blank Chinese pipeline with a jieba segmenter and auditor's own components.

    tokenizer            jieba (a private jieba.Tokenizer, with the context words of rules/names.yaml
                         added so that 被征收人 or 您好 is always one token)
    auditor_context      a PhraseMatcher compiled from rules/names.yaml's context words: spans in
                         doc.spans["auditor_context"] labelled "<private|official|neutral>:<after|before>"
                         (where the name is relative to the word)
    auditor_person_names proposes the name next to each context span (name_lexicon.Lexicon) and scores
                         it: doc._.person_names, a list of name_lexicon.Candidate (character offsets)

spaCy takes about a second to import, so it is imported only when a document has a context word
next to which a name can stand, and the pipeline is built once per process; jieba alone (its word
frequencies, for the names in table columns) loads in a quarter of a second. Both are imported
without the parts auditor never uses (see _import_spacy and _import_jieba).
"""
from __future__ import annotations

import gc
import logging
import os
import sys
import types
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from .detectors.name_lexicon import Candidate, Lexicon, lexicon

_ANCHOR_FREQUENCY = 10 ** 6  # high enough that jieba never splits a context word
# The command line sets this: once spaCy and jieba are loaded, their hundreds of thousands of
# long-lived objects are moved out of the garbage collector's way (gc.freeze), which saves about a
# tenth of a scan's time. A program that imports auditor as a library keeps its own GC policy.
FREEZE_AFTER_LOAD = False


# jieba's dictionary without its rarest words (349,046 entries -> 52,178): it loads several times
# faster, and neither job jieba does here needs them: segmenting the few characters around a context
# word, and telling common words (frequency >= 100) from names.
MIN_WORD_FREQUENCY = 50


def _import_jieba():
    """jieba, imported without pkg_resources: jieba only uses it to open its own data files (it falls
    back to a plain open() without it), and importing pkg_resources costs 0.15-0.2 s."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def _import_spacy():
    """spaCy, imported without its command line: spacy/__init__.py imports spacy.cli (typer, httpx,
    weasel, jinja2: about 0.4 s) only to re-export `spacy.info`, which auditor never calls. A stand-in
    is used during the import and removed after it, so `import spacy.cli` still loads the real one."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli, info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")

    def real_info(*args, **kwargs):
        from spacy.cli.info import info as real
        return real(*args, **kwargs)

    info.info, cli.info = real_info, info
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy
    finally:
        for name in ("spacy.cli", "spacy.cli.info"):
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
        if getattr(sys.modules.get("spacy"), "cli", None) is cli:
            del sys.modules["spacy"].cli
    return spacy


def _dictionary():
    """The trimmed dictionary, written once to the user's cache folder (None: use jieba's own)."""
    jieba = _import_jieba()

    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "auditor"
    path = folder / f"jieba-{jieba.__version__}-min{MIN_WORD_FREQUENCY}.txt"
    if path.exists():
        return path
    source = Path(jieba.__file__).parent / "dict.txt"
    try:
        with open(source, encoding="utf-8") as f:
            kept = [line for line in f if int(line.split()[1]) >= MIN_WORD_FREQUENCY]
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text("".join(kept), encoding="utf-8")
        partial.replace(path)  # atomic: a parallel worker never reads half a file
        return path
    except (OSError, ValueError, IndexError):
        return None  # a read-only home: jieba's full dictionary, slower to load


@lru_cache(maxsize=1)
def segmenter():
    """auditor's own jieba.Tokenizer (the global one is left alone), with the context words of
    rules/names.yaml added so that jieba never splits them. Loads without spaCy: a table of names
    needs only its word frequencies."""
    jieba = _import_jieba()

    jieba.setLogLevel(logging.ERROR)  # keep "Building prefix dict..." off stderr
    dictionary = _dictionary()
    tokenizer = jieba.Tokenizer(str(dictionary)) if dictionary else jieba.Tokenizer()
    tokenizer.initialize()
    for word in lexicon().anchors:  # "(公民身份号码" is matched as the tokens "(" and "公民身份号码"
        tokenizer.add_word(word.lstrip("(（"), _ANCHOR_FREQUENCY)
    _freeze()
    return tokenizer


def word_frequency(word: str) -> int:
    """How often jieba's dictionary has seen `word` as a word (0 if never; context words excluded)."""
    f = segmenter().FREQ.get(word, 0)
    return 0 if f >= _ANCHOR_FREQUENCY else f


class JiebaTokenizer:
    """A spaCy tokenizer backed by auditor's jieba segmenter."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.jieba = segmenter()

    def __call__(self, text):
        from spacy.tokens import Doc
        from spacy.util import get_words_and_spaces

        words, spaces = get_words_and_spaces([w for w in self.jieba.cut(text) if w], text)
        return Doc(self.vocab, words=words, spaces=spaces)


class ContextMatcher:
    """Finds the context of rules/names.yaml: its words as token phrases (PhraseMatcher), its
    token_patterns with spaCy's Matcher."""

    def __init__(self, nlp, lex: Lexicon):
        from spacy.matcher import Matcher, PhraseMatcher

        self.phrases = PhraseMatcher(nlp.vocab)
        patterns = defaultdict(list)
        for word, (side, role) in lex.anchors.items():
            patterns[f"{role}:{side}"].append(nlp.make_doc(word))
        for label, docs in patterns.items():
            self.phrases.add(label, docs)
        self.tokens = Matcher(nlp.vocab)
        for label, token_patterns in lex.token_patterns.items():
            self.tokens.add(label, token_patterns)

    def __call__(self, doc):
        doc.spans["auditor_context"] = (self.phrases(doc, as_spans=True) + self.tokens(doc, as_spans=True))
        return doc


class PersonNames:
    """Proposes a name beside each context span and scores it."""

    def __init__(self, lex: Lexicon, frequency):
        self.lex, self.frequency = lex, frequency

    def __call__(self, doc):
        text, found = doc.text, {}
        for span in doc.spans["auditor_context"]:
            role, side = span.label_.split(":")  # side: is the name after or before the context?
            word = span.text
            if side == "after":
                located = self.lex.after(text, self.lex.gap.match(text, span.end_char).end())
                why = f"after {word}"
            else:
                located = self.lex.before(text, span.start_char)
                why = f"before {word}"
            while located:
                start, end, evidence = located
                if word in self.lex.weak and not any(c in self.lex.given for c in text[start:end]):
                    break  # 余款已于…: after a weak context word, only a name-like name
                self._keep(found, text, start, end, role, evidence + [why], self.lex.evidence["context"][role])
                # a list after one role word: 家庭成员马建华、马丽
                if side != "after" or text[end:end + 1] not in ("、", ",", "，") or role == "neutral":
                    break
                located = self.lex.after(text, end + 1, unknown=False)
                why = f"listed after {word}"
        doc._.person_names = sorted(found.values(), key=lambda c: c.start)
        return doc

    def _keep(self, found, text, start, end, role, evidence, weight):
        scored = self.lex.score(text, start, end, evidence, weight, self.frequency)
        if scored is None or scored[0] < self.lex.evidence["candidate_floor"]:
            return
        old = found.get(start)
        if old is not None and old.end == end:
            # a second context word for the same name: more evidence; an official role wins
            old.confidence = min(0.99, max(old.confidence, scored[0]) + self.lex.evidence["second_context"])
            old.reasons += tuple(r for r in scored[1] if r not in old.reasons)
            if role == "official":
                old.role = "official"
        elif old is None or scored[0] > old.confidence:
            found[start] = Candidate(start, end, role, scored[0], scored[1])


@lru_cache(maxsize=1)
def pipeline():
    """The spaCy pipeline (built on first use, once per process)."""
    spacy = _import_spacy()
    from spacy.tokens import Doc

    if not Doc.has_extension("person_names"):
        Doc.set_extension("person_names", default=None)  # set by auditor_person_names on every Doc
    _register_components()
    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    nlp.add_pipe("auditor_context")
    nlp.add_pipe("auditor_person_names")
    _freeze()
    return nlp


def _freeze() -> None:
    if FREEZE_AFTER_LOAD:
        gc.collect()
        gc.freeze()


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory("auditor_context"):
        Language.factory("auditor_context", func=lambda nlp, name: ContextMatcher(nlp, lexicon()))
        Language.factory("auditor_person_names",
                         func=lambda nlp, name: PersonNames(lexicon(), word_frequency))


@lru_cache(maxsize=4)
def user_model(name: str):
    """A user's own spaCy pipeline (an installed package or a folder) whose PERSON entities are
    combined with auditor's rules. Raises OSError/ImportError if it cannot be loaded."""
    return _import_spacy().load(name)


PERSON_LABELS = ("PERSON", "PER", "NR")


def model_persons(name: str, text: str) -> list[tuple[int, int]]:
    """Character spans the user's model labels as a person in `text`."""
    return [(e.start_char, e.end_char) for e in user_model(name)(text).ents if e.label_ in PERSON_LABELS]
