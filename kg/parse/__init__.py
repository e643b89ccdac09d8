"""Parse stage: articles → :class:`ParsedArticle`, spaCy's parse read once into one token layer.

Every later stage that reads the parse (the extraction rules, the coreference sieves, the
evaluation harnesses) reads these layers, never the spaCy ``Doc`` again.

>>> from kg.nlp import load_model
>>> parsed = parse_text("Belarus frees 123 political prisoners.", load_model())
>>> layer = parsed.segments[0]
>>> [(t.text, t.dep_) for t in layer][:2], layer.noun_chunks[0]
([('Belarus', 'nsubj'), ('frees', 'ROOT')], (0, 1, 0))
"""

from kg.parse._article import ParsedArticle, parse_articles, parse_text
from kg.parse._layer import EntityView, ParsedSegment, Token
from kg.parse._lexicon import Lexicon

__all__ = [
    "EntityView",
    "Lexicon",
    "ParsedArticle",
    "ParsedSegment",
    "Token",
    "parse_articles",
    "parse_text",
]
