"""N-ary arguments of a clause: the relation phrase, objects, prepositional, temporal and
locative arguments, and the builder every verbal rule calls.

Written for "Maria Kolesnikova has been imprisoned since 2020" → Maria Kolesnikova ;
has been imprisoned since ; 2020 (time), and "Kolesnikova was handed over to Ukraine
along with 113 other released prisoners" → the "to" phrase becomes the object, "along with"
a further argument.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract._draft import PLACE_LABELS, TIME_LABELS, Draft, Part
from kg.extract._spans import arg_range, bare_verb_conjunct, conjuncts, number_value, trim_range
from kg.extract.rules.themes import is_amount, theme_roles
from kg.model import Role

if TYPE_CHECKING:
    from kg.parse import Token

__all__ = [
    "OWN_COMPLEMENT_DEPS",
    "SPEECH_VERBS",
    "Chain",
    "build_clause",
    "subject_parts",
    "verb_chain",
    "prep_parts",
    "scene_parts",
    "part_for",
    "is_relative_pronoun",
    "antecedent",
]

#: Nominal and clausal subjects (active and passive).
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
#: Complements that give a verb a fact of its own even when it also controls a verb.
OWN_COMPLEMENT_DEPS = frozenset({"dobj", "attr", "oprd", "acomp", "dative"})
#: Auxiliaries and negation kept in the relation phrase ("has been", "did not").
AUX_DEPS = frozenset({"aux", "auxpass", "neg"})
#: Modal auxiliaries and the modality they give the fact.
MODAL_AUX = {
    "will": "future", "would": "future", "shall": "future", "'ll": "future", "wo": "future",
    "may": "possible", "might": "possible", "could": "possible", "can": "possible",
    "ca": "possible", "must": "necessary", "should": "necessary",
}  # fmt: skip
#: Control verbs that only qualify the verb they govern ("agreed to lift" → lift, committed).
CONTROL_MODALITY = {
    "agree": "committed", "promise": "committed", "pledge": "committed", "vow": "committed",
    "commit": "committed", "undertake": "committed", "decide": "committed",
    "try": "attempted", "attempt": "attempted", "seek": "attempted", "strive": "attempted",
    "plan": "future", "intend": "future", "prepare": "future",
    "want": "desired", "hope": "desired", "wish": "desired",
}  # fmt: skip
#: Control verbs that deny the verb they govern ("had refused to recognise" → not recognise).
NEGATING_CONTROL = frozenset({"refuse", "decline", "fail", "reject"})
#: Aspectual and raising verbs left out of the canonical relation ("continue to rise" → rise).
ASPECT_VERBS = frozenset(
    {"begin", "start", "continue", "keep", "stop", "cease", "resume", "seem", "appear", "tend",
     "be", "have", "get", "go", "use", "manage"}
)  # fmt: skip
#: Verbs of saying and thinking whose complement clause is a reported fact.
SPEECH_VERBS = frozenset(
    {"say", "tell", "add", "state", "announce", "report", "claim", "declare", "confirm",
     "deny", "insist", "note", "explain", "warn", "argue", "write", "believe", "think",
     "suggest", "indicate", "show", "reveal", "predict", "estimate", "acknowledge",
     "admit", "allege", "assert", "maintain", "mention", "reply", "respond", "testify",
     "disclose", "emphasize", "emphasise", "stress", "conclude", "find", "know", "recall"}
)  # fmt: skip
#: Motion verbs: "to <place>" is a goal (the destination) rather than a recipient.
MOTION_VERBS = frozenset(
    {"transport", "move", "travel", "go", "come", "return", "fly", "deport", "flee", "drive",
     "march", "walk", "sail", "migrate", "relocate", "transfer", "arrive", "head", "send"}
)  # fmt: skip
_TIME_PREPS = frozenset({"since", "until", "till", "during", "after", "before", "by", "from",
                         "in", "on", "at", "throughout", "within", "following", "ago"})  # fmt: skip
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "within", "from",
                          "throughout", "around", "behind", "into", "on", "off", "over",
                          "under", "beyond", "along", "between", "among"})  # fmt: skip
_REL_WORDS = frozenset({"who", "whom", "which", "that", "whose", "where", "when"})
#: Entity labels of who can act or benefit ("for the prisoners" is a beneficiary).
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: Verbs whose "for" phrase is what they are about, not who benefits (PropBank gives it
#: Arg1 or Arg2: bid.01, search.01, compete.01, apply.02, pay.01 ...): "bid for contracts".
FOR_COMPLEMENT_VERBS = frozenset(
    {"bid", "search", "look", "hunt", "wait", "ask", "call", "apply", "compete", "vote",
     "pay", "account", "fight", "hope", "wish", "aim", "seek", "shop", "care", "prepare",
     "qualify", "push", "press", "lobby", "campaign", "opt", "plead", "pray", "settle",
     "substitute", "exchange", "trade", "sell", "buy", "retail", "charge", "sue", "arrest",
     "blame", "praise", "thank", "criticise", "criticize", "punish", "fine", "nominate",
     "recommend", "demand", "advocate", "argue", "order", "budget", "allow", "provide",
     "compensate", "credit", "vie", "bargain", "negotiate", "angle", "clamour", "clamor"}
)  # fmt: skip
#: Nouns that with a determiner name a time without being a date ("this time", "each
#: season", "that night").
TIME_NOUNS = frozenset(
    {"time", "day", "night", "morning", "afternoon", "evening", "week", "weekend", "month",
     "year", "season", "decade", "century", "moment", "hour", "summer", "winter", "spring",
     "autumn", "fall"}
)  # fmt: skip


def is_relative_pronoun(tok: Token) -> bool:
    """True for "who", "which", "that" heading a relative clause."""
    return tok.tag_ in ("WDT", "WP", "WP$", "WRB") or (
        tok.lower_ in _REL_WORDS and tok.pos_ == "PRON"
    )


@dataclass
class Chain:
    """A verb with the control verbs above it: "had refused to recognise"."""

    verbs: list[Token]
    pred: list[Token]
    lemma: str
    event_type: str
    negated: bool
    modality: str | None


def verb_chain(verb: Token, *, stop_at_object: bool = True) -> Chain:
    """The relation phrase of ``verb`` with its auxiliaries, negation and controlling verbs.

    "the US has agreed to lift" → pred "has agreed to lift", lemma "lift", committed.
    """
    verbs = [verb]
    while verbs[0].dep_ == "xcomp" and verbs[0].head.pos_ in ("VERB", "AUX"):
        up = verbs[0].head
        # object control ("asked him to leave"): the upper verb keeps its own fact
        if stop_at_object and any(c.dep_ in OWN_COMPLEMENT_DEPS for c in up.children):
            break
        verbs.insert(0, up)
    pred: list[Token] = []
    negated = False
    modality: str | None = None
    lemmas: list[str] = []
    for k, v in enumerate(verbs):
        for c in v.children:
            if c.dep_ in AUX_DEPS:
                pred.append(c)
                if c.dep_ == "neg":
                    negated = not negated
                elif c.tag_ == "MD" and modality is None:
                    modality = MODAL_AUX.get(c.lower_)
        pred.append(v)
        pred.extend(_inner_adverbs(v))
        particles = [c for c in v.children if c.dep_ == "prt"]
        pred.extend(particles)
        lemma = v.lemma_.lower()
        last = k == len(verbs) - 1
        if not last:
            if lemma in NEGATING_CONTROL:
                negated = not negated
                continue
            if lemma in CONTROL_MODALITY:
                modality = modality or CONTROL_MODALITY[lemma]
                continue
            if lemma in ASPECT_VERBS:
                continue
        lemmas.append(" ".join([lemma] + [p.lower_ for p in particles]))
    event = "_".join(
        [verbs[-1].lemma_.lower()] + [c.lower_ for c in verbs[-1].children if c.dep_ == "prt"]
    )
    return Chain(verbs, pred, " ".join(lemmas), event, negated, modality)


def _inner_adverbs(v: Token) -> list[Token]:
    """Adverbs inside the verb group ("has also agreed", "is first mentioned"): CaRB keeps
    them in the relation."""
    aux = [c.i for c in v.children if c.dep_ in AUX_DEPS]
    lo = min(aux, default=v.i)
    return [
        c
        for c in v.children
        if c.dep_ == "advmod"
        and c.pos_ == "ADV"
        and not c.ent_type_
        and c.tag_ != "WRB"
        and (lo - 1 <= c.i < v.i or c.i == v.i + 1)
        and not adverb_preposition(c)  # "went back to work": "back to" is the preposition
    ]


def part_for(
    head: Token,
    role: Role,
    prep: str | None = None,
    *,
    split_coord: bool = False,
    keep_clauses: bool = False,
) -> Part:
    """A :class:`Part` spanning the phrase headed by ``head``.

    A relative pronoun stands for its antecedent ("under which" → the agreement).
    """
    if is_relative_pronoun(head) and head.lower_ != "where":
        ante = _antecedent(head)
        if ante is not None:
            head = ante
            keep_clauses = False
    i, j = arg_range(head, split_coord=split_coord, keep_clauses=keep_clauses)
    return Part(i, j, head, role, prep)


def _antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun refers to: the head of its relative clause, as
    :func:`antecedent` settles it."""
    node = tok
    while node.dep_ != "relcl" and node.head.i != node.i:
        node = node.head
    return antecedent(node) if node.dep_ == "relcl" else None


