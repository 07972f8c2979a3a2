"""Who says each sentence, and with what stance.

Mechanisms, in order: "according to X"; the subject of a reporting verb (said, announced, claimed,
denied ...), also inverted after a quote ('..., X said'); passives with their agent or the
statement they come from ("in the statement of the ministry, it was stated that"); "X quoted its
sources as saying"; sentences inside a quotation take the quotation's speaker; otherwise the
outlet's own voice (the outlet by name). Stance comes from the verb (deny, dismiss, reject) and from the content
("was not true", "does not reflect the truth" = denied; "unconfirmed", "cannot confirm",
"reportedly" = unconfirmed).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import get_args

from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from rashomon.model import Source, Stance
from rashomon.read.nlp import doc_text, entities
from rashomon.read.sources import (
    HE,
    SHE,
    PersonMention,
    SourceContext,
    name_gender,
    normalise,
    strip_dateline,
)

# each pattern opens with a lookahead on the first letters of its words: a necessary condition, so the
# matches are the same, but re skips most positions without trying the case-insensitive alternation there
_DENIED = re.compile(
    r"\b(?=[nudiwafbgmlrt])(not true|untrue|does not reflect (the )?(truth|reality)|do not reflect (the )?(truth|reality)|"
    r"(is|was|are|were) false|fake news|(is|was|are|were|been) (a )?(fake|faked|forged|doctored|staged)|faked|doctored|"
    r"baseless|groundless|unfounded|fabricat\w+|disinformation|"
    r"misinformation|lies?\b|no truth|denie[sd]|deny(ing)?|dismiss(ed|es)?|reject(ed|s)?|refute[sd]?|"
    r"(there|it) (was|were|is|are|has been|had been) no such|never happened|did not happen)\b", re.I)
_UNCONFIRMED = re.compile(
    r"\b(?=[udcnraitp])(unconfirmed|unverified|(does|do|did|could|can|cannot|can't|could not|couldn't) ?(not )?(officially |independently )?"
    r"(confirm|verify)|not (be |been )?(independently |immediately |officially )?(confirmed|verified)|reportedly|allegedly|alleged|"
    r"it is (not )?(known|clear)|there is information that|rumou?rs?|purported(ly)?|claimed without evidence)\b",
    re.I)
_NEGATED_CONFIRM = re.compile(r"\b(?=[dcn])(does|do|did|could|can|cannot|can't|could not|couldn't|not)\b[^.]{0,20}\b(confirm|verify)", re.I)
_NOT_A_DENIAL = re.compile(
    r"\b(?=[dr])(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?)\s+"
    r"(?:(?:him|her|them|us|it|the|a|an|his|its|their|any|all|this|that)\s+){0,2}(?:[\w-]+\s+)?"
    r"(?:entry|access|bail|permission|visas?|requests?|appeals?|proposals?|offers?|plans?|deals?|results?|"
    r"legitimacy|bids?|calls?|demands?|resolutions?|motions?|applications?|candidacy|asylum|ultimatum|"
    r"invitations?|nominations?|from (?:his|her|their|the) (?:post|job|position|office|service))\b", re.I)
_OTHER_TIME = re.compile(r"\b(?:(?:a|an|one|two|three|several|\d+)\s+(?:days?|hours?|weeks?|months?)\s+)(?:after|before)\b[^,;.()]*",
                         re.I)
_VERB_POS = (VERB, AUX)  # the ids of the "VERB" and "AUX" parts of speech (cheaper than pos_ strings)
_QUOTES = {"“": "”", '"': '"', "«": "»", "„": "“"}


@lru_cache(maxsize=1)
def reporting_lemmas() -> dict[str, Stance]:
    raw = resources.files("rashomon.read").joinpath("data/reporting.tsv").read_text(encoding="utf-8")
    stances: dict[str, Stance] = {s: s for s in get_args(Stance)}
    out = {}
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            lemma, stance = line.split("\t")
            out[lemma] = stances[stance.strip()]
    return out


def is_reporting_verb(tok: Token) -> bool:
    """A verb or auxiliary whose lemma is in the reporting lexicon ("said", "denied", "confirm")."""
    return tok.pos in _VERB_POS and tok.lemma_.lower() in reporting_lemmas()


@dataclass
class Attribution:
    source: Source
    stance: Stance
    explicit: bool  # a speaker was named in or for this sentence (not the outlet by default)
    content_start: int  # where the reported content starts (char offset in doc)
    verb_char: int | None = None  # where the attributing word is (to tell a quotation's own verbs)
    content_end: int | None = None  # end of the reported clause, when the verb has one


def stance_of(text: str, verb_stance: Stance = "asserted") -> Stance:
    # "denied her entry", "rejected the proposal", "was dismissed from his post" refuse or remove, deny no statement
    kept = _NOT_A_DENIAL.sub(" ", text)
    refusal_only = kept != text and not _DENIED.search(kept)
    text = kept
    if verb_stance == "denied" and not refusal_only or _DENIED.search(text):
        # "denied that X" by a source is a denial; but "alleged" inside a denial stays denied
        return "denied"
    # a hedge inside a clause about another time ("..., a day after she was allegedly seized") hedges that
    # happening, not what the sentence reports
    own = _OTHER_TIME.sub(" ", text)
    if _UNCONFIRMED.search(own) or _NEGATED_CONFIRM.search(own):
        return "unconfirmed"
    return "asserted"


# the marks that close a quotation opened by each mark: writers (and text cleaners) mix curly and straight
_CLOSERS = {"“": ("”", '"'), '"': ('"', "”"), "«": ("»",), "„": ("“", "”")}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in the text, curly or straight quotes, or two apostrophes (''...'',
    as some papers and their archives write them). A quotation closes at the first closing mark of
    any style in its paragraph (line); a curly one left open runs to the mark that closes it in one
    of the next paragraphs, where none opens a quotation first, else to the end of its paragraph (the
    next paragraph of a long quotation opens again); a straight one left open is no quotation."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "'" and text.startswith(_TWO_APOSTROPHES, i):
            end = text.find("\n", i + 2)
            j = text.find(_TWO_APOSTROPHES, i + 2, n if end == -1 else end)
            if j != -1:
                out.append((i, j + 2))
            i = i + 2 if j == -1 else j + 2
            continue
        if ch in _QUOTES:
            end = text.find("\n", i + 1)
            end = n if end == -1 else end
            j = min((k for k in (text.find(c, i + 1, end) for c in _CLOSERS[ch]) if k != -1), default=-1)
            if j != -1:
                out.append((i, j + 1))
                i = j + 1
                continue
            if ch != '"':
                close = _closed_later(text, end, ch)
                out.append((i, end if close is None else close + 1))
                i = end if close is None else close + 1
                continue
        i += 1
    return out


_TWO_APOSTROPHES = "''"


def _closed_later(text: str, end: int, opener: str, paragraphs: int = 3) -> int | None:
    """Where a curly quotation left open at the end of its paragraph closes, when a following paragraph
    closes it before opening any quotation of its own (a statement quoted over several paragraphs
    without the opening mark repeated); None when a following paragraph opens its own or none closes."""
    for _ in range(paragraphs):
        if end >= len(text):
            return None
        start = end + 1
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        closes = [k for k in (text.find(c, start, end) for c in _CLOSERS[opener]) if k != -1]
        opens = [k for k in (text.find(c, start, end) for c in (*_QUOTES, _TWO_APOSTROPHES)) if k != -1]
        if closes and (not opens or min(closes) <= min(opens)):
            return min(closes)
        if opens:
            return None
    return None


def _phrase(tok: Token) -> Span:
    doc = tok.doc
    toks = list(tok.subtree)
    return doc[min(t.i for t in toks) : max(t.i for t in toks) + 1]


def _persons(span: Span, start: int | None = None, end: int | None = None) -> list[str]:
    """The PERSON entities inside the span (as ``span.ents`` has them), or inside its characters
    [start, end) where given."""
    a, b = span.start, span.end
    doc = span.doc
    lo = span.start_char if start is None else start
    hi = span.end_char if end is None else end
    return [text for s, e, label, text in entities(doc) if label == "PERSON" and a <= s and e <= b
            and lo <= doc[s].idx and doc[e - 1].idx + len(doc[e - 1]) <= hi]


_PERSONAL = {"he", "she"}
_NO_SPEAKER = {"it", "that", "this", "which", "what", "there", "who", "these", "those", "something", "nothing",
               "anything", "everything", "all", "each", "one"}


def _source_from_span(span: Span, ctx: SourceContext) -> Source | None:
    low = span.text.strip().lower()
    if low in HE | SHE and ctx.people:
        # "according to him", "by her": the person the pronoun stands for, as for a speaking subject
        return ctx.person_before(span.start_char, low) or normalise(span.text, ctx)
    text = strip_dateline(span.text)
    filed = span.start_char + len(span.text) - len(text)  # a name in the dateline ("Tulsa (AFP) –") speaks not
    # cut relative clauses, appositions and trailing reported content glued to the subject
    text = re.split(r",? (?:who|which|that|whose) |, (?=an? |the )|\s+[-–—]\s+", text)[0]
    # the people named in what is kept ("Alan Berger, a doctor who knows Trump's in-laws": not Trump)
    persons = _persons(span, filed, filed + len(text))
    src = normalise(text, ctx, persons)
    if src is not None and src.kind == "media" and len(span) == 1 and span[0].pos_ == "NOUN":
        # "Rebels said", "Police said": a common noun capitalised only because it opens the sentence
        return Source(src.name, src.country, "unnamed")
    if src is not None:
        return src
    described = _described(span, text, ctx)
    return described or _unnamed(span, text)


# "the Vermont senator", "the former secretary of state", "the official": someone named before
_DEFINITE = re.compile(r"the\s+(?:[\w.-]+\s+){0,5}?(?P<role>[a-z]+)(?:\s+of\s+[\w\s]+)?", re.I)


def _described(span: Span, text: str, ctx: SourceContext) -> Source | None:
    m = _DEFINITE.fullmatch(text.strip(" ,.;:"))
    root = span.root
    if m is None or root.pos_ != "NOUN" or root.lower_ != m.group("role").lower() or root.tag_ != "NN":
        return None
    src = ctx.described(span.start_char, root.lower_, description_words(span))
    if src is None or src.kind != "person":
        return src
    # the person, with the description as written: "Bernie Sanders, Vermont senator"
    desc = re.sub(r"^the\s+", "", text.strip(" ,.;:"), flags=re.I)
    return Source(f"{src.name.split(',')[0]}, {desc}", src.country, "person")


def _governing_subject(verb: Token) -> Token | None:
    """The subject of the verb a participle ("saying", "calling", "adding") hangs from, two steps up
    at most: "Trump unleashed tweets early Friday saying that ..." -> Trump."""
    if verb.tag_ != "VBG" or verb.dep_ in ("ROOT", "amod", "compound"):
        return None
    head = verb.head
    for _ in range(3):
        subj = [c for c in head.children if c.dep_ == "nsubj"]
        if subj and subj[0].lower_ not in _NO_SPEAKER:
            return subj[0]
        if head.head is head:
            return None
        head = head.head
    return None


def _trailing_speaker(verb: Token) -> Span | None:
    """'..., a security official who spoke on condition of anonymity said.': when the parser hangs the
    speaker elsewhere, the words between the last comma and a sentence-final reporting verb."""
    doc = verb.doc
    after = [t for t in doc[verb.i + 1 : verb.sent.end] if not t.is_punct and not t.is_space]
    if verb.dep_ != "ROOT" or len(after) > 3:
        return None
    i = verb.i - 1
    while i > verb.sent.start and doc[i].text not in (",", "“", '"', "‘", "'", _TWO_APOSTROPHES):
        i -= 1
    span = doc[i + 1 : verb.i]
    if i <= verb.sent.start or not 1 <= len(span) <= 15 or not any(t.pos_ in ("NOUN", "PROPN") for t in span):
        return None
    return span


_CLOSING = {"”", '"', _TWO_APOSTROPHES}


def _inverted_speaker(verb: Token) -> Span | None:
    """'"...," said Skelly, explaining ...': when the parser gives a verb that follows a quotation no
    subject, the words right after it, up to a comma or the sentence's end, if they hold a noun or a
    capitalised word."""
    doc = verb.doc
    prev = verb.i - 1 if verb.i > 0 and doc[verb.i - 1].text != "," else verb.i - 2
    if verb.tag_ == "VBG" or prev < 0 or doc[prev].text not in _CLOSING:
        return None
    end = verb.i + 1
    while end < verb.sent.end and not doc[end].is_punct and doc[end].pos not in _VERB_POS:
        end += 1
    span = doc[verb.i + 1 : end]
    if not 1 <= len(span) <= 8 or not any(t.pos_ == "NOUN" or t.is_title for t in span):
        return None
    return span


def _unnamed(span: Span, text: str) -> Source | None:
    """A speaker we cannot put a name on ("Pagliano's lawyer", "state regulators", "a senior aide"):
    kept as written, unnamed, when its head is a noun."""
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN") or root.lower_ in _NO_SPEAKER:
        return None
    if any(c.dep_ == "det" and c.lower_ == "no" for c in root.children):
        return None  # "no group claimed responsibility": nobody speaks
    words = text.strip(" ,.;:\"'“”‘’()").split()
    if not words or len(words) > 10 or re.search(r"[()―—–]", text):
        return None
    name = re.sub(r"^(?:the|an?)\s+", "", " ".join(words), flags=re.I)
    return Source(name, None, "unnamed")


def attribute(sent: Span, ctx: SourceContext, quote_speaker: Source | None = None,
              quotes: Sequence[tuple[int, int]] = ()) -> Attribution:
    """Attribute one sentence. ``quote_speaker`` is the speaker of a quotation the sentence sits in;
    ``quotes`` are the document's quotations: a reporting verb outside them ("'Everyone said it could
    not be done,' X said") is preferred to one inside."""
    text = sent.text
    # 1. according to X
    found = _according_to(sent, ctx)
    if found is not None:
        return found
    # 2. reporting verbs with a subject (or a passive with an agent / a statement it came from)
    best: tuple[tuple[bool, int], Attribution] | None = None
    for tok in sent:
        if not _speaks(tok):
            continue
        att = _verb_attribution(tok, sent, ctx)
        if att is None:
            continue
        depth = (any(q0 < tok.idx < q1 for q0, q1 in quotes), len(list(tok.ancestors)))
        if best is None or depth < best[0]:
            best = (depth, att)
    if best:
        return best[1]
    # 3. a statement named without a verb we know ("In a statement, the ministry ...")
    st = _statement_source(sent, ctx)
    if st is not None and re.search(r"\b(statement|press release|announcement)\b", text, re.I):
        return Attribution(st, stance_of(text), True, sent.start_char)
    if quote_speaker is not None:
        return Attribution(quote_speaker, stance_of(text), True, sent.start_char)
    return Attribution(ctx.outlet, stance_of(text), False, sent.start_char)


