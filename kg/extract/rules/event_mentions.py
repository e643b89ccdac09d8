"""Event mentions that make no Open-IE triple: bare verbs, bare event nouns, event states.

People who annotate events (ECB+, MEANTIME, TimeML) mark every word that reports that
something happened, whether or not it has a subject and an object: "after *shooting* him",
"the *quake*", "she was found *dead*". The clause rules leave these out (a relation needs two
arguments to be worth a CaRB tuple), so a happening reported only that way had no report in
the graph. These rules make one report for each such word that no other rule's fact is
about, with whatever participants hang on it:

================  =========================================================================
``verb_event``    a verb with no fact of its own: in a subordinate clause ("after
                  *hosting* the show"), a gerund, a bare infinitive, a participle on a
                  noun ("the *fired* coach"), an intransitive ("the ferry *sank*")
``noun_event``    an event noun with no participant ("the *arrest*", "the *quake*",
                  "the *Oscars*"): the nouns of :func:`kg.extract.rules.is_event_noun`,
                  :data:`MORE_EVENT_NOUNS`, and named events (spaCy's ``EVENT``)
``state_event``   a predicative adjective that names an event's outcome ("was found
                  *dead*", "is *pregnant*"): :data:`STATE_ADJECTIVES`
================  =========================================================================

The three rules' facts are reports of events, not relations between two arguments, so
:data:`kg.extract.CARB_EXCLUDED_RULES` keeps them out of CaRB output, as it does for
``nominal_event``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.extract._draft import Draft, event_draft
from kg.extract.rules.arguments import SUBJ_DEPS, part_for, prep_parts, scene_parts
from kg.extract.rules.nominal_events import is_event_noun
from kg.model import Role

if TYPE_CHECKING:
    from kg.parse import Token

__all__ = [
    "EVENT_MENTION_RULES",
    "MORE_EVENT_NOUNS",
    "NAMED_EVENT_WORDS",
    "STATE_ADJECTIVES",
    "event_mentions",
    "noun_event",
    "state_event",
    "verb_event",
]

#: The rules of this module: each fact stands without a subject or an object.
EVENT_MENTION_RULES = frozenset({"verb_event", "noun_event", "state_event"})

#: Event nouns of news reports beyond :data:`~kg.extract.rules.nominal_events.EVENT_NOUNS`
#: (crime, health, entertainment and sport), as lemmas.
MORE_EVENT_NOUNS = frozenset(
    {
        "quake", "tremor", "aftershock", "tsunami", "storm", "hurricane", "eruption",
        "piracy", "hijack", "hijacking", "homicide", "manslaughter", "robbery", "theft",
        "burglary", "massacre", "rampage", "spree", "riot", "standoff", "siege", "ambush",
        "stabbing", "beating", "wound", "overdose", "surgery", "treatment", "rehab",
        "incident", "show", "performance", "concert", "gig", "party", "celebration",
        "wedding", "funeral", "divorce", "marriage", "stint", "job", "role", "game", "match",
        "playoff", "final", "season", "race", "tournament", "honor", "honour", "nomination",
        "suspicion", "dui", "hit", "patrol", "mission", "operation", "sentence", "custody",
        "jail", "prison", "firing", "sacking", "ouster", "hire", "signing", "upgrade",
        "outage", "breach", "hack", "leak", "scandal", "affair", "crisis", "war", "cut",
        "host", "nominee", "dwi", "chase", "pursuit", "post", "broadcast",
    }
)  # fmt: skip

#: Words of named events that spaCy tags as proper nouns: "the Oscars", "Academy Awards".
NAMED_EVENT_WORDS = frozenset(
    {"oscars", "oscar", "awards", "emmys", "emmy", "grammys", "grammy", "olympics", "globes"}
)
#: Acronyms of events that spaCy takes for names: "arrested on a DUI charge".
_EVENT_ACRONYMS = frozenset({"dui", "dwi"})

#: Predicative adjectives that say what an event left behind: "was found dead".
STATE_ADJECTIVES = frozenset(
    {
        "dead", "alive", "injured", "wounded", "hurt", "missing", "guilty", "pregnant", "ill",
        "sick", "safe", "free", "married", "divorced", "engaged", "homeless", "unemployed",
        "sober", "drunk", "intoxicated", "critical", "stable", "unconscious", "responsible",
        "liable", "bankrupt", "insolvent", "thrilled", "nominated", "eligible", "available",
    }
)  # fmt: skip

#: Verbs that only carry tense or mood, never an event of their own.
_NOT_EVENTS = frozenset({"be", "have", "do", "get", "let", "seem", "appear", "become"})
#: Nouns in :data:`MORE_EVENT_NOUNS` that are places unless an article says otherwise.
_PLACES_FIRST = frozenset({"jail", "prison", "rehab"})


def verb_event(verb: Token) -> list[Draft]:
    """A verb no clause rule made a fact of, with the participants that hang on it.

    Written for "Police arrested him after shooting a guard in Ohio" → "shooting", patient
    "a guard", location "Ohio" (the clause rule has "Police ; arrested ; him" only).
    """
    if verb.pos_ != "VERB" or verb.dep_ in ("aux", "auxpass") or verb.ent_type_:
        return []
    lemma = verb.lemma_.lower()
    if lemma in _NOT_EVENTS or not lemma.isalpha():
        return []
    particles = [c for c in verb.children if c.dep_ == "prt"]
    pred = sorted([verb, *particles], key=lambda t: t.i)
    subject = object = None
    for c in verb.children:
        if c.dep_ in SUBJ_DEPS and c.dep_ != "expl" and subject is None:
            role = Role.PATIENT if c.dep_ == "nsubjpass" else Role.AGENT
            subject = part_for(c, role, split_coord=True)
        elif c.dep_ == "dobj" and object is None:
            object = part_for(c, Role.PATIENT, split_coord=True)
    if subject is not None and subject.role == Role.PATIENT and object is None:
        subject, object = None, subject  # "he was shot": the one shot undergoes it
    args = [p for p in prep_parts(verb, verb) if p.role != Role.ATTRIBUTED_TO]
    args += [p for p in scene_parts(verb) if all(p.start != a.start for a in args)]
    event_type = "_".join([lemma, *(p.lower_ for p in particles)])
    negated = any(c.dep_ == "neg" for c in verb.children)
    return event_draft(
        "verb_event", verb, pred, event_type, subject=subject, object=object, args=args,
        negated=negated,
    )  # fmt: skip


def noun_event(noun: Token) -> list[Draft]:
    """An event noun with no participant in its phrase: the event is all it says.

    Written for "The quake was felt across the island" → "quake" (``nominal_event`` wants a
    participant such as "the quake *in Sumatra*").
    """
    lemma = noun.lemma_.lower()
    named = (
        noun.ent_iob_ in ("B", "I")
        and _entity_root(noun)
        and (noun.ent_type_ == "EVENT" or noun.lower_ in NAMED_EVENT_WORDS)
    )
    if named or (noun.pos_ == "PROPN" and noun.lower_ in NAMED_EVENT_WORDS | _EVENT_ACRONYMS):
        pass
    elif (
        noun.pos_ != "NOUN"
        or (noun.ent_type_ and lemma not in _EVENT_ACRONYMS)
        or not (is_event_noun(noun) or lemma in MORE_EVENT_NOUNS)
    ):
        return []
    elif lemma in _PLACES_FIRST and noun.head.lower_ in ("in", "from", "to", "into", "of"):
        return []  # "in jail": where someone is, not what happened
    pred = _entity_tokens(noun) if named else [noun]
    event_type = "_".join(t.lemma_.lower() for t in pred if t.lower_.isalpha()) or lemma
    negated = any(c.lower_ in ("no", "never") for c in noun.children)
    return event_draft("noun_event", noun, pred, event_type, args=scene_parts(noun),
                       negated=negated)  # fmt: skip


def state_event(adjective: Token) -> list[Draft]:
    """A predicative adjective naming an event's outcome, with whom it is said of.

    Written for "The singer was found dead in her hotel room" → "dead", patient "The
    singer", location "her hotel room".
    """
    lemma = adjective.lemma_.lower()
    if adjective.dep_ not in ("acomp", "oprd") or lemma not in STATE_ADJECTIVES:
        return []
    head = adjective.head
    holder = next((c for c in head.children if c.dep_ in SUBJ_DEPS and c.dep_ != "expl"), None)
    if adjective.dep_ == "oprd":  # "left him dead": the object holds the state
        holder = next((c for c in head.children if c.dep_ == "dobj"), holder)
    patient = part_for(holder, Role.PATIENT, split_coord=True) if holder is not None else None
    return event_draft(
        "state_event", adjective, [adjective], lemma, object=patient,
        args=scene_parts(head) + scene_parts(adjective),
        negated=any(c.dep_ == "neg" for c in head.children),
    )  # fmt: skip


def event_mentions(sent: Sequence[Token], drafts: Sequence[Draft]) -> list[Draft]:
    """The reports of this module for the words of ``sent`` that no draft in ``drafts`` is
    about (its anchor or a word of its relation phrase), in text order.

    >>> from kg.nlp import load_model
    >>> from kg.parse import parse_text
    >>> layer = parse_text("After the quake, rescuers kept digging.", load_model()).segments[0]
    >>> [(d.rule, d.lemma) for d in event_mentions(list(layer), [])]
    [('noun_event', 'quake'), ('verb_event', 'keep'), ('verb_event', 'dig')]
    """
    covered = {t.i for d in drafts for t in (d.anchor, *d.pred)}
    out: list[Draft] = []
    for tok in sent:
        if tok.i in covered:
            continue
        if tok.pos_ == "VERB":
            found = verb_event(tok)
        elif tok.pos_ == "ADJ":
            found = state_event(tok)
        elif tok.pos_ in ("NOUN", "PROPN"):
            found = noun_event(tok)
        else:
            continue
        for d in found:
            covered.update(t.i for t in d.pred)
            out.append(d)
    return out


def _entity_root(tok: Token) -> bool:
    """True for the last token of the named entity holding ``tok`` (its head, in English)."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.ent_iob_ != "I"


def _entity_tokens(tok: Token) -> list[Token]:
    """The tokens of the named entity that ``tok`` ends."""
    out = [tok]
    k = tok.i
    while tok.doc[k].ent_iob_ == "I" and k > 0:
        k -= 1
        out.insert(0, tok.doc[k])
    return out