def antecedent(clause: Token) -> Token:
    """The noun a relative or participial clause (headed by ``clause``) is about.

    Constructions: a clause on a copular complement or an apposition is about the noun
    that complement describes ("His son was a pilot who flew ..." → his son flew; "His son,
    a pilot who flew ..." → his son flew), and a clause after an it-cleft's focus is about
    the focus ("It was the new rule to promote youth that the board adopted" → the board
    adopted the new rule), not the nearest noun. Written for "Her brother, a keen sailor who
    crossed the Atlantic twice, was also a pilot who flew for the navy." → her brother
    crossed ; her brother flew.
    """
    head = clause.head
    focus = _cleft_focus(clause)
    if focus is not None:
        return focus
    for _ in range(3):
        if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN") and _next_to(head):
            head = head.head  # "His son, a pilot who ...": the son
        elif head.dep_ == "attr" and head.head.lemma_ in ("be", "become"):
            subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            if subj is None or not (
                subj.pos_ in ("NOUN", "PROPN") or subj.lower_ in _PERSONAL_PRONOUNS
            ):
                break  # "It is a plan that ...", "there is a man who ...": the plan, the man
            head = subj  # "His son was a pilot who ...": the son
        else:
            break
    return head


#: Pronoun subjects that a copular complement's relative clause is about ("She was a pilot
#: who flew ..." → she flew); "it", "this" and "that" name no one ("It is a plan that ...").
_PERSONAL_PRONOUNS = frozenset({"i", "you", "he", "she", "we", "they"})