def _according_to(sent: Span, ctx: SourceContext) -> Attribution | None:
    """"according to X": X speaks (a token's lower form is a piece of the lowered sentence: the loop
    is skipped where the word is absent)."""
    text = sent.text
    for tok in sent if "according" in text.lower() else ():
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                span = _phrase(objs[0])
                src = _source_from_span(span, ctx)
                if src:
                    return Attribution(src, stance_of(span.text + " " + text), True, span.end_char, tok.idx)
    return None


def _speaks(tok: Token) -> bool:
    """A reporting verb used to report: "called the plan a ploy", "called for talks", "called on Iran
    to" speak, "called Ali" does not; "X accused of Y" makes X the accused, not a speaker."""
    if not is_reporting_verb(tok):
        return _frames_quote(tok)
    lemma = tok.lemma_.lower()
    if lemma in ("call", "note") and not any(
            c.dep_ in ("ccomp", "xcomp", "oprd") or c.dep_ == "prep" and c.lower_ in ("for", "on")
            for c in tok.children):
        return False
    return not (lemma in ("accuse", "blame", "charge") and tok.i + 1 < len(tok.doc)
                and tok.nbor(1).lower_ in ("of", "for"))


_OPENING = {"“", '"', _TWO_APOSTROPHES}


def _frames_quote(tok: Token) -> bool:
    """A verb the lexicon does not know that frames a quotation all the same: set between a quotation and
    its comma ('"...," the judge exclaimed', '"...," X continued, "..."') or opening one ('X continues, "..."'),
    as the main verb of its sentence: the writer tells who speaks the quoted words."""
    if tok.pos != VERB or tok.dep_ != "ROOT" or tok.tag_ == "VBG":
        return False
    doc = tok.doc
    before = [t.text for t in doc[max(tok.sent.start, tok.i - 6) : tok.i]]
    after = [t.text for t in doc[tok.i + 1 : min(tok.sent.end, tok.i + 3)]]
    closed = len(before) >= 2 and before[-1] not in (",", ":") and any(
        a == "," and b in _CLOSING for a, b in zip(before, before[1:], strict=False))
    opens = len(after) == 2 and after[0] in (",", ":") and after[1] in _OPENING
    return closed or opens