def _next_to(appos: Token) -> bool:
    """Whether an apposition directly follows the phrase it renames (only punctuation
    between), as it must: the parse also hangs distant phrases on a noun as appositions."""
    doc = appos.doc
    end = arg_range(appos.head, split_coord=True)[1]
    start = appos.left_edge.i
    return end <= start and all(doc[k].is_punct for k in range(end, start))


def _cleft_focus(clause: Token) -> Token | None:
    """The focus X of "It was X to ... that ...", for a "that" clause the parse hung on a
    noun inside the infinitive after X."""
    if clause.dep_ != "relcl" or not any(
        c.lower_ == "that" and c.i < clause.i for c in clause.subtree
    ):
        return None
    node = clause.head
    crossed_verb = False
    while node.head.i != node.i and not (node.lemma_ == "be" and node.pos_ == "AUX"):
        crossed_verb = crossed_verb or node.pos_ == "VERB"
        node = node.head
    subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
    focus = next((c for c in node.children if c.dep_ == "attr"), None)
    if not crossed_verb or subj is None or subj.lower_ != "it" or focus is None:
        return None
    return focus if focus.i < clause.head.i else None


def _time_in_subject(subj: Part) -> Part | None:
    """Cut a date at the end of a subject out of it, and return it as the clause's time.

    Construction: a time phrase the parse attaches to the subject noun ("the service in
    February passed ..."). Written for "The new service in February overtook its rival." →
    The new service ; overtook ; its rival ; in February (time).
    """
    head = subj.head
    doc = head.doc
    for c in head.rights:
        obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if (
            c.dep_ == "prep"
            and obj is not None
            and obj.ent_type_ in TIME_LABELS
            and subj.start < c.i < subj.end
            and c.right_edge.i == subj.end - 1
        ):
            i, j = arg_range(obj)
            subj.end = trim_range(doc, subj.start, c.i, head.i)[1]
            part = Part(i, j, obj, Role.TIME, c.lower_, [c])
            return part
    return None


def subject_parts(tok: Token, role: Role) -> list[Part]:
    """One part per conjunct: "Both the European Union and the United States" → two."""
    return [part_for(c, role, split_coord=True) for c in conjuncts(tok)]


def _role(prep: str, head: Token, verb: Token) -> Role:
    label = head.ent_type_
    p = prep.split()[-1] if prep else ""
    if label in TIME_LABELS or (p in ("since", "until", "till") and head.like_num):
        return Role.TIME
    if p == "during" and head.pos_ in ("NOUN", "PROPN", "NUM"):
        return Role.TIME  # "during the Korean War", "during the talks": when, whatever it names
    if prep == "according to":
        return Role.ATTRIBUTED_TO
    if p == "by":
        if is_amount(head):
            return Role.ATTRIBUTE  # "rose by 3 %", "won by two goals": how much, not who
        if head.pos_ == "NOUN" and head.tag_ == "NN" and not any(
            c.dep_ in ("det", "poss", "amod", "compound") for c in head.children
        ):
            return Role.INSTRUMENT  # "by train", "by hand": how, not who
        return Role.AGENT
    if p == "to":
        if label in PLACE_LABELS and verb.lemma_.lower() in MOTION_VERBS:
            return Role.GOAL
        if is_amount(head):
            return Role.GOAL  # "rose to $2bn": where a change ends
        return Role.RECIPIENT if label or head.pos_ in ("PROPN", "PRON") else Role.GOAL
    if p in ("from", "out"):
        return Role.SOURCE
    if p in ("into", "onto", "towards", "toward"):
        return Role.GOAL  # a place ("into Ukraine") or not ("into talks")
    if prep in ("along with", "together with"):
        return Role.COMPANION
    if p == "with":
        return Role.COMPANION if label or head.pos_ in ("PROPN", "PRON") else Role.INSTRUMENT
    if p == "for":
        if is_amount(head):
            return Role.ATTRIBUTE  # "retail for $9.99": the price
        if head.lemma_.lower() in TIME_NOUNS:
            return Role.TIME  # "for the first time"
        # "for the prisoners" benefits someone; "bid for contracts" names what is sought
        if verb.lemma_.lower() in FOR_COMPLEMENT_VERBS and label not in _ACTOR_LABELS:
            return Role.THEME
        return Role.BENEFICIARY
    if p == "as":
        return Role.ATTRIBUTE
    if p in _PLACE_PREPS and label in PLACE_LABELS:
        return Role.LOCATION
    if p in ("about", "on", "over", "regarding", "concerning"):
        return Role.THEME
    return Role.ARGUMENT


def prep_parts(tok: Token, verb: Token) -> list[Part]:
    """The prepositional arguments hanging on ``tok``: "along with 113 other prisoners".

    Coordinated prepositions (construction: "P or P NP", "P NP or P NP") give one argument
    for a shared object and one per phrase otherwise. Written for "The plan can go ahead
    with or without the approval of the board, by train or by bus." → "with or without ;
    the approval of the board", "by ; train", "by ; bus".
    """
    out = []
    for c in _prepositions(tok):
        words = [c]
        shared = [g for g in c.children if g.dep_ == "conj" and g.pos_ == "ADP"]
        if shared and not any(g.dep_ in ("pobj", "pcomp") for g in c.children):
            # "with or without the approval": the object hangs on the last preposition
            last = shared[-1]
            words = [c, *(g for g in c.children if g.dep_ == "cc"), last]
            c = last
        node = c
        # multi-word prepositions: "along with", "according to", "out of"
        while True:
            # "due to the scandal": the parse makes "to" a clausal complement of "due"
            words.extend(g for g in node.children if g.dep_ == "pcomp" and g.pos_ == "ADP")
            objs = [g for g in node.children if g.dep_ == "pobj"] or [
                g for g in node.children if g.dep_ == "pcomp" and g.pos_ != "ADP"
            ]
            if objs:
                break
            inner = [g for g in node.children if g.dep_ == "prep"]
            if len(inner) != 1:
                break
            node = inner[0]
            words.append(node)
        listed = not objs  # "specializes in: A, B and C"
        if listed:
            objs = _after_colon(node)
        if not objs:
            continue
        words.sort(key=lambda w: w.i)
        prep = " ".join(w.lower_ for w in words)
        obj = objs[0]
        keep = obj.dep_ == "pcomp"
        coordinated = conjuncts(obj)
        # "by train or by bus": the second phrase is an argument of its own
        split = len(coordinated) > 1 or any(
            (g.dep_ == "conj" and g.pos_ == "ADP") or bare_verb_conjunct(g) for g in obj.children
        )
        for conj in coordinated if obj.dep_ == "pobj" or listed else [obj]:
            part = part_for(
                conj,
                Role.ARGUMENT,  # until the phrase's head is known: see _role below
                prep,
                split_coord=conj.i != obj.i or split,
                keep_clauses=keep,
            )
            part.role = _role(prep, part.head, verb)
            out.append(part)
            part.prep_tokens = words  # kept for the relation phrase when promoted
    return out