def _verb_attribution(tok: Token, sent: Span, ctx: SourceContext) -> Attribution | None:
    """The attribution a reporting verb makes: its speaker, the stance, and the reported clause."""
    src = _verb_source(tok, sent, ctx)
    if src is None:
        return None
    content_start, content_end = _content_span(tok, sent)
    verb_stance = reporting_lemmas().get(tok.lemma_.lower(), "asserted")
    stance = verb_stance if verb_stance == "unconfirmed" else stance_of(sent.text, verb_stance)
    return Attribution(src, stance, True, content_start, tok.idx, content_end)


def _verb_source(tok: Token, sent: Span, ctx: SourceContext) -> Source | None:
    """Who speaks through a reporting verb: its subject, the agent of a passive, the one quoted ("X was
    quoted as saying"), a speaker trailing after the quote, the subject a participle hangs from, or
    the body whose statement is named."""
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj and (found := _subject_source(tok, subj, ctx)) is not None:
        return found[0]
    agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agent:
        return _source_from_span(_phrase(agent[0]), ctx)
    if subj and subj[0].dep_ == "nsubjpass" and tok.lemma_.lower() in ("quote", "cite"):
        # "X was quoted as saying": X speaks
        return _source_from_span(_phrase(subj[0]), ctx)
    if not subj and (trailing := _trailing_speaker(tok) or _inverted_speaker(tok)) is not None:
        return _source_from_span(trailing, ctx)
    if not subj and (governor := _governing_subject(tok)) is not None:
        # "..., saying that ...", "tweets saying ...": the one who acts in the clause it hangs from
        if governor.lower_ in _PERSONAL and ctx.people:
            return ctx.person_before(governor.idx, governor.lower_) or normalise(governor.text, ctx)
        return _source_from_span(_phrase(governor), ctx)
    return _statement_source(sent, ctx)