def adverb_preposition(tok: Token) -> bool:
    """True for an adverb after a verb that only introduces a prepositional phrase: the two
    are one preposition of the verb ("northeast of", "back to", "far from").

    Construction: an intransitive verb with an adverbial adjunct that takes a phrase.
    Written for "The two roads split northeast of the town, and the men went back to
    work." → The two roads ; split northeast of ; the town; the men ; went back to ; work.
    """
    if tok.dep_ != "advmod" or tok.pos_ != "ADV" or tok.ent_type_ or tok.i < tok.head.i:
        return False
    if tok.head.pos_ not in ("VERB", "AUX"):
        return False
    kids = list(tok.children)
    return len(kids) == 1 and kids[0].dep_ == "prep" and kids[0].i == tok.i + 1


def _after_colon(prep: Token) -> list[Token]:
    """The object of a preposition that a colon separates from it, which the parse hangs on
    the verb instead.

    Construction: "V P: list". Written for "The hotel is close to: the beach, the station
    and the old town." → The hotel ; is close to ; the beach (and one fact per item).
    """
    doc = prep.doc
    k = prep.i + 1
    if k + 1 >= len(doc) or doc[k].text != ":" or doc[k].head.i not in (prep.i, prep.head.i):
        return []
    return [
        c
        for c in prep.head.children
        if c.dep_ in ("dep", "appos", "npadvmod", "dobj", "attr")
        and c.left_edge.i == k + 1
        and c.pos_ in ("NOUN", "PROPN")
    ]


def _prepositions(tok: Token) -> list[Token]:
    """The prepositions on ``tok``, with those coordinated with them ("by train or by bus"),
    and adverbs that introduce a phrase (:func:`adverb_preposition`)."""
    out = []
    for c in tok.children:
        if adverb_preposition(c):
            out.append(c)
            continue
        if c.dep_ not in ("prep", "agent", "dative") or c.pos_ not in ("ADP", "VERB", "SCONJ"):
            continue
        out.append(c)
        objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
        if objs:
            # "by train or by bus": the second phrase hangs on the first preposition or,
            # as often, on its object
            out.extend(
                g
                for g in [*c.children, *objs[0].children]
                if g.dep_ == "conj"
                and g.pos_ == "ADP"
                and any(k.dep_ in ("pobj", "pcomp") for k in g.children)
            )
    return out


def _time_parts(verb: Token) -> list[Part]:
    """Bare temporal modifiers: "today", "five years ago", "last week"."""
    out = []
    for c in verb.children:
        dated = any(g.dep_ in ("det", "amod") for g in c.children)
        if c.dep_ in ("npadvmod", "tmod") and (
            c.ent_type_ in TIME_LABELS
            or (c.lemma_.lower() in TIME_NOUNS and dated)
        ):
            out.append(part_for(c, Role.TIME))
        elif c.dep_ == "advmod" and (c.ent_type_ in TIME_LABELS or c.lower_ == "ago"):
            i, j = arg_range(c)
            if j - i > 1 or c.ent_type_:
                out.append(Part(i, j, c, Role.TIME))
        elif c.dep_ == "advmod" and c.lower_ == "where" and verb.dep_ == "relcl":
            # "Israeli territory , where they killed ...": the antecedent is the place
            ante = verb.head
            if ante.pos_ in ("NOUN", "PROPN"):
                i, j = arg_range(ante, split_coord=True)
                out.append(Part(i, j, ante, Role.LOCATION, "in"))
    return out


def scene_parts(verb: Token) -> list[Part]:
    """The time and place arguments of ``verb`` ("in 2003", "where ...", "in Minsk")."""
    parts = prep_parts(verb, verb) + _time_parts(verb)
    return [p for p in parts if p.role in (Role.TIME, Role.LOCATION)]


def _complement_prep(prep: str | None) -> bool:
    """A preposition that introduces what a relation is about ("consist of", "rely upon"),
    not where or when ("in the town")."""
    last = prep.split()[-1] if prep else ""
    return bool(last) and last not in _PLACE_PREPS and last not in _TIME_PREPS


def _bare_noun(tok: Token) -> bool:
    """A determiner-less common noun with nothing but a prepositional phrase on it."""
    if tok.pos_ != "NOUN" or tok.ent_type_:
        return False
    return all(c.dep_ in ("prep",) for c in tok.children)


@dataclass
class _Objects:
    """The object(s) a clause builder settled on, and what that did to the relation."""

    parts: list[Part]
    pred: list[Token]  # tokens the relation phrase gained ("sanctions on", "since")
    lemma: str  # words the canonical relation gained
    used: list[Part]  # arguments that became the object
    inner: list[Part] = field(default_factory=list)  # participants the relation took in


def _direct_object(d: Token, v: Token, args: list[Part]) -> _Objects:
    """A direct object; a bare noun with a prepositional phrase joins the relation.

    "lift sanctions on potash" → relation + "sanctions on", object "potash";
    "expressed gratitude to Ukraine" likewise with the phrase on the verb. The noun the
    relation took in stays a participant, the theme "sanctions" (the patient is the object,
    "potash"), which Open-IE output does not print again (:func:`kg.extract.open_ie_facts`).
    The complement of a linking
    verb ("became a pilot") or an object predicative ("was re-elected mayor") is an
    attribute, not a patient.
    """
    role = Role.ATTRIBUTE if d.dep_ in ("attr", "oprd") else Role.PATIENT
    if _bare_noun(d) and not is_relative_pronoun(d) and role == Role.PATIENT:
        noun_pps = prep_parts(d, v)
        verb_pps = [
            a
            for a in args
            if a.prep_tokens
            and a.prep_tokens[0].i == d.i + 1
            and a.role not in (Role.AGENT, Role.TIME, Role.LOCATION)
        ]
        pps = noun_pps or verb_pps
        if pps:
            first = pps[0]
            same = [p for p in pps if p.prep == first.prep and p.head.head.i == first.head.head.i]
            for p in same:
                if p.role == Role.ARGUMENT and _complement_prep(p.prep):
                    p.role = Role.THEME  # "have options of ; six more jets"
            inner = Part(d.i, d.i + 1, d, Role.THEME)
            return _Objects(
                same, [d, *first.prep_tokens], f" {d.lower_} {first.prep}", same, [inner]
            )
    coordinated = conjuncts(d)
    split = len(coordinated) > 1
    return _Objects([part_for(c, role, split_coord=split) for c in coordinated], [], "", [])


def _clausal_object(c: Token) -> _Objects:
    """A complement clause: "said that <clause>" keeps "that" in the relation."""
    marks = [m for m in c.children if m.dep_ == "mark" and m.i < c.i]
    i, j = arg_range(c, keep_clauses=True)
    if marks and i <= marks[0].i:
        i = marks[0].i + 1
    return _Objects([Part(i, j, c, Role.THEME)], marks[:1], "", [])


def _promoted_object(v: Token, args: list[Part]) -> _Objects:
    """With no direct object, the first prepositional phrase after the verb is the object
    and its preposition joins the relation ("has been imprisoned since ; 2020")."""
    after = [
        a
        for a in args
        if a.head.i > v.i and a.role not in (Role.AGENT, Role.ATTRIBUTED_TO) and a.prep is not None
    ]
    if not after:
        return _Objects([], [], "", [])
    first = min(after, key=lambda a: a.start)
    same = [a for a in after if a.prep == first.prep and a.prep_tokens == first.prep_tokens]
    for a in same:
        if a.role == Role.ARGUMENT and _complement_prep(a.prep):
            a.role = Role.THEME  # "consists of ; 30 aircraft": what the relation is about
    return _Objects(same, list(first.prep_tokens), f" {first.prep}", same)