def _subject_source(tok: Token, subj: list[Token], ctx: SourceContext) -> tuple[Source | None] | None:
    """The speaker a verb's subject names, as a 1-tuple (its Source, or None when the subject names
    nobody); None when the subject is not one a speaker is read from (the caller tries the rest)."""
    first = subj[0]
    if first.lower_ in _PERSONAL and first.dep_ == "nsubj" and ctx.people:
        return (ctx.person_before(first.idx, first.lower_) or normalise(first.text, ctx),)
    if first.lower_ in ("who", "which", "that") and tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
        # "Clinton's aides, who said ...": the noun the relative clause hangs from
        return (_source_from_span(tok.doc[tok.head.left_edge.i : tok.head.i + 1], ctx),)
    if first.lower_ not in ("it", "that", "this", "which") and first.dep_ == "nsubj":
        return (_split_subject(subj, ctx),)
    return None


def _split_subject(subj: list[Token], ctx: SourceContext) -> Source | None:
    """The tagger sometimes splits one subject in two ("The paramilitary | Rapid Support Forces"):
    read them together first, then one by one."""
    doc = subj[0].doc
    if len(subj) > 1:
        together = doc[min(t.left_edge.i for t in subj) : max(t.right_edge.i for t in subj) + 1]
        src = _source_from_span(together, ctx)
        if src is not None:
            return src
    for one in subj:
        src = _source_from_span(_phrase(one), ctx)
        if src is not None:
            return src
    return None


def _content_span(tok: Token, sent: Span) -> tuple[int, int | None]:
    """Where the content a reporting verb reports starts and ends: its clausal complement, without a
    trailing ", saying ..." (which hangs off the reported clause in the parse but is the speaker's
    own aside); the whole sentence, open-ended, when the verb has no complement."""
    comps = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
    if not comps:
        return sent.start_char, None
    start = min(t.idx for t in comps[0].subtree)
    last = max(comps[0].subtree, key=lambda t: t.i)
    end = last.idx + len(last.text)
    for child in comps[0].children:
        edge = child.left_edge
        if child.dep_ == "advcl" and child.i > comps[0].i and edge.i > 0 and edge.nbor(-1).text == ",":
            end = min(end, edge.nbor(-1).idx)
    return start, end


_STATEMENT_OF = re.compile(
    r"\b(?:statement|press release|announcement|report|communiqu[ée])\s+(?:made |issued |released )?(?:of|by|from)\s+"
    r"(?:the\s+)?([^,.;:]+?)(?=,|\.|;|:| it | that | was | were |$)", re.I)


def _statement_source(sent: Span, ctx: SourceContext) -> Source | None:
    m = _STATEMENT_OF.search(sent.text)
    if m:
        start = sent.start_char + m.start(1)
        span = sent.doc.char_span(start, sent.start_char + m.end(1), alignment_mode="expand")
        return normalise(m.group(1), ctx, _persons(span) if span is not None else None)
    return None