def _amount_object(v: Token) -> tuple[Part, list[Part]] | None:
    """An amount or score on a verb without an object, and the phrases the parse hung on it.

    Construction: an intransitive verb with only adjuncts, one of them an amount ("won,
    47 to 38, in front of a record crowd"; "fell 3 %"). Written for "The Rovers won, 3 to
    1, in front of a home crowd." → The Rovers ; won ; 3 to 1 ; in front of a home crowd:
    the amount (with its "to" end) is the object, and a phrase the parse attached to the
    number instead of the verb becomes the verb's argument.
    """
    for c in v.children:
        if c.dep_ != "npadvmod" or c.i < v.i or not is_amount(c):
            continue
        start, end = c.left_edge.i, c.i + 1
        lifted = []
        role = Role.PATIENT
        for p in prep_parts(c, v):
            if p.prep == "to" and is_amount(p.head) and p.prep_tokens[0].i == end:
                end = p.end  # "47 to 38": a score or range is one amount
                role = Role.ATTRIBUTE
            elif p.prep_tokens[0].i >= end:
                lifted.append(p)
        if any(g.dep_ == "quantmod" and g.lower_ == "to" for g in c.children):
            role = Role.ATTRIBUTE  # "3 to 1" parsed as one number
        return Part(start, end, c, role), lifted
    return None


def crosses_clause(verb: Token, tok: Token) -> bool:
    """True when ``tok``, which the parse hangs on ``verb``, lies past another clause with a
    subject of its own: it belongs to that clause, not to ``verb``'s.

    Construction: a reported clause followed by its speaker ("X climbed, she said in a
    blog"), or a parenthetical clause ("X climbed, she says, in ..."), where the parse
    attaches the speaker's phrase to the reported verb. Written for "Prices climbed, the
    firm said in a note." → no "climbed in ; a note", whatever the parse.
    """
    if tok.i < verb.i:
        return False
    head = verb.head
    if verb.dep_ in ("ccomp", "parataxis") and verb.i < head.i < tok.i:
        return True  # past the verb that reports this clause
    return any(
        c.dep_ in ("parataxis", "ccomp")
        and verb.i < c.i < tok.i
        and c.right_edge.i < tok.i
        and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for c in verb.children
    )


def _clause_arguments(chain: Chain, exclude: Token | None) -> list[Part]:
    """Prepositional, temporal and dative arguments of every verb in the chain."""
    v = chain.verbs[-1]
    args: list[Part] = []
    for up in chain.verbs:
        args.extend(p for p in prep_parts(up, v) if not crosses_clause(up, p.head))
        args.extend(p for p in _time_parts(up) if not crosses_clause(up, p.head))
    # a nominal indirect object ("offering donors a chance") is the recipient
    args.extend(
        part_for(c, Role.RECIPIENT)
        for c in v.children
        if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON")
    )
    args = time_ranges(args)
    args.extend(_raised_scene(v))
    return [a for a in args if exclude is None or a.head.i != exclude.i]


def _raised_scene(verb: Token) -> list[Part]:
    """The time and place after the last of coordinated verbs, for a first verb that has
    nothing after it: they hold for both.

    Construction: right-node raising of adjuncts over coordinated verbs, "V1 and V2 ...
    PP". Written for "The bridge was damaged and closed during the storm." → The bridge ;
    was damaged ; during the storm (time), as well as closed during the storm.
    """
    conj = next(
        (
            c
            for c in verb.children
            if c.dep_ == "conj"
            and c.pos_ in ("VERB", "AUX")
            and not any(g.dep_ in SUBJ_DEPS for g in c.children)
        ),
        None,
    )
    if conj is None or any(
        c.i > verb.i and c.dep_ not in ("cc", "conj", "punct") for c in verb.children
    ):
        return []
    return [p for p in scene_parts(conj) if p.start > conj.i and not crosses_clause(conj, p.head)]


#: Prepositions that close a time range opened by "from" ("from 1970 to 1985").
_RANGE_ENDS = frozenset({"to", "until", "till", "through", "thru"})


def time_ranges(parts: list[Part]) -> list[Part]:
    """The parts with each time range made one: "from 2001 until 2005" is one time, not a
    start and an end; and without a part held inside another (a range the entity
    recogniser saw whole, which both prepositions reached).

    Construction: a "from ... to/until ..." range of dates. Written for "She worked there
    from 2001 until 2005." → She ; worked there from ; 2001 until 2005 (one time).
    """
    out: list[Part] = []
    for p in sorted(parts, key=lambda p: (p.start, -p.end)):
        prev = out[-1] if out else None
        if prev is not None and prev.start <= p.start and p.end <= prev.end:
            continue  # "from May to September" reached again from "to"
        if (
            prev is not None
            and prev.role == Role.TIME
            and p.role == Role.TIME
            and prev.prep == "from"
            and p.prep in _RANGE_ENDS
            and p.prep_tokens
            and p.prep_tokens[0].i == prev.end
        ):
            out[-1] = Part(prev.start, p.end, prev.head, Role.TIME, prev.prep, prev.prep_tokens)
            continue
        out.append(p)
    order = {id(p): k for k, p in enumerate(parts)}
    return sorted(out, key=lambda p: order.get(id(p), len(order)))