_HONORIFIC = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "sir": "m",
              "madam": "f", "lady": "f", "lord": "m", "king": "m", "queen": "f", "spokesman": "m",
              "spokeswoman": "f", "congressman": "m", "congresswoman": "f", "chairman": "m", "chairwoman": "f",
              "businessman": "m", "businesswoman": "f"}


# titles written before a name, as the role a later "the senator" names
_ROLE_TITLE = {"sen.": "senator", "sen": "senator", "senator": "senator", "gov.": "governor", "gov": "governor",
               "governor": "governor", "rep.": "representative", "rep": "representative", "congressman": "congressman",
               "congresswoman": "congresswoman", "president": "president", "secretary": "secretary",
               "mayor": "mayor", "minister": "minister", "candidate": "candidate", "nominee": "nominee",
               "chairman": "chairman", "chairwoman": "chairwoman", "ambassador": "ambassador", "premier": "premier",
               "chancellor": "chancellor", "businessman": "businessman", "businesswoman": "businesswoman"}


def _pronoun_gender(e: Span, next_person: int, quotes: list[tuple[int, int]]) -> str | None:
    """The gender of the first "he"/"she" after a subject in its sentence, before anyone else is named
    and outside quotations (where "he" is anyone the speaker talks about): "Smith said he ..."."""
    for tok in e.doc[e.end : min(next_person, e.root.sent.end)]:
        low = tok.lower_
        if (low in HE or low in SHE) and not any(q0 < tok.idx < q1 for q0, q1 in quotes):
            return "m" if low in HE else "f"
    return None


def _is_subject(root: Token) -> bool:
    """A subject, or a name set beside one ("One local woman, Jane Roe, stopped him")."""
    return root.dep_ in ("nsubj", "nsubjpass") or root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")


def _main_subject(root: Token) -> bool:
    if root.dep_ == "appos":
        root = root.head
    head = root.head
    if head.dep_ == "conj":
        head = head.head
    return head.dep_ == "ROOT" or is_reporting_verb(root.head)


def people_in(doc: Doc) -> list[PersonMention]:
    """Every person the text names, in order. The parser's PERSON entities, and a surname of one of
    them standing alone where the parser saw no entity ("Gates told the AP"). Gender comes from an
    honorific or gendered title just before the name ("Mrs. Clinton", "spokeswoman Hope Hicks"), else
    from the pronoun the text next uses for a subject ("Smith said he ..."), and is shared by every
    mention with the same surname."""
    gender: dict[str, str] = {}
    votes: dict[str, Counter[str]] = {}
    roles: dict[str, str] = {}
    quotes = quote_spans(doc_text(doc))
    ents = [e for e in doc.ents if e.label_ == "PERSON"]
    spans: list[tuple[Span, str]] = []
    for e in ents:
        name = re.sub(r"['’]s$", "", e.text).strip()
        if name and name[0].isupper():
            spans.append((e, name))
    surnames = {n.split()[-1] for _, n in spans if len(n.split()) > 1}
    for tok in doc if surnames else ():
        if tok.text in surnames and tok.pos_ == "PROPN" and not tok.ent_type_:
            spans.append((doc[tok.i : tok.i + 1], tok.text))
    spans.sort(key=lambda x: x[0].start)
    full: dict[str, list[str]] = {}  # surname -> the full names written with it, in order
    out = []
    described = {e.start_char: _description_of(e) for e, _ in spans}
    for k, (e, name) in enumerate(spans):
        prev = doc[e.start - 1].lower_ if e.start > 0 else ""
        g = _HONORIFIC.get(prev)
        name = _full_name(name, g, full, gender, votes)
        if g:
            gender.setdefault(name, g)
        quoted = any(q0 < e.start_char < q1 for q0, q1 in quotes)
        subject = _is_subject(e.root) and not quoted
        if subject and not g:
            said = _pronoun_gender(e, spans[k + 1][0].start if k + 1 < len(spans) else len(doc), quotes)
            if said:
                votes.setdefault(name, Counter())[said] += 1
        role = _ROLE_TITLE.get(prev) or _ROLE_TITLE.get(doc[e.start - 2].lower_ if e.start > 1 else "")
        if role:
            roles.setdefault(name, role)
        out.append((e.start_char, name, subject, e.root.sent.start_char, subject and _main_subject(e.root), quoted))
    for _, name, *_ in out:
        if (g := name_gender(name)) is not None:
            gender.setdefault(name, g)
    for name, v in votes.items():
        gender.setdefault(name, v.most_common(1)[0][0])
    return [PersonMention(c, n, gender.get(n), subj, st, main, roles.get(n), described.get(c, frozenset()), q)
            for c, n, subj, st, main, q in out]


_DESCRIBING = {"NOUN", "ADJ", "PROPN"}


def description_words(span: Span) -> frozenset[str]:
    """The lower-case nouns and adjectives of a description ("the former Florida governor")."""
    return frozenset(t.lower_ for t in span if t.pos_ in _DESCRIBING and t.ent_type_ != "PERSON")


def _description_of(e: Span) -> frozenset[str]:
    """The words the text describes a named person with: the title and modifiers before the name
    ("Republican presidential candidate Donald Trump"), or a description set beside it, before or
    after ("the Republican nominee, Donald Trump", "Donald Trump, the Republican nominee,")."""
    doc = e.doc
    before = [t for t in doc[max(0, e.start - 6) : e.start] if t.head.i in range(e.start, e.end) or t.head.i < e.start
              and any(a.i in range(e.start, e.end) for a in t.ancestors)]
    words = set(description_words(doc[before[0].i : e.start])) if before else set()
    beside = [c for c in e.root.children if c.dep_ == "appos"]
    if e.root.dep_ == "appos":
        beside.append(e.root.head)
    for b in beside:
        if b.i < e.start or b.i >= e.end:
            lo, hi = b.left_edge.i, b.i + 1 if b.i < e.start else b.i + 1
            words |= description_words(doc[lo:hi][-8:])
    return frozenset(words)


def _full_name(name: str, g: str | None, full: dict[str, list[str]], gender: dict[str, str],
               votes: dict[str, Counter[str]]) -> str:
    """A surname alone is the person last written in full with it ("Ebeling" after "Betsy Ebeling"),
    of the honorific's gender where one is given ("Mrs. Ebeling" after "Betsy and Tom Ebeling")."""
    words = name.split()
    if len(words) > 1:
        full.setdefault(words[-1], []).append(name)
        return name
    named = full.get(name)
    if not named:
        return name

    def known(n: str) -> str | None:
        return gender.get(n) or (votes[n].most_common(1)[0][0] if n in votes else None)

    if g:
        return next((n for n in reversed(named) if known(n) == g), next((n for n in reversed(named) if known(n) is None),
                                                                         named[-1]))
    return named[-1]