def build_clause(
    rule: str,
    verb: Token,
    subjects: list[Part] | None,
    *,
    passive: bool = False,
    chain: Chain | None = None,
    exclude: Token | None = None,
) -> list[Draft]:
    """Drafts for ``verb`` and each of its subjects and objects (conjuncts split).

    ``exclude`` is a token that already stands for the subject (a relative pronoun, the
    noun a participle modifies) and must not come back as an object or argument.
    """
    chain = chain or verb_chain(verb)
    v = chain.verbs[-1]
    args = _clause_arguments(chain, exclude)
    for subj in subjects or []:
        when = _time_in_subject(subj)
        if when is not None and not any(a.start == when.start for a in args):
            args.append(when)
    dobj = next(
        (
            c
            for c in v.children
            if c.dep_ in ("dobj", "attr", "oprd")
            and (exclude is None or c.i != exclude.i)
            and not crosses_clause(v, c)
        ),
        None,
    )
    ccomp = next(
        (
            c
            for c in v.children
            if c.dep_ == "ccomp" and (c.i > v.i or v.lemma_.lower() in SPEECH_VERBS)
        ),
        None,
    )
    acomp = next((c for c in v.children if c.dep_ == "acomp"), None)
    if dobj is not None:
        found = _direct_object(dobj, v, args)
        if (
            ccomp is not None
            and ccomp.i > v.i
            and any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in ccomp.children)
        ):
            # "told reporters that ...": the clause is a further argument
            clause = _clausal_object(ccomp).parts[0]
            clause.prep = next((m.lower_ for m in ccomp.children if m.dep_ == "mark"), None)
            args.append(clause)
    elif ccomp is not None:
        found = _clausal_object(ccomp)
    elif acomp is not None:
        found = _Objects([part_for(acomp, Role.ATTRIBUTE)], [], "", [])
    nominal = dobj is not None  # the objects are noun phrases, not clauses or phrases taken in
    if dobj is None and ccomp is None and acomp is None:
        score = _amount_object(v)
        if score is not None:
            found = _Objects([score[0]], [], "", [])
            args.extend(score[1])
            nominal = True
        else:
            found = _promoted_object(v, args)
    if not passive:
        theme_roles(v, subjects or [], found.parts if nominal else [], args)
    attributed = next((a for a in args if a.role == Role.ATTRIBUTED_TO), None)
    used = {id(a) for a in found.used}
    args = [a for a in args if id(a) not in used and a.role != Role.ATTRIBUTED_TO]
    args.extend(found.inner)
    pred = [*chain.pred, *found.pred]
    lemma = chain.lemma + found.lemma
    drafts = []
    for subj in subjects or [None]:  # type: ignore[list-item]
        for obj in found.parts or [None]:  # type: ignore[list-item]
            quantity = _quantity(obj.head if obj else (subj.head if passive and subj else None))
            drafts.append(
                Draft(
                    rule=rule,
                    anchor=v,
                    pred=pred,
                    lemma=("not " + lemma) if chain.negated else lemma,
                    event_type=chain.event_type,
                    subject=subj,
                    object=obj,
                    args=list(args),
                    negated=chain.negated,
                    modality=chain.modality,
                    quantity=quantity,
                    attributed_to=attributed,
                )
            )
    from kg.extract.rules.lists import example_drafts

    return example_drafts(drafts)


def _quantity(head: Token | None) -> float | None:
    if head is None or head.ent_type_ in TIME_LABELS:
        return None
    if head.pos_ == "NUM":
        # "every single one", "one of Belarus's exports": a pronoun-like number, no quantity
        if any(c.dep_ == "det" or (c.dep_ == "prep" and c.lower_ == "of") for c in head.children):
            return None
        return number_value(head)
    for c in head.children:
        if c.dep_ == "nummod" and c.ent_type_ not in TIME_LABELS:  # not "the 2020 uprising"
            return number_value(c)
    return None
