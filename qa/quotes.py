"""Who said it: reported statements and their speakers in a news article, with offsets.

Why rules first: this runs at index time over every article, and news reporting is formulaic
("...," Tan said / Tan said that ... / ..., according to X). A few regexes over paragraphs and
sentences (qa.chunk's splitter) find most of it in about 2 ms per article. The sentences they
find nothing in, if they have a quotation mark or a verb of speech, go to a parser
(qa/speech_parse.py, about five times the rules' cost over BBC); its spans come back here,
and this module's resolver names every statement's speaker, whoever found it. Where the
rules took a name after a preposition ("A lawyer for the victims said"), the parse reads the
whole subject instead (_whole_subjects).

What it does:
- direct quotes: “...” / "..." (and ‘...’ of 4+ words) attributed by a verb of saying in the
  same sentence ("...," Tan said / said Tan / Tan said: "..." / which Tan described as "...").
  An unattributed quote continues the previous statement's speaker when it directly follows
  it in the same paragraph (or opens the next paragraph); short (1-3 word) unattributed
  quotes are scare quotes and skipped.
- indirect: X said (that) CLAUSE / X told ... that CLAUSE / X warned|stressed|... that
  CLAUSE / CLAUSE, X said / According to X, CLAUSE / CLAUSE, according to X. The text is
  the reported clause up to the sentence end.
- speakers: "Tan" -> the fullest name ending in Tan ("Tan Kefei"); he/she -> the last named
  person speaker; "the spokesman" / "the minister" -> the person given that role; "the
  ministry" -> the fullest "... Ministry" named. Roles come from an appositive
  ("Tan Kefei, a defence ministry spokesman,") or a title before the name ("defence
  ministry spokesman Tan Kefei", "Defence Minister Li Shangfu").

Also: joint subjects ("Li and Shoigu agreed that" -> "Li Shangfu and Sergei Shoigu"); the
inner reporter of "X announced that ..., Y said"; "the mining group" / "it" -> the organisation
named before; "the newspaper" -> the publication named last; a surname misspelt once -> the
person a letter away; "..., adding that CLAUSE" after a quote; headline-like lines are skipped.

What it misses: speakers named only in a later sentence (but for the lead's "its chief
executive has said", named by the statement after it); frames outside its patterns
("Underlining that ..., X used the phrases", "Conferring the award, X picked out Y as a
"..."", "the newspaper quotes X"); he/she by gender (the last named person is used).
"""

from __future__ import annotations

import functools
import re

from qa import speech_parse
from qa.chunk import split_sentences
from qa.first_names import is_first_name, sex_of_first_name
from qa.statement import Statement

_VERBS = (
    "said|says|say|told|tells|added|adds|warned|warns|stressed|stresses|claimed|claims|"
    "announced|announces|argued|argues|insisted|insists|noted|notes|believes|believed|"
    "explained|explains|stated|declared|declares|asserted|asserts|wrote|writes|"
    # "states" as a verb, not the noun: "the 50 states and", "European states which joined",
    # "EU states have to approve", "member states pressuring"
    r"(?<![0-9][ ])(?<!the[ ])(?<!member[ ])(?<!other[ ])(?<!all[ ])(?<!EU[ ])(?<!US[ ])"
    r"states(?![ ](?:which|who|whose|where|and|or|have|has|had|are|were|is|was|will|would|"
    r"can|could|should|must|may|might|to|of|over|with|from|such|like|across|including|"
    r"[a-z]+ing)\b)|"
    "urged|urges|suggested|suggests|acknowledged|admitted|confirmed|described|replied|"
    "continued|asked|expressed|reiterated|emphasised|emphasized|maintained|predicted|"
    "revealed|conceded|complained|pointed out|called|reported|reports|agreed|agree|repeated|"
    "responded|went on|raised concerns|raised fears|denied|denies|predicts|confirms|"
    "thinks|thought|fears|feared|fear|hopes|hoped|expects|found|alleges|alleged|claim|"
    "warn|argue|insist|believe|predict|suggest|think|"
    "is confident|are confident|was confident|were confident|is convinced|are convinced|"
    "was convinced|were convinced|is concerned|are concerned|was concerned|were concerned|"
    "speculated|speculates|forecast|forecasts|recalled|recalls|hinted|hints|indicated|"
    "indicates|reckon|reckons|reckoned|is adamant|are adamant|was adamant|were adamant|"
    "is saying|are saying|was saying|were saying|is claiming|are claiming|was claiming|"
    "were claiming|is also saying|is also claiming|are also saying|are also claiming|"
    # web news: '"...," Swift joked.', "he cautioned that", "Weaver shared on X that"
    # (not "shares", "jokes", "quips": nouns as often: "holds most of CAO's shares. It cut")
    "joked|quipped|cautioned|cautions|boasted|shared|theorized|theorised|confessed|"
    # '"...," concluded Professor Dautenhahn.', "she commented that"
    "concluded|concludes|commented|"
    # "recommended" only before "that": not "the nine-year recommended term"
    "recommends(?=[ ]that\\b)|recommended(?=[ ]that\\b)|"
    "made it clear|makes it clear|made clear|makes clear|"
    # stances the gold sets count, each right before "that": "Philip Morris now accepts that",
    # "Some are worried that" (not "accepted the promise that")
    "(?:accepts|accepted|accept|is[ ]worried|are[ ]worried|was[ ]worried|were[ ]worried|"
    # "Boeing and its supplier Spirit AeroSystems determined that ..."
    "determined|disclosed|contended|contends)(?=[ ]that\\b)"
)
# Verbs that need "that" before a reported clause (a bare "X told reporters" reports nothing)
_THAT_ONLY = {
    "told", "tells", "described", "asked", "expressed", "urged", "urges", "continued", "warned",
    "warns", "called", "agreed", "agree", "repeated", "responded", "went on", "found",
    "is concerned", "are concerned", "was concerned", "were concerned", "forecast", "forecasts",
    "recalled", "recalls", "hinted", "hints", "indicated", "indicates", "is adamant",
    "are adamant", "was adamant", "were adamant", "cautioned", "cautions", "boasted", "shared",
    "made it clear", "makes it clear", "made clear", "makes clear", "recommends", "recommended",
    "theorized", "theorised", "accepts", "accepted", "accept", "is worried", "are worried",
    "was worried", "were worried", "concluded", "concludes", "commented", "determined",
    "disclosed", "contended", "contends",
}  # fmt: skip
# What finds a clause without "that": a document ("The Kell survey found spending was flat")
_FINDINGS = {"found", "finds"}
_DOCUMENTS = r"report|study|survey|research|poll|review|paper|analysis"
# What finds or shows a clause as a speaker does: a document or figures
_FINDING_DOCS = rf"{_DOCUMENTS}|figures|data|statistics"
# "The Nokia-sponsored research showed that ...", "Official figures show sales fell"
_SHOWED = re.compile(
    r"(?:(?:But|And|However|Yet|Meanwhile|Now),?[ ]+)?(?P<s>(?:[Tt]he[ ]|[Aa]n?[ ])?"
    rf"(?:[\w’'-]+[ ]){{0,3}}?(?:{_FINDING_DOCS})s?)"
    r"[ ]+(?:also[ ]+)?(?:showed|shows|show)[ ]+(?P<that>that[ ]+)?"
)
# A possessive noun phrase that ends there: an object, no clause
_THEIR_NOUN = re.compile(
    r"[ ]+(?:its|their|his|her|our)[ ]+[a-z][\w-]*"
    r"(?:[ ](?:on|in|at|for|to|with|of|after|before)\b|[,.;:!?]|$)"  # not "his remark last
    # week was misrepresented"
)
_THAT_START = re.compile(r"[ ]+that\b")
_FINDER = re.compile(rf"(?i:{_FINDING_DOCS})s?$")
_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w’'-]*(?:&[A-Z][\w’'-]*)*|[A-Z]\.)"  # "U.S.", "AT&T"
_PARTICLE = r"(?:de|del|da|di|du|van|von|der|den|le|la|bin|ibn|al|of|for|&)"
_NAME = rf"{_WORD}(?:[ ](?:{_PARTICLE}[ ])*{_WORD})*"
_PARTICLE_RE = re.compile(_PARTICLE)
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)"
# Auxiliary verbs: one ends a subject, opens a finite clause, and is no speaker's word
_AUX = "is|are|was|were|has|have|had|will|would|can|could|should|may|might|must"
_PREP = (
    r"(?!(?:after|before|of|in|to|for|with|from|by|on|at|when|as|and|but|who|which|"
    # a verb ends a subject: "The G7 meeting is thought unlikely", "the government will agree"
    rf"{_AUX}|does|did|been|being|not)\b)"
)
_THE_PHRASE = (
    rf"(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)[ ](?:{_PREP}[\w’'-]+[ ]){{0,3}}?{_PREP}[\w’'-]+"
)
_SPEAKER = rf"\b(?:{_NAME}|{_PRONOUN}|{_THE_PHRASE})"
# "Labour campaign chiefs", "European leaders": a group of people named by a plural noun
_GROUP = (
    rf"{_NAME}(?:[ ][a-z]+){{0,2}}[ ](?:officials|chiefs|bosses|leaders|sources|experts|"
    r"analysts|executives|ministers|campaigners|critics|observers|economists|lawyers|"
    r"diplomats|spokesmen|researchers|scientists|investigators|prosecutors|negotiators)\b"
)
# "Li and Shoigu", "the US and its allies", "Moscow and Beijing": one joint speaker
# "analysts", "LSE shareholders", "Others", "most": people named by what they are
_COMMON = (
    r"(?:(?:[A-Z][\w-]*[ ]|(?:union|senior|government|company|industry|party|local|"
    r"foreign|independent|city|market|opposition|security|health|defence)[ ])?"
    r"(?:[Aa]nalysts|[Oo]fficials|[Ee]xperts|[Cc]ritics|[Oo]bservers|"
    r"[Ee]conomists|[Ll]awmakers|[Ii]nvestors|[Ss]hareholders|[Rr]esidents|[Ww]itnesses|"
    r"[Cc]ampaigners|[Uu]nions|[Dd]evelopers|[Ss]cientists|[Rr]esearchers|[Dd]octors|"
    r"[Ee]xecutives|[Bb]ankers|[Tt]raders|[Dd]ealers|[Cc]ommentators|[Dd]iplomats|"
    r"[Aa]ctivists|[Ll]awyers|[Pp]rosecutors|[Ii]nsiders|[Oo]pponents|[Ss]upporters|"
    r"[Mm]embers|MPs|[Mm]inisters|[Jj]udges|[Pp]olice|[Vv]oters|[Ff]ans|[Ww]orkers|"
    r"[Ee]mployees|[Cc]ustomers|[Uu]sers|[Cc]onsumers|[Aa]dvocates|[Pp]arents|[Tt]eachers|"
    r"[Pp]atients|[Rr]ivals|[Pp]undits|[Ss]tudents|[Rr]egulators|[Pp]oliticians|[Oo]rganisers)"
    # "traders in Asia", before the verb
    r"(?:[ ](?:in|from|at)[ ][A-Z][\w-]*(?:[ ][A-Z][\w-]*)?"
    r"(?=[ ]+(?:[a-z]+ed|said|says|say|told|tell|have|has|had|also|are|were|think|thought|"
    r"believe|fear|expect|warn|claim|argue|insist|predict)\b))?"
    r"|[Oo]thers|[Mm]ost)\b"
)
_PART = rf"(?:{_NAME}|{_THE_PHRASE})"
# "Australia's competition watchdog", "Britain's biggest union": a body named by whose it is
_POSSESSED = (
    rf"{_NAME}[’']s[ ](?:[a-z][\w-]*[ ]){{0,2}}(?:watchdog|regulator|body|union|bank|"
    rf"government|ministry|court|committee|council|agency|authority|company|firm|group)\b"
)
# "a preliminary Ofcom report", "a spokesman for Ofcom", "a senior administration official":
# a document or person not named
_A_SOURCE = (
    r"[Aa]n?[ ](?:[\w’'-]+[ ]){0,3}?(?:report|study|survey|poll|review|inquiry|"
    r"official|source|insider|diplomat|aide|"
    rf"spokesman|spokeswoman|spokesperson)(?:[ ]for[ ]{_NAME}"
    rf"|[ ]by[ ](?:analysts[ ]|researchers[ ])?{_NAME}(?:/{_NAME})*)?(?![\w/])"
)
# "Lawyers for the alleged spammers", "Unions for Deutsche Boerse staff in Frankfurt"
_PEOPLE_FOR = (
    r"(?:Lawyers|Unions|Officials|Representatives|Sources|Executives|Members|Spokesmen|"
    r"Supporters|Campaigners|Critics)[ ]for[ ][^,.;\"“”]{3,50}?(?=[ ](?:have|has|had|also|"
    r"reportedly|said|says|told|tells|added|adds|warned|argued|insisted|stressed|expressed)\b)"
)
_SUBJ = (
    rf"(?:{_POSSESSED}|{_A_SOURCE}|{_PEOPLE_FOR}|{_PART}[ ]and[ ]{_PART}|{_GROUP}|{_COMMON}"
    rf"|{_SPEAKER})"
)
# "Tory co-chairman Liam Fox", "Defense Ministry spokesperson Col. Tan Kefei"
_TITLED = (
    rf"(?:(?:{_NAME}[ ])?(?:[a-z][\w-]*[ ]){{1,3}})?"
    rf"(?:(?:Mr|Mrs|Ms|Dr|Col|Gen|Lt|Prof|Sgt)\.[ ])?{_NAME}"
)
# Courtesy and rank titles before a name, and US titles written only with a full stop
_COURTESY = "Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Maj|Adm"
_US_TITLES = "Sen|Rep|Gov"  # "Sen. Chuck Schumer"
_TITLE = re.compile(rf"^(?:(?:{_COURTESY}|Sir|Lord|Dame)\.?[ ]|(?:{_US_TITLES})\.[ ])+")
_ROLE_NOUN = (
    r"spokesman|spokeswoman|spokesperson|minister|secretary(?: general)?|president|"
    r"chancellor|chairman|chairwoman|chair|director(?: general)?|chief executive|chief|"
    r"leader|governor|ambassador|mayor|commissioner|head|manager|coach|analyst|expert|"
    r"economist|official|commander|premier|senator|professor|editor|founder|boss|"
    r"correspondent|researcher|fellow|envoy|adviser|advisor|deputy|councilor|councillor|"
    r"lawyer|attorney|solicitor|barrister|judge|magistrate|coroner|inspector|constable|"
    r"ceo|cfo|coo|cto"  # "Gogoro CEO Horace Luke" (US news)
)
_ROLE_END = re.compile(rf"\b(?:{_ROLE_NOUN})$", re.I)
# Capitalised words that belong to a title before a name: "Minister of National Defense Li"
_TITLE_WORDS = {
    "defense", "defence", "national", "foreign", "affairs", "interior", "home", "finance",
    "trade", "industry", "health", "education", "justice", "state", "general", "ministry",
    "prime", "vice", "deputy", "secretary", "of", "for", "and", "the", "executive", "senior",
}  # fmt: skip
_ORG_END = re.compile(
    r"\b(?:Ministry|Government|Party|Bank|Office|Commission|Council|Agency|Association|"
    r"Union|Department|Committee|Organisation|Organization|Institute|Authority|Court|"
    r"Federation|Parliament|Assembly|Times|News|Agency|Corporation|Group|Studios|Company|"
    r"Corp|Inc|Ltd|Plc|Holdings|Airlines|Airways|Motors|Industries|Bank|Board|"
    r"Administrations?|Society|Trust|Foundation|Services?|League|Fund|Conference|Chamber|"
    r"Bureau|Academy|Museum|Library|School|University|College|Hospital|Centre|Center|Forum|"
    r"Institution|Alliance|Coalition|Network|Church|Army|Navy|Police|Tribunal|Securities|"
    r"Stockbrokers|Partners|Associates|Exchange|Nations|Act|Cup|Championships?|Open|Index|"
    # places and works a first name can open ("Jack Shainman Gallery", "Arthur Ashe Stadium")
    r"Gallery|Galleries|Stadium|Arena|Theatre|Theater|Clinic|Chronicles)\b"
)
_STOP_CAPS = {
    "The", "A", "An", "In", "On", "At", "But", "And", "It", "This", "That", "These", "Those",
    "However", "Earlier", "Before", "After", "During", "While", "When", "Since", "According",
    "Both", "Some", "Many", "Most", "If", "As", "For", "Officially", "More", "Other", "Its",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Until",
    "January", "February", "March", "April", "June", "July", "August", "September",
    "October", "November", "December", "Last", "Next", "Yesterday", "Today", "Speaking",
    "Neither", "Although", "Though", "Loading", "Meanwhile", "Still", "Yet", "Also", "Instead",
    "Now", "Then", "Later", "Here", "There", "Even", "Only", "Just", "Whether", "Nor",
    # sentence openers that are no one ("Separately, ...", "Addressing claims that ...")
    "Separately", "Locally", "Additionally", "Similarly", "Currently", "Recently", "Finally",
    "Firstly", "Secondly", "Ultimately", "Obviously", "Worryingly", "Interestingly",
    "Importantly", "Clearly", "Initially", "Overall", "Elsewhere", "Nevertheless", "Likewise",
    "Nonetheless", "Otherwise", "Apparently", "Unfortunately", "Fortunately", "Surprisingly",
    "Significantly", "Notably", "Crucially", "Privately", "Publicly", "Addressing", "Following",
    "Responding", "Commenting", "Referring", "Writing", "Asked", "Despite", "With", "Without",
    "Having",
    # a participle describing the speaker ("Fuming Robinson said", "Echoing Bankman-Fried")
    "Fuming", "Ailing", "Echoing", "Pairing", "Asking", "Projecting", "Reacting", "Citing",
    "Noting", "Recalling", "Reflecting", "Explaining", "Describing", "Defending", "Praising",
    "Dismissing", "Welcoming", "Insisting", "Arguing", "Admitting", "Acknowledging",
    # more openers, seen on web news (MultiHop-RAG): "Because Bankman-Fried", "So Meta",
    # "Young Emily Hand", "Sad Taylor", and a newsletter's "SIGN UP" before a name
    "So", "Because", "Thus", "Hence", "Indeed", "Perhaps", "Maybe", "Sadly", "Unlike", "Once",
    "Whatever", "Whoever",
    "Sad", "SIGN", "UP",
    # a question's auxiliary before a name ("Is Epic using the chats ...?", "Had I known"),
    # and the "you" of an interviewer's question
    "Is", "Are", "Was", "Were", "Did", "Does", "Had", "Has", "Have", "Am", "You", "You’ve",
    "You've", "You’re", "You're", "What", "Why", "How", "Who", "Where", "Enter", "Do", "Could",
    "Would", "Should",
    # a web page's heading before a name ("RELATED ARTICLES Tech")
    "RELATED", "ARTICLES",
    # an inverted verb before a name: 'Added Kooker: "..."', 'Said Pastor Bradley, "..."'
    "Added", "Adds", "Concluded", "Continued", "Explained", "Noted", "Said", "Says", "Wrote",
    "Replied",
}  # fmt: skip
# An adverb opening the sentence before a name ("Eventually Vincent", "Historically Intel"),
# by its ending; the ending is written in lowercase so that "McNally" keeps its capital N
_ADVERB = re.compile(
    r"[A-Z][a-z]*(?:ually|ically|nally|rally|tally|ently|antly|ately|ously|ively|edly|ingly|"
    r"fully|lessly|ibly|ably|arily|ularly)"
)


class _Openers(frozenset):
    """The sentence openers that are no one's name: the words above, and any -ly adverb."""

    def __contains__(self, word: object) -> bool:
        return frozenset.__contains__(self, word) or (
            isinstance(word, str) and len(word) > 5 and _ADVERB.fullmatch(word) is not None
        )


_STOP_CAPS = _Openers(_STOP_CAPS)
# An adjective before a full name ("Young Emily Hand") that is also a given name or a surname
# ("Young Kim", "Ashley Young"): dropped only from the front of a name of two more words.
_LEADING_ADJECTIVES = {"Young"}
# Letters after a person's name ("Frank Field MP", "Ray III"), where capitals end a product
_POSTNOMINALS = {
    "MP", "MSP", "MEP", "AM", "MLA", "QC", "KC", "OBE", "MBE", "CBE", "KBE", "DBE", "JP", "VC",
    "II", "III", "IV", "MD",
}  # fmt: skip

_NAME_RE = re.compile(rf"(?<![\w’']){_NAME}")  # not the "Pod" of "iPod"
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_MARK = re.compile(r'[“”"]')
_COMMON_RE = re.compile(_COMMON)
_GENDERED = re.compile(
    r"\b(Mr|Mrs|Ms|Miss|Sir|Lord|Dame|Lady)\.?[ ]((?:[A-Z][\w-]+[ ])*[A-Z][\w-]+)"
)
_FEMALE = {"Mrs", "Ms", "Miss", "Dame", "Lady"}
_SINGLE = re.compile(r"‘([^‘’\n]+)’(?![a-z])")
# An adverb of manner between a speaker and the verb: "She playfully added:", "he flatly denied"
_LY = (
    # nouns and adjectives in -ly: "the former monopoly said", "the weekly said", "All newly
    # added deals are marked"
    r"(?!(?:only|early|family|ally|italy|july|rally|belly|bully|fly|reply|supply|apply|newly|"
    r"(?:mono|duo|oligo)?poly|assembly|anomaly|homily|jelly|holly|folly|weekly|daily|monthly|"
    r"quarterly|yearly|elderly|likely|friendly|lovely|costly|deadly|lonely|silly|ugly)\b)"
    r"[a-z]{2,}ly"
)
# A lowercase word of a description, not one that starts a phrase of its own ("said the
# boss of Acme", "said Smith in London")
_DESCRIBING = (
    r"(?!(?:of|in|at|on|for|from|to|and|or|with|by|after|before|who|which|that|the|an?|named|called)\b"
    r"|[a-z]+ing\b"  # "The UN programme tackling Aids"
    # a name's particle ("Jurgen den Hartog", "Lula da Silva"), a verb ("Trump had said Tuesday")
    rf"|(?:{_PARTICLE}|ben|dos|das|{_AUX}|said|says|told|do|does|did)\b)"
)
# "said team-mate Chris Paterson", "said SEC deputy enforcement director Linda Thomsen", "said
# one London-based broker" (tried first, or "one London-based" would be a titled name)
_INV_TITLED = (
    rf"(?:one[ ][\w-]+(?:[ ][a-z][\w-]*)?(?![\w-]|[ ][A-Z])"
    # "the former England captain David Beckham": a name inside the description
    rf"|(?:(?:the|an?|his|her|its|their)[ ])?(?:{_DESCRIBING}[a-z][\w-]*[ ]){{0,3}}"
    # ... or two ("ABN Amro chief Asian strategist Eddie Wong")
    rf"(?:{_NAME}[ ](?:{_DESCRIBING}[a-z][\w-]*[ ]){{1,2}}){{1,2}}{_NAME}"
    rf"|(?:{_NAME}[ ])?(?:[a-z][\w-]*[ ]){{1,3}}{_NAME})"
)
# '"...," said the giant winger.': the whole description up to the sentence's end
_THE_WHOLE = (
    rf"(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)[ ](?:{_PREP}[\w’'-]+[ ]){{1,3}}{_PREP}"
    r"(?!(?:yesterday|today|tonight|now|earlier|later|again|too|also)\b)[\w’'-]+(?=[.!?;]|$)"
)
# ... and one with capitalised words inside, ending in a noun: "said the three-time Globe
# Prize winner." (not "said the Tory leader Michael Howard.", a titled name)
_THE_WHOLE_LOWER = (
    rf"(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)[ ](?:{_PREP}[\w’'-]+[ ]){{1,4}}"
    r"(?!(?:yesterday|today|tonight|now|earlier|later|again|too|also)\b)[a-z][\w’'-]*"
    r"(?=[.!?;]|$|,[ ]+(?:who|whose)\b"  # "said the Factory Records founder, who has been"
    # "said the Liverpool manager after a seventh win"
    r"|[ ]+(?:after|before|during|following|when|while|at|in|on|last|yesterday|today)\b)"
)
# "said Dr. Jane Roe": a courtesy title with a full stop (US style) before the name
_DOTTED_TITLE = rf"(?:{_COURTESY}|{_US_TITLES})\.[ ]{_NAME}"
# '"...," said the committee chairman, MP Edward Leigh.': the name after the description
_APPOSED_AFTER = (
    rf"(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)[ ](?:[\w’'-]+[ ]){{0,4}}?[a-z][\w’'-]*,[ ]+"
    rf"(?:(?:{_COURTESY}|{_US_TITLES}|MP|Sir|Dame|Lord|Lady)\.?[ ])?(?P<s4>{_NAME})"
    r"(?=[ ]*(?:[.!?;]|,[ ]+(?:who|whose)\b|$))"
)
# What a person or body issues, whose words it gives: "Mr Tanzi's statement said"
_ISSUED = r"(?:statement|letter|e-?mail|message|memo)"
# '"...," Mr Tanzi's statement said', '"...," Mr Roe's lawyer said': whose words or aide
_OWNED = (
    rf"(?:(?:{_COURTESY})\.?[ ])?{_NAME}[’']s[ ](?:official[ ])?"
    rf"(?:{_ISSUED}|spokes(?:man|woman|person)|lawyers?|agent)"
)
_AFTER = re.compile(
    rf"^[ ]*,?[ ]*(?:(?P<inv>{_VERBS})[ ]+"
    rf"(?:{_APPOSED_AFTER}|(?P<s1>{_THE_WHOLE_LOWER}|{_DOTTED_TITLE}|{_INV_TITLED}|{_THE_WHOLE}"
    rf"|{_SPEAKER}))"
    rf"|(?P<s2>{_A_SOURCE}|{_OWNED}|{_TITLED}|{_SPEAKER})(?P<ap>(?:,[^,\n]{{3,120}}){{1,3}},)?"
    rf"[ ]+(?:(?:also|then|later|once|has|had|was quoted as|is quoted as|{_LY})[ ]+)*"
    rf"(?:{_VERBS}|saying)\b"
    rf"|according[ ]+to[ ]+(?P<s3>(?:the[ ])?{_NAME}|{_SPEAKER}))"
)
_LAST_VERB = re.compile(
    rf"(?s).*\b({_VERBS}|saying|telling|went on|calling|accusing(?: [\w’'-]+){{1,4}} of)\b"
)
# Verbs whose quoted complement is a statement of its own: 'called the visit "productive"'
_COMPLEMENT = {"called", "calling", "described", "saying", "went on"}
_SUBJECT_VERB = re.compile(
    rf"(?P<s>{_SUBJ})(?P<ap>(?:,[^,\n]{{3,120}}){{1,3}},|[ ][-–—][ ][^-–—\n]{{3,60}}[ ][-–—])?"
    rf"[ ]+(?:(?:also|then|later|has|had|have|"
    rf"previously|repeatedly|recently|once|again|was quoted as|reportedly|publicly|privately|"
    rf"did|long|{_LY}|"
    rf"separately|earlier|subsequently|later)[ ]+)*(?P<v>{_VERBS})\b"
)
# A report named by its noun, with who made it: "an announcement by Acme that CLAUSE", "a
# warning from the Bank of England that CLAUSE"
_NOUN_REPORT = re.compile(
    r"\b(?:an?|the)[ ](?:[a-z]+[ ])?(?:announcement|warning|claim|statement|assurance|promise|"
    r"admission|prediction|suggestion|pledge|insistence|forecast)s?[ ](?:by|from)[ ]"
    rf"(?P<s>(?:the[ ])?{_NAME})[ ]that[ ]+(?=[a-zA-Z“\"])"
)
# "Mr Dorn was quoted by Reuters as saying", "Dorn is alleged to have said that": a frame
_PASSIVE_FRAME = re.compile(
    rf"(?P<s>{_SUBJ})[ ]+(?:was|were|is|are|has[ ]been|had[ ]been)[ ]+(?:also[ ]+)?"
    r"(?:quoted|reported|alleged|understood|thought|believed|said)"
    r"(?:[ ]+(?:by|in|on)[ ]+[^,:;\"“”]{1,50}?)?[ ]+(?:as[ ]+)?"
    r"(?:saying|having[ ]+said|to[ ]+have[ ]+(?:said|told[ ]+[^,:;\"“”]{1,30}?|claimed|warned|"
    r"admitted))\b"
)
_INVERTED = re.compile(
    rf",[ ]+(?P<v>said|says|added|adds|predicts|predicted|warned|warns|insisted|insists|"
    rf"argued|argues|explained|claimed|claims|noted|notes|found|finds|believes|thinks|"
    rf"say)[ ]+(?![a-z]+ed[ ]by\b)"  # not "..., claims denied by Acme": a noun
    rf"(?P<s>{_A_SOURCE}|{_DOTTED_TITLE}|{_INV_TITLED}|{_SPEAKER})[ ]*(?:[.,;]|$)"
)
_TAIL_VERB = re.compile(
    rf",[ ]+(?P<s>{_TITLED}|{_SPEAKER}|[a-z]+(?:[ ][a-z]+)?)"
    rf"(?P<ap>(?:,[^,\n]{{3,120}}){{1,3}},)?"
    rf"[ ]+(?:(?:also|has|have|had)[ ]+)?(?:{_VERBS})\b"
)
_PRONOUN_RE = re.compile(_PRONOUN)
_VERB_RE = re.compile(rf"\b(?:{_VERBS})\b")
_TAIL_END = re.compile(
    r"[ ]*(?:(?:on|in|at|last|this|yesterday|today|earlier)\b[^,.;]{0,30})?[.!?]?$"
)
_QUOTED_AS = re.compile(rf"\bquoted[ ]+(?P<s>{_NAME})[ ]+as[ ]+saying[ ]+(?:that[ ]+)?")
# "told Sky News there was ...", "told reporters it would ...": the listener, then a clause
_TOLD_BARE = re.compile(
    rf"[ ]+(?:{_NAME}|reporters|journalists|the[ ][a-z]+|an?[ ][a-z]+(?:[ ][a-z]+)?)"
    rf"(?:[ ]of[ ](?:the[ ])?{_NAME})?[ ]+"  # "told a meeting of the Police Authority it"
    r"(?P<c>(?:there|it|he|she|they|we|i)\b)"
)
_THAT = re.compile(r"\bthat[ ]+")
# Figures or a study that a report cites as showing something: "its figures suggested that"
_INNER_FINDING = re.compile(
    r"(?<![\w’'-])(?P<s>"
    r"(?:(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Aa]n?|[Nn]ew|[Oo]fficial|[Gg]overnment)[ ])?"
    rf"(?:(?!(?:{_VERBS}|that)\b)[\w’'-]+[ ]){{0,2}}?(?:{_FINDING_DOCS})s?"
    rf"(?:[ ](?:by|from)[ ]{_NAME})?)[ ]+(?:also[ ]+)?"
    r"(?:show(?:s|ed)?|suggest(?:s|ed)?|found|finds|indicate(?:s|d)?|reveal(?:s|ed)?)[ ]+"
    r"(?:that[ ]+)?(?=[\w“\"])"
)
# A sentence's subject before its predicate, after an optional opening phrase ("On Monday,"):
# what "X denied it and said CLAUSE", 'X ... and said: "..."' and "X ..., saying CLAUSE" share
_OPENING_SUBJECT = rf"(?:[A-Z][^,]{{0,40}},[ ]+)?(?P<s>{_THE_PHRASE}|{_COMMON}|{_NAME}"
_AND_SAID = re.compile(
    rf"^{_OPENING_SUBJECT})[ ]+"
    r"(?![a-z]+[ ]+that\b)[^,.;\"“”]{3,60}?[ ]and[ ]+"
    r"(?:also[ ]+)?(?:said|added|insisted|stressed|warned)[ ]+(?:that[ ]+)?(?=[a-z])"
)
_AND_SAID_COLON = re.compile(
    rf"{_OPENING_SUBJECT})[ ]+"
    r"(?!(?:said|says|told|added)\b)[^,.;\"“”]{3,80}?[ ]and[ ]+(?:also[ ]+)?"
    r"(?:said|added|insisted|stressed|warned|explained)[ ]*[:,]?[ ]*$"
)
_COMMA_SAYING = re.compile(
    rf"{_OPENING_SUBJECT}|[Hh]e|[Ss]he|[Ii]t)[ ]+"
    r"(?!(?:said|says|told|added)\b)[^,.;\"“”]{3,80}?(?:,[ ]+|[ ]by[ ]+|"
    # "opposed the bid saying it would": no comma (not "quoted Shoigu as saying")
    r"(?<![ ]as)[ ](?=saying[ ]+(?:that|it|he|she|they|we)[ ]))"
    r"(?:(?:saying|adding|"
    r"arguing|insisting|warning|claiming|alleging)[ ]+(?:that[ ]+)?|"
    # "..., telling Radio 4's PM programme that CLAUSE"
    r"telling[ ]+(?:[\w’'.-]+[ ]+){1,5}?that[ ]+)(?=[a-zA-Z“\"])"
)
# The plural noun a shortest subject stopped before: "The tobacco| companies denied"
_PLURAL_HEAD = re.compile(
    r"[ ](?!(?:says|is|has|was|does)\b)[a-z]+s(?=[ ]+(?:[a-z]+ed|have|had|were|are)\b)"
)
# "Home Office minister Hazel Blears": the person after an organisation's role words
_ROLE_THEN_NAME = re.compile(
    rf"[ ]+(?:[a-z][\w-]*[ ]){{0,2}}(?:{_ROLE_NOUN})[ ](?P<n>{_NAME})\b(?![’'])"
)
# What says a thing without a comma before "saying", when it is not the subject
_WHAT_SAYS = re.compile(
    r"\b(?:despite|message|letter|statement|note|sign|banner|e-?mail|poster|text)[ ]saying\b"
    r"|\bdespite\b"
)
# "company's" in "The company's chief executive": whose role, not the role
_ORG_POSSESSIVE = re.compile(
    r"(?:company|firm|group|club|bank|party|team|airline|network|studio|label|band)[’']s"
)
# What is claimed in sport is won, not said
_CLAIMING_A_WIN = re.compile(
    r"(?:[\w’'-]+[ ]){0,5}?(?:victory|win|title|gold|silver|bronze|medal|doubles|singles|"
    r"crown|lead|record|points|seat)s?\b"
)
_AFTER_NAME = re.compile(
    rf"\b(?:after|as|when|while|because|since)[ ]+(?P<s>{_NAME})[ ]+(?:has[ ]+|had[ ]+)?"
    r"[a-z]+ed\b"
)
_FRAME_WORDS = re.compile(
    r"ccording to|quoted|saying|warning|arguing|predicting|claiming|adding|insisting|alleging|"
    r"telling|"
    r"^(?:(?:But|And|Yet)[ ]for|For)[ ]|"
    r"^(?:(?:But|And|Yet|So),?[ ]+)?In[ ][A-Z][^,]{1,40}[’']s?[ ](?:view|opinion|words),"
)
_WITH_SAYING = re.compile(
    rf"\bwith[ ]+(?P<s>{_COMMON}|{_NAME})[ ]+(?:saying|warning|arguing|predicting|claiming)"
    r"[ ]+(?:that[ ]+)?(?=[a-zA-Z“\"])"
)
# A frame that ends its sentence with a longer speaker than the patterns above take:
# "CLAUSE, says the boss of the organisation that cleared them.", "CLAUSE, say two reports.",
# "CLAUSE, London's most senior police officer has said.", "CLAUSE, official figures show."
_NP_START = (
    rf"(?:[Tt]he|[Aa]n?|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any|[Oo]fficial|{_NAME}[’']s)"
)
_END_INVERTED = re.compile(
    rf",[ ]+(?:says|said|say)[ ]+(?P<s>{_NP_START}[ ][^,;:\"“”()]{{3,100}}?)[ ]*[.!]?$"
)
_END_SUBJECT = re.compile(
    rf",[ ]+(?P<s>{_NP_START}[ ](?:[\w’'-]+[ ]){{0,6}}?[\w’'-]+)[ ]+(?:has[ ]+|have[ ]+)?"
    r"(?:said|says|say|shows?|suggests?|finds|found)[ ]*[.!]?$"
)
_AUXILIARY = re.compile(rf"\b(?:{_AUX}|did|does)\b")
_END_WORD = re.compile(r"\b(?:shows?|suggests?)[ ]*[.!]?$")
_FOR_LEAD = re.compile(
    r"^(?:(?:But|And|Yet)[ ]for|For)[ ](?P<p>[^,]{3,60}),(?:[ ](?:an?|the)[ ][^,]{3,150},)?[ ]+"
)
_ACCORDING_LEAD = re.compile(
    r"^(?:According|(?:And|But|Yet|So|Also|However|Meanwhile|Now),?[ ]+according)[ ]to[ ]"
    r"(?P<p>[^,]{2,120}),[ ]+"
)
_VIEW_LEAD = re.compile(
    rf"^(?:(?:But|And|Yet|So),?[ ]+)?In[ ](?P<p>{_NAME})[’']s?[ ](?:view|opinion|words),[ ]+"
)
# (a full stop ends the phrase, not one inside a web address: "according to spaceweather.com")
# (nor a title's: "according to Dr. Julia Corcoran, a psychologist", nor an initial's:
# "the Case-Shiller U.S. National Home Price Index")
_TITLE_STOP = "".join(rf"(?<!\b{w})" for w in f"{_COURTESY}|{_US_TITLES}|St|[A-Z]".split("|"))
_ACCORDING_TAIL = re.compile(
    rf",?[ ]+according to (?P<p>[^,]{{2,120}}?)[ ]*(?:,|{_TITLE_STOP}\.(?!\w)|$)"
)
_WEB_ADDRESS = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|co\.uk|org\.uk)\b")
_TAIL_EXTRA = re.compile(r"^(?:[ ]+[^,.;\"“”]{0,70})?(?:[,;][^\"“”]*)?[.!?]?$")
_STANCE_RE = re.compile(
    r"\b(?:thinks|thought|fears|feared|fear|hopes|hoped|expects|found|is confident|"
    r"are confident|was confident|were confident|believes|believed|is convinced|are convinced|"
    r"was convinced|were convinced|is concerned|are concerned|was concerned|were concerned)\b"
)
# An apposition ends at its sentence's end too: "X, an analyst at NikkoCitigroup. The ..."
_APPOS = re.compile(r",[ ]+(?:an?|the)[ ]+([^,\n\"“”]{3,80}?)(?:,|[.?!](?=\s|$))")
# ", Texas attorney general announcing ...": a title after the name, without an article
_APPOS_BARE = re.compile(
    r",[ ]+((?:[A-Z][\w’'-]*[ ]){0,3}(?:[a-z][\w-]*[ ]){0,2}?"
    r"(?:spokesman|spokeswoman|spokesperson|minister|secretary|president|chancellor|chairman|"
    r"chairwoman|director|chief executive|governor|ambassador|mayor|commissioner|manager|coach|"
    r"analyst|economist|attorney general|general|senator|professor|editor|founder|leader))\b"
    # an apposition ends there; "X, the prime minister conceded": a new subject, no role
    r"(?=[ ]*(?:[,.;:)]|$)|[ ](?:of|at|for|in|to|from|with|and|[a-z]+ing)\b)"
)


_POSSESSIVE = re.compile(r"(?:[’']s|(?<=s)[’'])$")  # "Nintendo Europe's", "Services'"
_ONE_OF_A_KIND = re.compile(r"one[ ](?!of\b)\S+[ ]\S")


def _without_openers(words: list[str], keep_one: bool = True) -> list[str]:
    """The words of a capitalised run less the sentence openers before the name (`keep_one`:
    never the last word), and a "Young" before a name of two more words."""
    while len(words) > keep_one and words[0] in _STOP_CAPS:
        words = words[1:]
    if len(words) > 2 and words[0] in _LEADING_ADJECTIVES:
        words = words[1:]
    return words


def _persons(text: str) -> list[tuple[int, str, str | None]]:
    """(offset, name, title) of each capitalised name sequence, a title before it split off."""
    out = []
    headings = _headings(text)
    for m in _NAME_RE.finditer(text):
        if any(a <= m.start() < b for a, b in headings):
            continue
        raw = m.group()
        words = _without_openers(raw.split(" "), keep_one=False)
        inner = [i for i, w in enumerate(words[1:-1], 1) if w.rstrip(".") in _TITLE_ABBR]
        if inner:  # "Tanzania Mr Brown": the courtesy title starts the name
            words = words[inner[-1] :]
        if not words:
            continue
        while len(words) > 1 and words[0].endswith("-based"):  # "Paris-based Euronext"
            words = words[1:]
        owners = [i for i, w in enumerate(words[:-1]) if _POSSESSIVE.search(w)]
        if owners and _personal(" ".join(words[owners[-1] + 1 :])):
            words = words[owners[-1] + 1 :]  # "Manchester City's Richard Dunne"; not a body
        words[-1] = _POSSESSIVE.sub("", words[-1])  # "Nintendo Europe's"
        role, name = _split_title(" ".join(words))
        if not name:
            continue
        of = _PERSON_OF.fullmatch(name)
        if of and _personal(of.group("p")):  # "Ashok Vishwanathan of Operation Black Vote"
            name = of.group("p")
        out.append((m.start() + raw.rfind(name), name, role))
    return out


def _headings(text: str) -> list[tuple[int, int]]:
    """Spans of title-case lines ("Did Russia and China Talk About the War?")."""
    out = []
    for start, end in _paragraphs(text):
        words = text[start:end].split()
        if 4 <= len(words) <= 20 and sum(w[:1].isupper() for w in words) > 0.6 * len(words):
            out.append((start, end))
    return out


def _split_title(words_text: str) -> tuple[str | None, str]:
    """'Ukrainian President Volodymyr Zelensky' -> ('Ukrainian President', 'Volodymyr Zelensky')."""
    words = words_text.split(" ")
    for i in range(len(words) - 2, -1, -1):
        if (
            _ROLE_END.search(words[i])
            # "Euro MP Robert Kilroy-Silk", "London UKIP MEP Gerard Batten"; not "MP for ..."
            or (words[i] in _SEATS and words[i + 1][:1].isupper())
            or (words[i] == "Justice" and i < len(words) - 2)  # "Chief Justice John Roe", but
        ):  # "Lord Justice Rix" is how a judge is named
            while i + 1 < len(words) - 1 and words[i + 1].lower() in _TITLE_WORDS:
                i += 1
            role, rest = " ".join(words[: i + 1]), " ".join(words[i + 1 :])
            tail = _DESCRIBED_TAIL.search(rest)
            particle = tail and _PARTICLE_RE.fullmatch(tail.group().split()[0])
            if tail and " " in tail.group(1) and not particle:
                # "ABN Amro chief Asian strategist Eddie Wong": the role goes on to the last
                # lowercase word (not a name's particle, "Jurgen den Hartog")
                role, rest = f"{role} {rest[: tail.start(1)].strip()}", tail.group(1)
            return role, _TITLE.sub("", rest)
    party = _PARTY_BEFORE_NAME.match(words_text)
    rest = words_text[party.end() :] if party else ""
    if party and len(rest.split(" ")) >= 2 and not _ORG_END.search(rest):
        return party.group("p"), _TITLE.sub("", words_text[party.end() :])
    # "Striker Nicolas Anelka", "DJ Norman Cook", "American Serena Williams": what the person
    # is, before a name (not "American Film Institute")
    if len(words) >= 3 and words[0].lower() in _DESCRIBED_AS and _personal(" ".join(words[1:])):
        return words[0], _TITLE.sub("", " ".join(words[1:]))
    return None, _TITLE.sub("", words_text)


# A member's seat, where a role before a name ends ("Euro MP Robert Kilroy-Silk")
_SEATS = {"MP", "MEP", "MSP"}
_SEAT = rf"(?:{'|'.join(sorted(_SEATS))})s?"
# A party or a member's seat before a name: "Tory MP Michael Mates", "Lib Dem Norman Baker"
_PARTY_BEFORE_NAME = re.compile(
    r"(?:the[ ])?(?P<p>(?:(?:Labour|Tory|Tories|Conservatives?|Lib[ ]Dems?|Liberal[ ]Democrats?|"
    rf"SNP|UKIP|Plaid(?:[ ]Cymru)?|Republicans?|Democrats?)(?:[ ]{_SEAT})?)"
    rf"|(?:Green[ ])?{_SEAT})[ ](?=[A-Z])"
)


# A lowercase title or description before a name of two or more words: "state prosecutor
# Alexis Ortiz", "investment bank Merrill Lynch"; not "the Chinese Defense Ministry", which
# the resolver reads as a description of an organisation the article names.
# The name after a lowercase description ending its phrase: "British actor Clive Owen"
_DESCRIBED_TAIL = re.compile(rf"(?:^|[ ])[a-z][\w-]*[ ]({_NAME})$")
# A name inside a description before another name: "the former England captain David Beckham"
_NAMED_ROLE = rf"{_NAME}(?:[ ]{_DESCRIBING}[a-z][\w’'-]*)+"
_LOWER_TITLED = re.compile(
    rf"(?!(?:the|a|an|his|her|its|their)[ ])(?:[a-z][\w-]*[ ]){{1,4}}(?:{_NAMED_ROLE}[ ])?"
    rf"({_WORD}(?:[ ](?:{_PARTICLE}[ ])*{_WORD})+)"  # "former Qantas boss Alan Joyce" too
)
# ... and one that opens with capitals: "Aviator star Alan Alda", "UK advertising giant WPP"
_CAPITAL_DESCRIBED = re.compile(  # (not "Herbert Hansen of Respond's Belgian partner Keyobs")
    rf"(?:[A-Z][\w’'.&-]*[ ]){{1,3}}(?:{_DESCRIBING}[a-z][\w-]*[ ]){{1,3}}({_NAME})"
)
_NAME_GOES_ON = re.compile(r"[ ](?:of|for|de)[ ][A-Z]")
_DESCRIBED_NAME = re.compile(
    rf"^(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)(?=[ ](?:[a-z]|{_NAMED_ROLE}[ ]))"
    rf"(?:[ ][a-z][\w’'-]*)*(?:[ ]{_NAMED_ROLE})?[ ]({_NAME})$"
)


# "Mr Blair's official spokesman", "Ms Jowell's deputy": a person's aide, named by whose
_AIDES = (
    r"(?:official[ ])?(?:spokes(?:man|woman|person)|deputy|aide|adviser|lawyers?|agent|assistant)"
)
_WHOSE_ROLE = re.compile(
    rf"(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord)\.?[ ])?(?P<p>{_NAME})[’']s[ ](?P<r>{_AIDES})$"
)
# "Mr Tanzi's statement said", "the company's statement": the words of whose it is, as the
# gold sets write them (a bare "the statement" stays a document)
_OWNED_STATEMENT = re.compile(
    rf"(?P<p>[^’']+)[’']s[ ](?:(?:official|written|prepared|brief)[ ])?{_ISSUED}"
)
# "His agent told the Times": the agent of whoever "he" would be there
_HIS_AIDE = re.compile(rf"(?P<d>[Hh]is|[Hh]er)[ ](?P<r>{_AIDES})")
_SUBORDINATORS = r"because|since|although|though|while|whereas|when|if|as|after|before|until|unless"
_SUBORDINATOR_BEFORE = re.compile(rf"\b(?:{_SUBORDINATORS})[ ]+$")
_AFTER_A_CLAUSE = {",", "-", "—", "–", "”", '"', "’", "'"}
_TRAILING_PRONOUN = {"he", "she", "it", "they", "we"}
_HAS_POSSESSIVE = re.compile(r"[’']s\b")  # "Dragon's Den", a programme
_TRAILING_ADVERB = re.compile(r"[ ](?:also|too|then|now|later|still|again|previously)$")
_BODY_OF_AND = re.compile(
    rf"(?:[Tt]he[ ])?{_WORD}(?:[ ]{_WORD})*[ ]of[ ]{_NAME}[ ]and[ ](?P<last>{_WORD}(?:[ ]{_WORD})*)"
)
_PLACE_INITIALS = {"U.S.", "U.K.", "L.A.", "D.C.", "N.Y.", "U.N.", "E.U.", "N.J.", "S.F."}
_NAME_BESIDE = re.compile(rf",[ ]+(?P<n>{_NAME}),")  # "His assistant, Alice Doe, said"
# A firm described by its trade's people ("Telecom analysts Ovum", "consultants Deloitte")
_TRADE_GROUP = re.compile(r"\b(?i:analysts|consultants|researchers|pollsters|forecasters)$")
_NAMED_AFTER_TRADE = re.compile(rf"[ ](?P<n>{_NAME})(?=[ ]+[a-z])")


def _trim_mention(text: str, sp0: int, sp1: int) -> tuple[int, int]:
    """The speaker span less a leading sentence word or a title: the name itself."""
    mention = text[sp0:sp1]
    adverb = _TRAILING_ADVERB.search(mention)
    if adverb and adverb.start() > 0:  # "The EU's top diplomat also took a shot at ...,
        sp1 = sp0 + adverb.start()  # saying": no "also" in who speaks
        mention = text[sp0:sp1]
    owned = _OWNED_ROLE.match(text, sp1) if _POSSESSIVE.search(mention) else None
    if owned:  # '"...," says United's manager': the manager, not "United's"
        return sp0, owned.end(1)
    if mention.count("(") > mention.count(")") and " (" in mention:
        # "A survey of 280 schemes by Incomes Data Services' (IDS": without the unclosed
        # parenthesis, and the possessive before it
        sp1 = sp0 + len(_POSSESSIVE.sub("", mention[: mention.rindex(" (")]))
        mention = text[sp0:sp1]
    last = mention.rsplit(" ", 1)[-1]
    if last in _TRAILING_PRONOUN and " " in mention:
        # "Asked whether the BBC should have screened the controversial musical he said:",
        # "told the Times he hoped": a phrase before the subject with no comma after it
        return sp1 - len(last), sp1
    if " and " in mention:  # a joint speaker: each part is resolved on its own
        return sp0, sp1
    named = _NAMED_AFTER_TRADE.match(text, sp1) if _TRADE_GROUP.search(mention) else None
    if named and named.group("n").split(" ")[0] not in _STOP_CAPS:
        # "Telecom analysts Ovum welcomed the move": the firm so described, as "research
        # firm Ovum" is
        return named.span("n")
    whose = _WHOSE_ROLE.search(mention)  # "Mr Blair's official spokesman": whose, kept
    if whose:
        return sp0 + whose.start(), sp1
    titled = _DESCRIBED_NAME.search(mention)  # "Her coach Aston Moore" -> "Aston Moore"
    if titled and not _NAME_GOES_ON.match(text, sp1):  # not "the country's Court" of Appeal
        return sp0 + titled.start(1), sp1
    titled = _LOWER_TITLED.fullmatch(mention)  # "chief executive Tom Glocer" -> "Tom Glocer"
    if titled:
        return sp0 + titled.start(1), sp1
    titled = _CAPITAL_DESCRIBED.fullmatch(mention)  # "Aviator star Alan Alda" -> "Alan Alda"
    if titled:  # ("India's federal commerce Minister Kamal Nath": the name after the title)
        return sp1 - len(_split_title(titled.group(1))[1]), sp1
    if (
        not mention[:1].isupper()
        or mention.split(" ")[0] in {"The", "His", "Her", "Its"}
        or re.match(r"An?[ ][a-z][^ ]*[ ](?:for|of|at|from)[ ]", mention)  # "A lawyer for X"
        # "A third Big Ten head coach": a description, no name at its end
        or (
            re.match(r"(?:An?[ ](?:second|third|fourth|fifth)|Another)[ ]", mention)
            and mention.split(" ")[-1].islower()
        )
        or re.match(r"[A-Z]{2,}s[ ](?:for|of|at|from|on)[ ]", mention)  # "MPs from the"
    ):
        return sp0, sp1
    words = _without_openers(mention.split(" "))
    # "Tanzania Mr Brown": a courtesy title inside the mention starts the name
    inner = [i for i, w in enumerate(words[1:-1], 1) if w.rstrip(".") in _TITLE_ABBR]
    if inner:
        words = words[inner[-1] :]
    _, name = _split_title(" ".join(words))
    return (sp1 - len(name), sp1) if name else (sp0, sp1)


_ROLE_WORD = re.compile(rf"(?:{_ROLE_NOUN})", re.I)
_ROLE_STOP = {
    "the", "a", "an", "of", "and", "said", "told", "by", "to", "with", "in", "as", "according",
}  # fmt: skip
# A minister's portfolio: "Foreign Secretary" is one title
_PORTFOLIOS = _TITLE_WORDS | {
    "culture", "transport", "environment", "energy", "employment", "treasury", "work",
    "pensions", "media", "sport", "northern", "ireland", "scottish", "welsh", "economy",
}  # fmt: skip
# Roles one person holds ("the Tory leader"), unlike "the spokesman"
_HEAD_ROLES = {"leader", "boss", "manager", "chairman", "chairwoman", "coach"}
# A word for someone from a country: "the Spaniard", "The Brazilian", "the Dutchman"
_NATIONAL_NOUN = r"[A-Z][a-z]+(?:ian|ese|ard|man|ch)"
# A post one person holds, or a description of one person: "the prime minister", "the
# England skipper", "the Spaniard"
_HELD_BY_ONE = re.compile(
    r"\b(?:(?i:minister|secretary|president|chancellor|chairman|chairwoman|chief executive|"
    r"governor|mayor|commissioner|premier|founder|skipper|captain|champion|holder|medallist|"
    rf"general)|{_NATIONAL_NOUN})$"
)
# Words that make a role another one: "shadow chancellor" is not "the chancellor"
_OTHER_ROLE = {"shadow", "former", "ex", "deputy", "vice", "assistant", "junior", "acting"}
_TITLE_ABBR = {"Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Adm", "Prof", "Sir"}


def _role_near(text: str, start: int, end: int) -> str | None:
    """An appositive after the name ("X, a spokesman for Y,"), else a title just before it
    ("defence ministry spokesman X")."""
    appos = _APPOS.match(text, end) or _APPOS_BARE.match(text, end)
    # not "against San Francisco, the coach said,": a new subject and its verb, no role
    if appos and not _FRAME_END.search(appos.group(1)):
        return appos.group(1)
    window = text[max(0, start - 80) : start].replace("\n", " ")  # no title across lines
    if not window.endswith(" "):
        return None
    words = window.split(" ")[1:-1] if start > 80 else window.split(" ")[:-1]
    while words and words[-1].rstrip(".") in _TITLE_ABBR:
        words.pop()
    if not words or not (
        _ROLE_WORD.fullmatch(words[-1]) or _ROLE_WORD.fullmatch(" ".join(words[-2:]))
    ):
        return None
    keep: list[str] = []
    for word in reversed(words[-4:]):
        if not word or word.lower() in _ROLE_STOP or word[-1] in ",.;:\"”’'“‘":
            break
        keep.insert(0, word)
    while keep and keep[0] in _STOP_CAPS:  # "For Jupiter analyst X": the sentence's opening
        keep.pop(0)
    return " ".join(keep) or None


class _Resolver:
    """Speaker mentions -> the fullest name the article gives, and that person's role."""

    def __init__(self, text: str, headline: str | None = None) -> None:
        self.text = text
        self.given_headline = headline  # see find_statements
        self._people_words: set[str] | None = None  # see _one_word_body
        self.mentions = _persons(text)
        self.roles: dict[int, str | None] = {}
        self.last_person: str | None = None
        self.last_person_at = -1  # where the mention that made it the last person stands
        self.last_org: str | None = None
        self.speakers: set[str] = set()
        self.people: set[str] = set()  # the speakers taken for persons, see _person
        self.last_named_org: str | None = None
        self.documents: list[str] = []  # the speakers that were reports, studies, ...
        self.last_speaker: str | None = None
        self.said: list[str] = []  # every speaker resolved so far, in order
        self._titled: dict[str, set[str]] | None = None  # see _titled_sexes
        self._lowercase: set[str] | None = None  # the article's lowercase words, when needed
        self._ends: dict[str, list[str]] | None = None  # see _fullest
        self._starts: dict[str, list[str]] = {}  # see _fullest
        self._longer: dict[str, str] = {}  # see _fullest
        self._headline: str | None = None  # see _headline_company; "" when there is none
        self._descriptions: dict[str, list[tuple[int, str]]] | None = None  # _described_names
        self._workplaces: set[str] | None = None  # see _workplace
        self._self_reported: set[str] | None = None  # see _says_of_self
        self._they: tuple[int, str] | None = None  # the sentence and who its "they" were
        self._org_spoke: tuple[int, str] | None = None  # the sentence and the body that spoke
        self.at = len(text)  # the mention being resolved
        # The sentences of the text outside headlines, as find_statements read them
        self.sentences: list[tuple[int, int]] = []

    def resolve(self, mention: str, at: int) -> tuple[str, str | None]:
        """The speaker `mention` (at `at`) names, and their role; "the report" is the last
        document that spoke ("A separate study by Gartner has also said ... said the report")."""
        self.at = at  # where the article has got to (see _fullest)
        doc = _THE_DOCUMENT.fullmatch(mention.strip())
        if doc and self.documents:
            same = [d for d in self.documents if doc.group(1) in d.lower().split(" ")]
            # another kind of document only right after it spoke ("A separate study by
            # Gartner has also said ... Technical issues ..., said the report")
            last = same[-1] if same else self.documents[-1]
            if same or last == self.last_speaker:
                self.last_org = self.last_speaker = last
                return last, None
        speaker, role = self._resolve(mention, at)
        # "some economists", "Many analysts", "several sources": who they are is the group
        # ("economists"), as the gold sets' annotators all wrote it; not "Some of" a name
        speaker = _GROUP_QUANTIFIER.sub("", speaker) or speaker
        formal = _PARTY_NAMES.get(speaker.lower().removeprefix("the "), ())
        # "The Tories say" where the article's narration also writes "the Conservatives" (not
        # a quotation: "Conservatives here too" may be American ones), its fullest name
        speaker = next((f for f in formal if self._narrated(f)), speaker)
        if _A_DOCUMENT.match(speaker) and not _personal(speaker):
            self.documents.append(speaker)
        here = self._sentence_at(at)
        if _PLURAL_MENTION.fullmatch(mention.strip()) and here is not None:
            self._they = (here, speaker)  # '"...," the MPs said. They said': the same MPs
        if (
            here is not None
            and speaker in (self.last_org, self.last_named_org)
            and speaker not in self.people
            and not _PEOPLE_NOUN.search(speaker)
            and not _A_DOCUMENT.match(speaker)
            and not re.search(r"(?i)spoke", speaker)  # "A Mittal Steel spokeman" (sic)
        ):
            self._org_spoke = (here, speaker)  # whose "a spokesman" is next
        self.last_speaker = speaker
        self.said.append(speaker)
        return speaker, role

    def _resolve(self, mention: str, at: int) -> tuple[str, str | None]:
        # "Lord Roberts of Conwy" is one name (the mention may start after "Lord")
        peer = _PEERAGE.search(self.text[max(0, at - 12) : at] + mention)
        mention = _TITLE.sub("", mention.strip())
        owned = _OWNED_STATEMENT.fullmatch(mention)
        if owned and owned.group("p").split(" ")[-1] not in _STOP_CAPS:  # not "Wednesday's":
            # "Mr Tanzi's statement said": Calisto Tanzi's words, and "It added" next
            name, role = self._resolve(owned.group("p"), at)
            self.last_org = name
            return name, role
        of = _PERSON_OF.fullmatch(mention)
        # "Jason Daw at Merrill Lynch": the person; "Wick of Massachusetts Cranberries" too
        # where the article gave his full name
        if of and not peer and _personal(name := self._fullest(of.group("p"))):
            self.speakers.add(name)
            return self._person(name, at), self._role(name) or of.group("org")
        if _CLAIM_OF.match(self.text, at + len(mention)) and " " not in mention:
            name = self._fullest(mention[:-2])  # "Bellamy's claim that": Craig Bellamy's,
            if _personal(name) and mention[:-2] in (self._ends or {}):  # but who spoke
                self.speakers.add(name)  # last is still who "he" is
                return name, self._role(name)
        whose = _WHOSE_ROLE.fullmatch(mention)
        person = self._fullest(_split_title(whose.group("p"))[1]) if whose else ""
        if whose and _personal(person):  # "Tony Blair's official spokesman", however named
            apostrophe = mention[whose.end("p")]
            return self._person(f"{person}{apostrophe}s {whose.group('r')}", at), None
        his = _HIS_AIDE.fullmatch(mention)
        if his:
            person = self._possessor("m" if his.group("d").lower() == "his" else "f", at)
            aide = f"{person}'s {his.group('r')}" if person else None
            beside = _NAME_BESIDE.match(self.text, at + len(mention))
            if beside and _personal(beside.group("n")):  # "His assistant, Alice Doe, said"
                return self._person(self._fullest(beside.group("n")), at), aide or his.group("r")
            if aide:  # "Mr Ebbers has denied all the charges ... His lawyers claim": whose
                return self._person(aide, at), None
        kin = _KIN_MENTION.fullmatch(mention)
        named = self._kin_named(kin.group("k").lower(), at + len(mention)) if kin else None
        if named:  # '"...," her grief-stricken father, Thomas Hand, told', then "her father
            return self._person(named, at), None  # said": the one the article names so
        poss = _POSSESSIVE_PERSON.fullmatch(mention)
        if poss and _personal(poss.group("p")):  # "Deutsche Bank's Simon Champion": the
            name = self._fullest(poss.group("p"))  # person, of that organisation
            self.speakers.add(name)
            return self._person(name, at), self._role(name) or poss.group("org")
        if _ONE_OF_A_KIND.match(mention):  # "one London-based broker", not "one of them",
            # as the gold sets write an anonymous speaker; who "he" is next if a person
            if mention.split(" ")[-1].lower() in _PERSON_NOUNS | _ANONYMOUS:
                self._person(mention[4:], at)
            return mention[4:], None
        if (
            " and " in mention
            and not _ROLE_END.search(mention)
            # "the Office of Policy Development and Research": one body
            and not (
                (b := _BODY_OF_AND.fullmatch(mention))
                # not "Minister of National Defense Li Shangfu and Russian Defense Minister
                # Sergei Shoigu": a titled person on either side
                and not any(
                    _personal(_split_title(part)[1])
                    for part in (b.group("last"), mention[: b.start("last") - 5])
                )
            )
        ):  # "the trade and industry
            return self._joint(mention, at), None  # secretary": one person
        low = mention.lower()
        if self._same_spokesperson(low):  # "A Mittal Steel spokesman said ... a spokesman
            return self._person(self.last_person, at), None  # said": the one who spoke last
        whose = _BARE_SPOKES.fullmatch(low) and _WHOSE_SPOKES_BEFORE.search(
            self.text, max(0, at - 300), at
        )
        if whose:  # "The mayor's spokesman was asked ... The spokesman said": whose he is
            return self._person(whose.group("w"), at), None
        spoke = self._org_spoke
        if (
            low.startswith(("a ", "an "))
            and _BARE_SPOKES.fullmatch(low)
            # not "a spokesperson from Roblox", "a spokeswoman for the SEC's Boston office"
            and not _OF_BODY_NEXT.match(self.text, at + len(mention))
            and spoke
            and spoke[1] == self.last_speaker
            and (here := self._sentence_at(at)) is not None
            and 0 <= here - spoke[0] <= 2
        ):
            # "AOL backed the price cuts but said ... "...," a spokesman said": the body's
            # spokesman, as the gold sets write one ("AOL spokesman"), if no one spoke since
            body = re.sub(r"^[Tt]he ", "", spoke[1])  # "the BBC has said": "BBC spokeswoman"
            return self._person(f"{body} {low.split(' ')[-1]}", at), None
        if low in {"he", "she"}:
            sex = "m" if low == "he" else "f"
            subject = self._own_subject(at) or self._but_subject(at) or self._subject_before(at)
            if subject is None:
                subject = self._only_person_before(at)
            if subject is not None and self._sex_or_first_name(subject) in (None, sex):
                # 'Wolves chief executive Jez Moxey defended the decision. "...," he said':
                # a person who opens a sentence since the last speaker is who "he" is.
                self.last_person = subject
            elif self.last_person is not None and self._sex_or_first_name(self.last_person) not in (
                None,
                sex,
            ):
                # "Mr Fox said ... She added": not Fox; the last person named who is a she,
                # if the article says of anyone (else the last speaker, as before)
                named = self._named_of_sex(sex, at, first_names=True)
                if named:
                    self.last_person = named[-1]
            if self.last_person is None:  # no named speaker yet: the last person named who
                # is a she ("Mrs Blair's remarks ... She said"), else the last person named
                named = self._named_of_sex(sex, at)
                self.last_person = named[-1] if named else self._last_named(at, sex)
            if self.last_person:
                return self._person(self.last_person, at), self._role(self.last_person)
            return mention, None
        if low == "it":
            other = self._other_body_before(at) if self.last_org is not None else None
            if other:  # "The British Chambers of Commerce welcomed the proposal. "...," it
                self.last_org = self.last_named_org = other  # said": not the last to speak
            if self.last_org is None:  # no body has spoken yet: the one named just before,
                # else the body the parse reads as the subject of its sentence or the one
                # before ("In a court filing on Tuesday, it said" after "German investment
                # bank Deutsche Bank has challenged ...")
                named = (
                    self._org_before(at)
                    or self._parsed_body_before(at)
                    or self._body_named_before(at)
                )
                if named:
                    self.last_org = self.last_named_org = named
            return (self.last_org or mention), None
        if low == "they":
            here = self._sentence_at(at)
            they = self._plural_before(at) or self._parsed_plural_before(at)
            if they is None and self._they and here is not None and here - self._they[0] in (0, 1):
                # "They claim ... They also believe", "analysts at Mizuho noted that ...,
                # they wrote": the same people
                they = self._they[1]
            if they and here is not None:
                self._they = (here, they)
            return (they or mention), None
        if low.startswith("the ") and (mention[4:] == "Fed" or _ACRONYM.fullmatch(mention[4:])):
            expanded = self._expand(mention[4:])  # "The CBO" -> "Congressional Budget Office"
            if expanded != mention[4:]:
                self.last_org = self.last_named_org = expanded
                return expanded, None
        if low.split(" ")[0] in {"the", "his", "her", "its", "their", "our"}:
            head = low.split(" ")[-1]
            orgs = []
            if _ORG_END.search(mention.split(" ")[-1].capitalize()):
                # A name in the mention is in the organisation's ("The High Court" is no
                # "Court of Appeal"; "The German exchange" no "London Stock Exchange")
                own = {w for w in mention.split(" ")[1:] if w[:1].isupper()}
                orgs = [
                    (p, n)
                    for p, n, _ in self.mentions
                    if head in n.lower().split(" ") and own <= set(n.split(" "))
                ]
                if orgs:
                    # "the bank": the bank named last before it ("according to the Bank of
                    # Mexico's figures ..., the bank said", not the Inter-American Development
                    # Bank named earlier), in its fullest form; else the fullest named after
                    before = [  # or its own name ("the country's Court of Appeal")
                        n
                        for p, n in orgs
                        if p < at + len(mention) and not set(n.split(" ")) <= own | {head.title()}
                    ]
                    last = before[-1] if before else max((n for _, n in orgs), key=len)
                    body = max((n for _, n in orgs if last in n), key=len)
                    described = self._described(head, at)
                    if (
                        described
                        and not own  # "the Falic Group" names its own
                        and self._count(described) > self._count(body)
                    ):
                        # "ABN Amro, the Netherlands' largest bank, ... Deutsche Bank ... The
                        # bank said": the bank the article is about, described as one
                        body = described
                    self.last_org = self.last_named_org = body  # who "it" is next
                    return body, None
            named = any(w[:1].isupper() for w in mention.split(" ")[1:-1])
            if head in {"monopoly", "incumbent"} and self._headline_company():
                # "the former monopoly said": the company the story is about ("BT offers
                # equal access to rivals"), not the regulator that spoke before
                self.last_org = self.last_named_org = self._headline_company()
                return self.last_org, None
            if head in _PRESS and len(low.split(" ")) <= 3:
                # "the newspaper", "the magazine": the publication named last before, not
                # the last body that spoke ("The Telegraph was sued ... the newspaper claimed")
                press = self._publication(at)
                if press:
                    self.last_org = press
                    return press, None
            if head in _ORG_HEADS and not (named and head in _NAME_HEADS):
                # "the mining group", "the South Yorkshire company" (not "The Reporters
                # Without Borders group": a name) -> the last organisation named as a speaker.
                # Not the name the article mentions most: on unseen BBC articles that guess
                # made "the central bank" the IMF; an unresolved description is left as written.
                # Before any organisation has spoken: the one the article gave that
                # description, if it says more than "company" ("Standard Life, Europe's
                # largest mutual life insurer" / "The insurer"), else for a company word the
                # headline's company, else the last company described by its trade
                # ("Bookmaker William Hill" / "The firm").
                org = self.last_named_org
                if head in _COMPANY_HEADS:
                    # the last company that spoke by its name, else the one its sentence
                    # opens with ("Shares in Microsoft climbed ... after the tech company
                    # said"); never a description ("the remuneration report", which "it"
                    # was before)
                    if org and re.match(r"[Tt]he[ ][a-z]", org):
                        org = None
                    org = org or self._org_before(at)
                if org is None and head not in _COMPANY_HEADS:
                    org = self._described(head, at)
                if org is None and head in _COMPANY_HEADS:
                    # a web title names more companies than a BBC headline: its company is
                    # only for a bare "the company", not "the Cupertino tech giant"
                    bare = len(low.split(" ")) <= 2 or not self.given_headline
                    org = (
                        (self._headline_company() if bare else None)
                        or self._described(None, at)
                        or self._named_body_before(at)
                        # "Video game firm Bioware is to hold ... The Canada-based company
                        # says": the company the article described by a company word
                        or self._described(None, at, _COMPANY_HEADS)
                    )
                if org:
                    self.last_org = self.last_named_org = org
                    return org, None
            if orgs or _ORG_END.search(mention.split(" ")[-1].capitalize()):
                return mention, None
            # "The company's chief executive": a person with that role ("Acme chief
            # executive John Doe"), whose company the article names
            need = {w for w in low.split(" ")[1:] if not _ORG_POSSESSIVE.fullmatch(w)}
            # A place is nobody's role: "The US" is not "US President George W Bush".
            people = [
                (p, n, r)
                for p, n, t in self.mentions
                if mention[4:] not in _PLACES
                and (r := self._role_of(p, n, t))
                # "the Democrat senator": "New York Senator" Charles Schumer, a role with no
                # party; but not "Tory leader" Michael Howard for "the Labour leader"
                and (need - _PARTY_WORDS or need)
                <= (words := set(r.lower().replace(",", "").split(" ")))
                and _parties(r) <= need  # capitalised: "labour affairs correspondent" is none
                and not (words - need) & _OTHER_ROLE  # "the chancellor": no shadow chancellor
            ]
            # The last one named before, else the first named after ("The Texas attorney
            # general said ... 'Illegal spam must be stopped,' said Greg Abbott, Texas
            # attorney general").
            before = [(n, r) for p, n, r in people if p < at]
            after = [(n, r) for p, n, r in people if p > at]
            if before or after:
                name, role = before[-1] if before else after[0]
                return self._person(name, at), role
            age = _AGE.search(low)
            short = len(low.split(" ")) <= 3
            # "the two-time Academy Award winner": a longer description by a person noun,
            # with no place or body in it, is the person the article is about
            # "the singer-songwriter": a person noun in either half
            person = head in _PERSON_NOUNS or bool(set(head.split("-")) & _PERSON_NOUNS)
            described = person and not set(low.split(" ")) & _OF_WORDS
            if (
                low.startswith("the ")
                and (person or age or _FATHER_OF.search(head))
                and (short or age or described)  # "The 31-year-old sprinter from Leeds"
                and not re.search(r"[’']s\b", low)  # "the men's solicitor": someone else's
            ):
                # "the defender said", "the American said", "the 23-year-old said": the
                # person the article gave that age ("Phil Spector, 64,"), else the person the
                # story is about lately, as for "he" (a description with no role anyone was
                # given); a longer one only with an age someone was given, else the person
                # the article names most
                subject = (
                    (age and self._aged(age.group(1)))
                    or (self._story_person(at) if short else None)
                    or (self._recent_speaker(at) or self._main_person(at) if described else None)
                    # "Lindsay Davenport has put ... on hold. The 28-year-old world number one
                    # had said": an age no one is given, of whom the story is about, if the
                    # article gives them no other age
                    or (age and self._unaged(self._story_person(at)))
                )
                if subject and (" " in subject or subject in self.people):
                    return self._person(subject, at), self._role(subject)
            words = low.split(" ")
            if (
                words[0] in {"the", "their", "its"}
                and head in _HEAD_ROLES
                and not set(words) & _OTHER_ROLE
                and not re.search(r"[’']s\b", low)
            ):
                # "The Tory leader said", "the Arsenal boss", "what their coach described as"
                # (a team's): one person holds it, and an article names them, if not with
                # that role, as the person it is about
                subject = self._story_person(at) or self._last_named(at)
                if (
                    subject
                    and _personal(subject)
                    # not "Tory leader Michael Howard" for "the Labour leader"
                    and _parties(self._role(subject) or "") <= _parties(mention)
                ):
                    return self._person(subject, at), mention.split(" ", 1)[1]
            if (
                words[0] == "the"
                and _HELD_BY_ONE.search(mention)
                and not set(words) & _OTHER_ROLE
                and not re.search(r"[’']s\b", low)
            ):
                # "Tony Blair has rejected calls ... The prime minister told his monthly press
                # conference": a post one person holds, no one named with it, and a person
                # opening a sentence just before, since the last speaker
                subject = self._subject_before(at, back=1)
                own = set((self._role(subject) or head).lower().split(" ")) if subject else ()
                if (
                    subject
                    and _personal(subject)
                    and head in own  # not Charles Clarke, "home secretary"
                    and not self._named_later(subject, at)  # "But the chancellor said Mr
                ):  # Baume was never at meetings": not Jonathan Baume
                    return self._person(subject, at), mention[4:]
            if _ROLE_END.search(low):  # "The Ofcom spokesman said ... "...," he said"
                recent = self._recent_speaker(at) if not _SPOKES.search(low) else None
                held = set(_ROLE_WORD.findall(self._role(recent) or "")) if recent else set()
                if recent and self._named_later(recent, at):
                    recent = None  # "the prime minister says it is time for Mr Livingstone to"
                if (
                    recent
                    and _personal(recent)
                    and words[0] == "the"
                    and not set(words) & _OF_WORDS
                    and _parties(self._role(recent) or "") <= _parties(mention)
                    # a post of theirs, if the article gives one: "the prime minister" is not
                    # Mayor Ken Livingstone, who spoke just before; a post one person holds
                    # ("the prime minister") only if they are who the article is about, unless
                    # the description names whose ("the Factory Records founder")
                    and (
                        {w.lower() for w in held} & set(_ROLE_WORD.findall(low))
                        or not held
                        and (
                            not _HELD_BY_ONE.search(mention)
                            or any(_NAMING.fullmatch(w) for w in mention.split(" ")[1:])
                            # "The political reform group's general secretary": whose post
                            or _HAS_POSSESSIVE.search(mention)
                            or recent == self._main_person(at)
                        )
                    )
                ):
                    # '"...," said the Factory Records founder' just after Tony Wilson spoke
                    return self._person(recent, at), mention[4:]
                main = self._main_person(at) if _HELD_BY_ONE.search(mention) else None
                if (
                    main
                    and (main in self.people or self._sex(main))  # not "Bringing Cadillac"
                    and words[0] == "the"
                    and len(words) <= 3
                    and not set(words) & (_OTHER_ROLE | _OF_WORDS)
                    and not self._role(main)
                    and not _parties(mention)  # "the Tory leader" is a party's post
                    and not self._named_later(main, at)
                ):
                    # "the chancellor told reporters" in an article about Gordon Brown, who is
                    # given no other post: the person it is about
                    return self._person(main, at), mention[4:]
                return self._person(_unnamed(mention) or mention, at), None
            if low.startswith("the ") and len(low.split(" ")) == 2:
                # "A source briefed on the coaches' call said ... the source said": who
                # spoke so described (not "The CBI" for "CBI quarterly survey", nor a stray
                # "research has")
                earlier = [
                    s
                    for s in self.said
                    if s.lower().startswith(f"{head} ")
                    and mention.split(" ")[-1].islower()
                    and (len(s.split(" ")) > 2 or s in self.people)
                ]
                if earlier and earlier[-1] in self.people:
                    return self._person(earlier[-1], at), None
                if earlier:
                    return earlier[-1], None
                # "said a panel of experts" ... "the panel": what the article introduced so
                # ("a panel of experts", "a World Bank report"), when that says more than
                # the mention: a name, or whose or of whom it is.
                introduced = [
                    m.group("d")
                    for m in re.finditer(
                        rf"\b[Aa]n?[ ](?P<d>(?:[\w-]+[ ]){{0,2}}{re.escape(head)}"
                        r"(?:[ ](?:of|by)[ ](?:[A-Z][\w/&-]*(?:[ ][A-Z][\w/&-]*){0,2}|"
                        r"[a-z]+s\b))?)(?![\w-])",
                        self.text[:at],
                    )
                    if " of " in m.group("d")
                    or " by " in m.group("d")
                    or any(w[:1].isupper() for w in m.group("d").split(" "))
                ]
                if introduced:
                    mention = introduced[-1]
            if not _PEOPLE_NOUN.search(mention) and head not in _PERSON_NOUNS:
                # "The lawsuit said ... It stated ..."; not "the tobacco companies", nor
                # "The EU's top diplomat"
                self.last_org = mention
            return mention, None
        if low.startswith(("a ", "an ")) and not _ROLE_END.search(low.split(" for ")[0]):
            mention = mention.split(" ", 1)[1]  # "a preliminary Ofcom report"
            if not _PEOPLE_NOUN.search(mention):
                self.last_org = mention
            return mention, None
        unnamed = _unnamed(mention)
        if unnamed:  # "a spokesman for Ofcom"
            role, _, org = unnamed.partition(" for ")
            the = "the " if org.startswith("the ") else ""
            # "A spokeswoman for the RAD": the Royal Academy of Dance's, as spelt out; not "an
            # EU spokesman", as the gold sets write that one
            full = self._expand(org.removeprefix(the)) if " for " in mention else org
            if full != org.removeprefix(the):
                unnamed = f"{role} for {the}{full}"
            return self._person(unnamed, at), None
        if low.startswith(("a ", "an ")):  # "A spokesman for the supporters club"
            return self._person(mention.split(" ", 1)[1], at), None
        name = self._expand(self._fullest(mention))
        self.speakers.add(name)
        # One word is a person when the article gives it a role or a title ("Mr Kilroy-Silk").
        if (
            (_personal(name) and not self._workplace(name))
            or (" " not in name and (_personal_role(self._role(name)) or self._sex(name)))
            or (" " in name and _ROLE_END.search(name))  # "Home Office spokesman"
            # "Meanwhile Sophie, who was named ...", "Oliver, 16,": a person's first name
            or (
                " " not in name
                and re.search(rf"\b{re.escape(name)},[ ](?:who\b|\d{{1,3}},)", self.text)
            )
            # "Safin said he was trying ...": a surname that reports itself as he or she
            or (" " not in name and self._says_of_self(name))
        ):
            self._person(name, at)
        elif not _COMMON_RE.fullmatch(name) and not _PEOPLE_NOUN.search(
            name
        ):  # "analysts" are no company "the firm" can be
            self.last_org = self.last_named_org = name
        return name, self._role(name)

    def name_lead_descriptions(self, out: list[Statement]) -> list[Statement]:
        """The BBC's lead "Mittal Steel could cut up to 45,000 jobs, its chief executive has
        said" names its speaker in the statement after it ("Lakshmi Mittal said ..."): a person
        described and left unresolved in the lead sentence is the person who speaks next, when
        that speaker is named by name close after and has no other role of their own."""
        if not out or not self.sentences:
            return out
        lead_end = self.sentences[0][1]
        for i, st in enumerate(out[:-1]):
            if st.char_start >= lead_end:
                break
            mention = self.text[st.speaker_start : st.speaker_end]
            bare = re.sub(r"^(?:[Aa]n?)[ ]", "", mention)  # "says a top academic. Amitai
            if st.speaker not in (mention, bare) or not _DESCRIBED_LEAD.fullmatch(mention):
                continue  # Etzioni, a key influence on New Labour thinking, says"
            nxt = next((n for n in out[i + 1 :] if n.speaker != st.speaker), None)
            if nxt is None or nxt.char_start - st.char_end > _LEAD_GAP:
                continue
            named = self.text[nxt.speaker_start : nxt.speaker_end]
            if not (_personal(nxt.speaker) and named[:1].isupper() and named not in _PRONOUN):
                continue
            own = set((self._role(nxt.speaker) or "").lower().split(" "))
            words = {w.lower() for w in mention.split(" ")[1:] if not re.search(r"[’']s$", w)}
            if mention.split(" ")[-1].lower() in own and not words <= own:
                continue  # "The foreign secretary" is not Charles Clarke, "home secretary"
            role = self._role(nxt.speaker) or mention.split(" ", 1)[1]
            out[i] = Statement(nxt.speaker, role, st.kind, st.text, st.char_start, st.char_end,
                               st.speaker_start, st.speaker_end)  # fmt: skip
        return out

    def _workplace(self, name: str) -> bool:
        """Whether the article has someone work at `name` ("Nick Ross, top tester at PC
        Pro"), calls it "which" or has it say "it" of itself ("Aguas Argentinas said it
        would not accept"), and never gives it a title or a sex: two capitalised words that
        are a body, not a person "he" could be."""
        if self._workplaces is None:
            named = [m.group("n") for m in _WORKPLACE.finditer(self.text)]
            for m in _ITS_OWN.finditer(self.text):  # the verb first, then the name before it:
                before = _NAME_BEFORE.search(self.text, max(0, m.start() - 80), m.start())
                if before:  # a name at every position of the text was slow to try
                    named.append(before.group("n"))
            self._workplaces = {n for n in named if not self._sex(n)}
        return name in self._workplaces

    def _recent_speaker(self, at: int) -> str | None:
        """The last person who spoke, if named in this sentence or the one before: '"...,"
        said the European cross-country champion' after "Hayley Yelling said" is Yelling."""
        here = self._sentence_at(at)
        if self.last_person is None or here is None or self.last_person_at < 0:
            return None
        back = 1
        while (
            back < 3
            and here - back > 0
            and _HE_SHE_OPENING.match(self.text, self.sentences[here - back][0])
        ):
            back += 1  # "Mr Wilson said ... He made a cameo appearance ... said the founder"
        start = self.sentences[max(0, here - back)][0]
        return self.last_person if self.last_person_at >= start else None

    def _main_person(self, at: int) -> str | None:
        """The person the article is about up to `at`: the last name it gives most often,
        at least three times and more than any other, and to one person only ("The heavy
        metal star" is neither Ozzy nor Sharon Osbourne)."""
        totals: dict[str, int] = {}
        people: dict[str, dict[str, str]] = {}  # last name -> {first and last: fullest}
        for p, n, _ in self.mentions:
            full = self._fullest(n)
            if p < at and _personal(full):
                last = full.split(" ")[-1]
                totals[last] = totals.get(last, 0) + 1
                people.setdefault(last, {})[" ".join(full.split(" ")[-2:])] = full
        ranked = sorted(totals.values(), reverse=True)
        if not ranked or ranked[0] < 3 or ranked[1:2] == ranked[:1]:
            return None
        last = max(totals, key=totals.__getitem__)
        return next(iter(people[last].values())) if len(people[last]) == 1 else None

    def _story_person(self, at: int) -> str | None:
        """Who the story is about at `at`: a person opening one of the sentences before,
        else the last person who spoke, else the person the headline names."""
        return self._subject_before(at) or self.last_person or self._headline_person()

    def _same_spokesperson(self, low: str) -> bool:
        """Whether a bare "a spokesman" / "the spokeswoman" is the unnamed spokesperson who
        spoke last (a spokesman is no spokeswoman; a spokesperson may be either)."""
        bare = _BARE_SPOKES.fullmatch(low)
        last = _BARE_SPOKES.search((self.last_person or "").lower()) if bare else None
        kinds = {bare.group(1), last.group(1)} if bare and last else set()
        return bool(kinds) and (len(kinds) == 1 or "person" in kinds)

    def _possessor(self, sex: str, at: int) -> str | None:
        """Whose "his" / "her" at `at` is: the last person named before it in its sentence or
        the one before, outside quotation marks, whom the article does not give the other
        sex; None in the lead sentence, whose described speaker the next one names
        (`name_lead_descriptions`)."""
        here = self._sentence_at(at)
        if not here:
            return None
        start = self.sentences[here - 1][0]
        opener = self._opening_subject(*self.sentences[here - 1])[1]
        if opener and _personal(opener) and _of_sex(self._sex(opener), sex):
            # "Mr Spector ... has claimed that Lana Clarkson committed suicide. His lawyers":
            # the person the sentence before is about, not one named inside what they said
            return opener
        for p, n, _ in reversed(self.mentions):
            name = self._fullest(n) if start <= p < at else ""
            if (
                _personal(name)
                and not self._in_quotation(p)
                and n not in _PLACES
                and not self._workplace(name)
                and not _HAS_POSSESSIVE.search(name)
            ):
                # "her" only of someone the article makes a woman: "Open chief Paul McNamee
                # had said ... But her spokesman" is not his
                return name if _of_sex(self._sex(name), sex) else None
        return None

    def _named_of_sex(self, sex: str, at: int, first_names: bool = False) -> list[str]:
        """The fullest names of the people named before `at` whom the article gives this
        sex, in order (`first_names`: or whose first name does)."""
        of_sex = self._sex_or_first_name if first_names else self._sex
        return [
            self._fullest(n)
            for p, n, _ in self.mentions
            if p < at and _personal(n) and of_sex(self._fullest(n)) == sex
        ]

    def _last_named(self, at: int, sex: str | None = None) -> str | None:
        """The fullest name of the last person named before `at`; where the article or a
        first name makes that one of the other sex than `sex`, the last before of no other
        sex whom a first name, title or role makes a person ("Taylor Swift has revealed when
        her relationship with Travis Kelce really started. ... she said" is not Travis, and
        not "Howl's Moving Castle")."""
        named = [self._fullest(n) for p, n, _ in self.mentions if p < at and _personal(n)]
        if not named or not sex or self._sex_or_first_name(named[-1]) in (None, sex):
            return named[-1] if named else None
        return next(
            (
                full
                for full in reversed(named)
                if self._sex_or_first_name(full) == sex
                or (
                    self._sex_or_first_name(full) is None
                    and (is_first_name(full.split(" ")[0]) or self._known_person(full))
                )
            ),
            None,
        )

    def _says_of_self(self, name: str) -> bool:
        """Whether the article reports a one-word name as a he or she ("Safin said he was
        trying", "Federer admitted he was"), where that name is no known word for a body,
        a party, a place or a day ("Labour said he", "Police said he")."""
        if (
            name in _STOP_CAPS
            or name in _PLACES
            or name.lower() in _PARTY_NAMES
            or _ORG_END.search(name)
            or _COMMON_RE.fullmatch(name)
            or _PEOPLE_NOUN.search(name.lower())
        ):
            return False
        if self._self_reported is None:  # every such name, read once
            self._self_reported = {m.group(1) for m in _SAYS_OF_SELF.finditer(self.text)}
        return name in self._self_reported

    def _aged(self, years: str) -> str | None:
        """The person the article gives this age: "Phil Spector, 64," or "the 23-year-old
        Alicia Molik"; None when nobody or more than one person has it."""
        aged = {
            self._fullest(n)
            for p, n, _ in self.mentions
            if _personal(self._fullest(n))
            and (
                re.match(rf",[ ]+{years}\b", self.text[p + len(n) : p + len(n) + 6])
                or self.text[max(0, p - 16) : p].endswith(f"{years}-year-old ")
            )
        }
        return aged.pop() if len(aged) == 1 else None

    def _kin_named(self, kin: str, until: int) -> str | None:
        """The person the article names as someone's `kin` ("father") up to `until`, if one
        and only one: "her father, Thomas Hand," / "Thomas Hand, her father," / "his wife
        Jane Doe"."""
        names = {
            self._fullest(m.group("n") or m.group("m"))
            for m in _KIN_NAMED.finditer(self.text, 0, until + 80)
            if (m.group("k") or m.group("k2")).lower() == kin and m.start() < until
        }
        names = {n for n in names if _personal(n)}
        return names.pop() if len(names) == 1 else None

    def _unaged(self, name: str | None) -> str | None:
        """`name`, if the article gives that person no age ("Phil Spector, 64,")."""
        if name is None or not _personal(name):
            return None
        last = re.escape(name.split(" ")[-1])
        given = re.search(
            rf"\b{last},[ ]+\d{{1,3}},|\d-year-old[ ](?:\w+[ ]){{0,2}}{last}\b", self.text
        )
        return None if given else name

    def _person(self, name: str, at: int) -> str:
        """Make `name` (mentioned at `at`) the last person who spoke: who "he" is next."""
        self.last_person, self.last_person_at = name, at
        self.people.add(name)
        return name

    def _sentence_at(self, at: int) -> int | None:
        """The index in `sentences` of the sentence holding offset `at` (None: a headline)."""
        return next((i for i, (s0, s1) in enumerate(self.sentences) if s0 <= at < s1), None)

    def _org_before(self, at: int) -> str | None:
        """What "it" is when no organisation has spoken: the body that opens its sentence
        ("Electrolux saw its shares rise after it said", "Shares in American Express surged
        after it said"), if that is no person, place or people's adjective and the article
        also names it inside a sentence (not "Market leader ...")."""
        index = self._sentence_at(at)
        if index is None:
            return None
        here = self.sentences[index][0]
        opening = _SHARES_IN.match(self.text, here)
        first = opening.end() if opening else here
        for p, n, _ in self.mentions:
            if p == first and p + len(n) < at:
                if (
                    n in _NO_SURNAME
                    or n.split(" ")[0] in _STOP_CAPS
                    or _personal(self._fullest(n))
                    or self._role(n)
                    or self._sex(n)
                    or _NATIONAL.fullmatch(n)
                    or not self._named_inside(n)
                ):
                    return None
                return n
        return None

    def _body_named_before(self, at: int) -> str | None:
        """What "it" is when no body has spoken and no subject says: the last body its own
        sentence or the one before names by an organisation's name or initials, outside
        quotation marks ("The figures collected by the Mobile Data Association (MDA) showed
        ... The records even surpassed the MDA's own predictions, it said")."""
        here = self._sentence_at(at)
        if here is None:
            return None
        start = self.sentences[max(0, here - 1)][0]
        for p, n, _ in reversed(self.mentions):
            if not start <= p < at or self._in_quotation(p):
                continue
            if (
                (_ACRONYM.fullmatch(n) or _ORG_END.search(n.split(" ")[-1]))
                and n not in _PLACES
                and n.split(" ")[0] not in _STOP_CAPS
                and not _personal(self._fullest(n))
            ):
                return self._expand(self._fullest(n))
        return None

    def _named_inside(self, name: str) -> bool:
        """Whether `name` stands capitalised inside a sentence somewhere in the article, not
        only where a sentence opens ("Shares", "Market leader")."""
        return any(
            not re.search(r"(?:^|[.!?\n][ \"“]*|[\"“])$", self.text[max(0, p - 4) : p])
            for p, n, _ in self.mentions
            if n == name
        )

    def _plural_before(self, at: int) -> str | None:
        """Who "they" are: the people who open the sentence before ("The MPs also call for
        ...", "Michael Howard and frontbencher John Redwood launched ...", "Critics say ...")
        or who spoke at its end ("..., experts warned.")."""
        here = self._sentence_at(at)
        if here is None:
            return None
        own = self.sentences[here][0]
        opening = _PLURAL_OPENING.match(self.text, own, at)
        if opening and _OWN_CLAUSE.match(self.text, opening.end(), at):
            # "Business leaders had opposed the plan as they said": who opens this sentence
            people = opening.group("p")
            return people[4:] if people.startswith(("The ", "the ")) else people
        if not here:
            return None
        s0, s1 = self.sentences[here - 1]
        previous = self.text[s0:s1]
        opening = _PLURAL_OPENING.match(previous)
        if opening:
            people = opening.group("p")
            if " and " in people:
                return self._joint(people, s0 + opening.start("p"))
            return people[4:] if people.startswith(("The ", "the ")) else people
        spoke = _PLURAL_SPOKE.search(previous)
        return spoke.group("p") if spoke else None

    def _narration_before(self, at: int) -> tuple[int, int] | None:
        """The sentence just before the one at `at`, if that is narration (no quotation mark
        in it): where "he", "it" and "they" are looked for when no one has spoken."""
        here = self._sentence_at(at)
        if not here:
            return None
        s0, s1 = self.sentences[here - 1]
        return None if _MARK.search(self.text, s0, s1) else (s0, s1)

    def _parsed_body_before(self, at: int) -> str | None:
        """What "it" is when no body has spoken: the subject the parse reads in its own
        sentence, when that comes before it ("Market leader Nintendo is releasing a console
        that it says"), else in the narration just before; a noun, not a pronoun, and no
        person the article names."""
        here = self._sentence_at(at)
        if here is None:
            return None
        spans = [(self.sentences[here], True), (self._narration_before(at), False)]
        for (s0, s1), own in [(sentence, own) for sentence, own in spans if sentence]:
            span = speech_parse.singular_subject(self.text[s0:s1], (at - s0) if own else None)
            if span is None:
                continue
            body = self.text[s0 + span[0] : s0 + span[1]]
            described = _DESCRIBED_TAIL.search(body)  # "British actor Clive Owen": a person
            name = described.group(1) if described else _split_title(body)[1] or body
            if _personal(name) or self._sex(name) or body in self.people:
                return None
            if _THE_ORG_HEAD.fullmatch(body):  # "The computer giant has sued ... It said":
                resolved = self._resolve(body, s0 + span[0])[0]  # the giant the article
                # names; never a place ("Hyundai to build new India plant": not India)
                return body if _POSSESSIVE.sub("", resolved) in _NO_SURNAME else resolved
            return name if described else body  # "Market leader Nintendo": Nintendo
        return None

    def _named_body_before(self, at: int) -> str | None:
        """The body a narration sentence just before names as its subject, by a name
        ("Orbix unveiled the kit on Monday. The company also said"): who "the company" is
        when no company has spoken and the headline names none."""
        before = self._narration_before(at)
        if before is None:
            return None
        s0, s1 = before
        span = speech_parse.singular_subject(self.text[s0:s1], None)
        body = self.text[s0 + span[0] : s0 + span[1]] if span else ""
        tail = " ".join(body.split(" ")[-2:])  # "Former Scots Guardsman Allan Hendry"
        if not _NAME_RE.fullmatch(body) or _personal(tail) or self._sex(tail):
            return None
        return None if body in _STOP_CAPS else self._expand(body)

    def _other_body_before(self, at: int) -> str | None:
        """A body other than the last to speak that the narration just before "it" is
        about: the subject the parse reads there, when that sentence opens with it, and it is
        an organisation by its name ("The British Chambers of Commerce welcomed ...") or by
        an organisation's noun ("The opposition also made political capital ...")."""
        before = self._narration_before(at)
        if (
            before is None
            or not _BODY_OPENING.match(self.text, before[0])
            or _VERB_RE.search(self.text, *before)  # a report: its speaker spoke last
        ):
            return None
        span = speech_parse.singular_subject(self.text[before[0] : before[1]])
        if span is None or span[0] > 12:  # "But ", "However, ": no more before it
            return None
        body = self.text[before[0] + span[0] : before[0] + span[1]]
        head = body.split(" ")[-1]
        if not (
            head.lower() in _ORG_HEADS | _BODY_NOUNS
            or _ORG_END.search(head)
            or self._one_word_body(body)  # "Google also took its own turn. First, it said"
        ):
            return None
        name = body[4:] if body.startswith(("The ", "the ")) else body
        if self.last_org and (name in self.last_org or self.last_org in name):
            return None
        if head[:1].islower():  # "the opposition": the article's own name for it, if any
            return self._resolve(body, before[0] + span[0])[0]
        return self._fullest(_LOWER_LEAD.sub("", name))  # not "independent Institute"

    def _one_word_body(self, name: str) -> bool:
        """Whether a one-word name is a body the article keeps naming: three times or more,
        and no word of a person's name ("Google", not "Blair" nor "Tony")."""
        if " " in name or not name[:1].isupper() or name in _STOP_CAPS or name in _PRONOUN:
            return False
        if self._people_words is None:
            self._people_words = {
                w for _, m, _ in self.mentions if _personal(m) for w in m.split(" ")
            }
        return name not in self._people_words and self._count(name) >= 3

    def _parsed_plural_before(self, at: int) -> str | None:
        """Who "they" are when the patterns of _plural_before find nobody: the plural subject
        the parse reads in the narration just before ("This trend is set to grow, according
        to analysts. They suggest" has none; "Business leaders have been heading to the SEC
        to protest. They say" has "Business leaders")."""
        before = self._narration_before(at)
        if before is None:
            return None
        s0, s1 = before
        span = speech_parse.plural_subject(self.text[s0:s1])
        if span is None:  # "Judges heard evidence. The tribunal will decide. They
            # questioned": the narration one sentence further back
            earlier = self._narration_before(s0)
            if earlier is None:
                return None
            s0, s1 = earlier
            span = speech_parse.plural_subject(self.text[s0:s1])
            if span is None:
                return None
        people = self.text[s0 + span[0] : s0 + span[1]]
        return people[4:] if people.startswith(("The ", "the ")) else people

    def _subject_before(self, at: int, back: int = 3) -> str | None:
        """The person who opens one of the `back` sentences before the one at `at` (the
        nearest such), if that sentence comes after the mention that made the last speaker:
        a name in subject position, after at most a leading phrase ("On Tuesday,") and a
        title of capitalised or role words ("WMC chairman Tommie Bergman said"), followed by
        a verb or an apposition ("Bell, 30, had"). Narration in quotation marks is no
        subject."""
        here = self._sentence_at(at)
        if here is None:
            return None
        for s0, s1 in reversed(self.sentences[max(0, here - back) : here]):
            if s0 <= self.last_person_at:
                return None  # the last speaker is named in it or after it
            if self.text[s0] in _OPENING_MARKS:
                continue
            settled, subject = self._opening_subject(s0, s1)
            if settled:
                return subject
        return None

    def _but_subject(self, at: int) -> str | None:
        """The person a "but" clause ending the sentence just before opens, if one the
        article has made a speaker or given a title or role: "Roe won last week and then
        claimed the race was his, but Doe is unfazed. He admitted" is Doe, though Roe spoke."""
        here = self._sentence_at(at)
        if not here:
            return None
        s0, s1 = self.sentences[here - 1]
        last = max(_BUT_SUBJECT.finditer(self.text, s0, s1), key=lambda m: m.start(), default=None)
        if last is None:
            return None
        # '..., but Tennis Australia's Geoff Pollard rejected his comments. "We did ask for
        # it," he said': who replies answers in the quotation after it
        reply = _REPLY.match(self.text, last.end("n"))
        if not reply and self.text[self.sentences[here][0]] in _OPENING_MARKS:
            return None
        if _MARK.search(self.text, last.start() if reply else s0, s1):  # narration only
            return None
        if not _VERB_NEXT.match(self.text, last.end("n")):
            return None
        full = self._fullest(last.group("n"))
        return full if self._known_person(full) or (reply and _personal(full)) else None

    def _known_person(self, name: str) -> bool:
        """Whether the article has made `name` a speaker or given them a sex, title or role."""
        return bool(name in self.people or self._sex(name) or self._role(name))

    def _own_subject(self, at: int) -> str | None:
        """The person who opens the narration sentence that "he" / "she" at `at` is in,
        named before it: "Deputy Mayor Nicky Gavron told the BBC's Politics Show she
        believed" is she, whoever spoke last; not where the pronoun frames what comes before
        it (", he said", '," he said')."""
        here = self._sentence_at(at)
        if here is None or self.text[self.sentences[here][0]] in _OPENING_MARKS:
            return None
        if self.text[max(0, at - 12) : at].rstrip()[-1:] in _AFTER_A_CLAUSE:
            return None  # "Mr Blair has failed to tackle these problems, he claimed": the
            # frame of a clause whose subject is someone else
        s0 = self.sentences[here][0]
        saying = _SAYING_BEFORE.search(self.text[max(s0, at - 150) : at])
        if saying and saying.group("n") not in _STOP_CAPS:
            # "BBC Newsbeat spoke to fans, with Oliver, 16, saying he thought": who is saying
            return self._fullest(saying.group("n"))
        subject = self._opening_subject(s0, at)[1]
        aged = _AGED_OPENING.match(self.text, s0)
        if not subject and aged and aged.end() <= at and self.last_person:
            # "The 48-year-old actor crossed a bridge, which he said was": the person
            # described, whom no one was given that age: who spoke last, not "Polar Express
            # is based on ..." opening the sentence before
            return self.last_person
        if not subject or not _personal(subject):
            return None  # "The Pakistani president was also asked whether he": as before
        if _SUBORDINATOR_BEFORE.search(self.text, s0, at) and any(
            _personal(self._fullest(n)) and self._fullest(n) != subject
            for p, n, _ in self.mentions
            if s0 < p < at
        ):
            return None  # "... repaid £500,000 to Lord Ashcroft after he said": Ashcroft's
        return subject

    def _opening_subject(self, s0: int, s1: int) -> tuple[bool, str | None]:
        """Who opens the sentence starting at `s0`, the names before `s1` read (see
        `_subject_before`): (True, the person or None) where that settles it, (False, None)
        where the sentence has no person for a subject and earlier ones are to be read."""
        described = _AGED_OPENING.match(self.text, s0)
        if described:
            # "But the 25-year-old Dubliner underlined ...": the person of that age, else
            # the last speaker, not the subject of a sentence before ("Newcastle boss
            # Graeme Souness"). Without an age ("The American had cast doubt") the
            # description is no subject and the sentences before it are read, as across
            # BBC that named the right person more often than the last speaker.
            return True, self._aged(described.group("age"))
        unnamed = _UNNAMED_OPENING.match(self.text, s0)
        if unnamed and (described := _unnamed(unnamed.group("d"))):
            # "But a spokesman for the Home Office defended ...", unless someone named
            # has that role ("The Planning Minister" after "Planning Minister Julio De Vido")
            role, org = described.lower().split(" for ", 1)
            need = {role, *org.removeprefix("the ").split(" ")}
            named = any(
                need <= set(r.lower().split(" "))
                for p, n, t in self.mentions
                if (r := self._role_of(p, n, t)) and _personal(n)
            )
            return True, (None if named else described)
        # "As Acme chief John Doe opened his campaign, rival leader Jane Roe dismissed
        # him": the main clause's subject, after the subordinate clause's comma
        main = s0
        if _SUBORDINATE.match(self.text, s0):
            comma = self.text.find(", ", s0, s1)
            main = comma + 2 if comma > 0 else s1
            if _HE_SHE.search(self.text, s0, main) or self._in_quotation(s0):
                main = s0  # "When Joy Rainey started in 1974 she was continuing ...":
                # the clause's person is the sentence's; a quotation's "If ..." is no
                # narration
        for pos, name, _ in self.mentions:
            if not main <= pos < s1:
                continue
            full = self._fullest(name)
            if not (_personal(full) or self._role(full) or self._sex(full)):
                continue
            lead = self.text[s0:pos].split(", ")[-1].split()
            if not lead and _PRONOUN_OPENING.match(self.text, main, pos):
                break  # "He has worked on the Star Wars trilogy, Finding Nemo, ...": a list
            if lead and lead[-1] in ("The", "the") and name.endswith("s"):
                break  # "The Liberal Democrats won": a party, a band, no person
            follow = self.text[pos + len(name) : pos + len(name) + 30]
            if follow[:1] in "’'":
                continue  # "Doe's lawyer, Sam Roe, reacted angrily": whose, not who
            if lead and lead[0] in _OPENING_PREPOSITIONS and follow[:1] == ",":
                continue  # "On Optus Sport, ex-Spurs boss Tim Sherwood tore strips off
                # Spurs": the name in the leading phrase is no subject
            if _ROLE_NEXT.match(follow) or _PERSON_NEXT.match(follow):
                continue  # "WMC chairman Tommie Bergman": part of a title; "The
                # Northern Ireland runner": a description
            if _ROLE_END.search(full):
                if _NAME_NEXT.match(follow):
                    continue  # "Planning Minister Julio De Vido": a title
                return True, None  # "The Planning Minister didn't": someone named by a title
            titled = all(_TITLE_LIKE.fullmatch(w) for w in lead) or (
                len(lead) <= 4 and _ROLE_WORD.fullmatch(lead[-1])  # "club chairman"
            )
            if titled and _VERB_NEXT.match(follow):
                return True, (full if _personal(full) else None)
            break  # its first person is no subject: not the sentence's topic
        return False, None

    def narrated_subject(self, since: int, at: int) -> tuple[int, int] | None:
        """The span of the person opening the narration sentence just before a quotation at
        `at` that has no frame of its own, when that sentence lies wholly after the statement
        ending at `since` ('"...," said Nadal afterwards. US coach Patrick McEnroe wants
        Roddick to play more on clay. "I think ..."': McEnroe, not Nadal)."""
        here = self._sentence_at(at)
        if not here:
            return None
        s0, s1 = self.sentences[here - 1]
        if s0 < since or _MARK.search(self.text, s0, s1):
            return None
        settled, subject = self._opening_subject(s0, s1)
        if not (settled and subject):
            return None
        if not self._known_person(subject):
            return None  # "Strong Oscar contenders Million Dollar Baby and Sideways did not"
        last = subject.split(" ")[-1]
        for pos, name, _ in self.mentions:
            if s0 <= pos < s1 and name.split(" ")[-1] == last:
                return pos, pos + len(name)
        return None

    def _named_later(self, name: str, at: int) -> bool:
        """Whether the rest of the sentence from `at` names `name`'s last name: then the
        mention at `at` is someone else ("the prime minister says Mr Livingstone should")."""
        here = self._sentence_at(at)
        return here is not None and name.split(" ")[-1] in self.text[at : self.sentences[here][1]]

    def _count(self, name: str, text: str | None = None) -> int:
        """How often the article (or `text`) names `name` as a word ("Apple", not the "Pod"
        of "iPod")."""
        return len(
            re.findall(rf"(?<![\w’']){re.escape(name)}\b", self.text if text is None else text)
        )

    def _narrated(self, name: str) -> bool:
        """Whether `name` stands in the article outside quotations."""
        found = re.finditer(rf"\b{re.escape(name)}\b", self.text)
        return any(not self._in_quotation(m.start()) for m in found)

    def _in_quotation(self, at: int) -> bool:
        """Whether `at` lies inside a quotation its paragraph opened before it."""
        start = self.text.rfind("\n", 0, at) + 1
        return len(_MARK.findall(self.text, start, at)) % 2 == 1

    def _only_person_before(self, at: int) -> str | None:
        """The one person the sentence just before names (a person by a title, a role or
        having spoken), where that is narration after the last speaker spoke, with no
        "he" or "his" of someone else, and does not name the last speaker: "Those allegations were
        put to Wenger after Saturday's game. At first he said only" is Wenger, not Ferguson
        who spoke before."""
        before = self._narration_before(at)
        if before is None or self.last_person is None:
            return None
        s0, s1 = before
        if s0 <= self.last_person_at:
            return None
        named = {
            self._fullest(n): p
            for p, n, _ in reversed(self.mentions)
            # a person by a title or role the article gives them, not any two capitalised
            # words ("the Athens Games", "Aramaic, an ancient Middle Eastern language")
            if s0 <= p < s1
            and (
                self._sex(n)
                or (
                    _personal(self._fullest(n))  # not "Chief Secretary" read as a name
                    and (
                        _ROLE_WORD.search(self._role(self._fullest(n)) or "")
                        or self._fullest(n) in self.people
                    )
                )
            )
        }
        if len(named) != 1 or self.last_person in named:
            return None
        [(name, first)] = named.items()
        if _THIRD_PERSON.search(self.text, s0, first):
            return None  # "He did not think Mr Howard intended ...": someone else is in it
        return name  # already, but not "When Nestor Kirchner arrived in power he began"

    def _headline_person(self) -> str | None:
        """The person a story's headline names ("Davenport hits out at Wimbledon": Lindsay
        Davenport) by the full name its lead sentence gives: who "the American" is when
        nobody has spoken yet and no sentence before opens with a person."""
        first, _, body = self.text.partition("\n")
        if len(first) > 120:
            return None
        lead = body.strip()[:300].split(". ")[0]
        for m in _NAME_RE.finditer(first):
            for word in m.group().split(" "):
                full = self._fullest(word)
                if _personal(full) and full != word and full in lead:
                    return full
        return None

    def _publication(self, at: int) -> str | None:
        """The newspaper or magazine named last before `at` ("PC Pro magazine", "the
        Sunday Telegraph", "US magazine Rolling Stone's"), without "The" or "'s"."""
        found = [
            re.sub(r"^The |[’']s$", "", m.group("name") or m.group("named") or m.group("after"))
            for m in _PUBLICATION.finditer(self.text, 0, at)
        ]
        # Not "The magazine" or "US magazine Rolling Stone" as a name
        found = [n for n in found if n not in _STOP_CAPS and n not in _PLACES]
        return found[-1] if found else None

    def _described_names(self) -> dict[str, list[tuple[int, str]]]:
        """Name -> (position, head noun) of each description the article gives it as an
        organisation: "Standard Life, Europe's largest mutual life insurer," and "Bookmaker
        William Hill" (once, when first asked)."""
        if self._descriptions is None:
            self._descriptions = {}
            for pattern in (_DESCRIBED_AFTER, _DESCRIBED_BEFORE):
                for m in pattern.finditer(self.text):
                    name = m.group("name")
                    if name.split(" ")[0] in _STOP_CAPS:
                        continue
                    head = m.group("head").lower()
                    self._descriptions.setdefault(name, []).append((m.start(), head))
        return self._descriptions

    def _described(self, head: str | None, at: int, trades: set[str] | None = None) -> str | None:
        """The organisation last described by `head` before `at` (by any of `trades` when
        `head` is None), and before the article first says "the ... <head>": a description
        that comes after is of another one ("the club" ... "Rival local club Manchester
        City")."""
        if head:
            used = re.search(rf"\b[Tt]he[ ](?:[\w’'-]+[ ]){{0,3}}{head}\b", self.text)
            at = min(at, used.start()) if used else at
        found = sorted(
            (pos, name)
            for name, seen in self._described_names().items()
            for pos, h in seen
            if (h == head if head else h in (trades or _TRADES))
            # a company word is a person's trade too ("producer Shauna Perry")
            and not (trades and _personal(name))
        )
        before = [name for pos, name in found if pos < at]
        return before[-1] if before else None

    def _headline_company(self) -> str | None:
        """The company a news story is about, for "the company" before any company has
        spoken: a name in the headline (the text's first line) that is no one's name and
        comes back at least twice in the story, the one it comes back most. Only for company
        words ("firm", "group", "giant"), not "the bank" or "the agency", where a story
        about one body often quotes another."""
        if self._headline is not None:
            return self._headline or None
        self._headline = ""  # none, until found below
        first = self.given_headline or self.text.split("\n", 1)[0]
        if len(first) > 120:
            return None
        # Not a person: two capitalised words look like one ("UK Coal"), so a name counts as
        # a person only where the article gives it a title ("Mr Fox") or a role.
        names = [m.group() for m in _NAME_RE.finditer(first)]
        names += [n.split(" ")[0] for n in names if " " in n]  # "Nintendo" of "Nintendo DS"
        if self.given_headline:  # a web title: "Uber’s Q3 numbers ...", and its "AI", "EVs"
            # or "Wall Street" are subjects, no companies
            names = [
                _POSSESSIVE.sub("", n)
                for n in names
                if n not in _PLACES | {"Wall", "Street"}
                and len(n) > 2
                and not re.fullmatch(r"[A-Z]+s", n)
            ]
        body = self.text if self.given_headline else self.text[len(first) :]
        surnames = {m.rsplit(" ", 1)[-1] for _, m, _ in self.mentions if _personal(m)}
        counted = [
            (self._count(n, body), len(n), n)
            for n in names
            if n not in _STOP_CAPS
            and n not in _PLACES | surnames  # not "Bond" of "James Bond"
            and not self._sex(n)
            and not self._role(n)
        ]
        best = max(counted, default=None)
        if best and best[0] >= 2:
            self._headline = best[2]
        return self._headline or None

    def _sex(self, name: str) -> str | None:
        """'m' or 'f' where the article says so of this person: a title before their last
        name ("Mr Fox", "Ms Hewitt") or a gendered role ("spokeswoman"); else None."""
        last = re.sub(r"[’']s$", "", name.split(" ")[-1])
        # "His sister Mary Doe", though "Mr Doe" is her brother; "Vane's daughter Maud"
        for p, n, _ in self.mentions:
            kin = _KIN_BEFORE.search(self.text, max(0, p - 40), p) if n == name else None
            if kin:
                return "f" if kin.group(1).lower() in _FEMALE_KIN else "m"
        titled = self._titled_sexes().get(last, set())
        # "Mr Howard" and "Mrs Howard" in one article: the name tells nothing
        sex = next(iter(titled)) if len(titled) == 1 else None
        if sex is None:
            role = (self._role(name) or "").lower()
            if re.search(r"woman\b|\bactress\b|\bqueen\b", role):
                sex = "f"
            elif re.search(r"(?<!wo)man\b|\bactor\b|\bking\b", role):
                sex = "m"
        return sex

    def _titled_sexes(self) -> dict[str, set[str]]:
        """Last name -> the sexes its courtesy titles give it ("Mr Fox": {'m'}), read once."""
        if self._titled is None:
            self._titled = {}
            for m in _GENDERED.finditer(self.text):
                last = m.group(2).split(" ")[-1]
                self._titled.setdefault(last, set()).add("f" if m.group(1) in _FEMALE else "m")
        return self._titled

    def _sex_or_first_name(self, name: str) -> str | None:
        """`_sex`, else what a full name's first name says ("Sophie Doe"): only for choosing
        between people for "he" or "she", not for whether a name is a person's (a person the
        article gives a sex counts as known elsewhere; most names have a first name)."""
        sex = self._sex(name)
        if (
            sex is None
            and _personal(name)
            and not _HAS_POSSESSIVE.search(name)
            # "Mr Howard" and "Mrs Howard": which Howard a surname is, the first name can't say
            and len(self._titled_sexes().get(name.split(" ")[-1], ())) < 2
        ):
            sex = sex_of_first_name(_TITLE.sub("", name).split(" ")[0])
        return sex

    def _expand(self, name: str) -> str:
        """An acronym to the name the article spells out: "CBO" -> "Congressional Budget
        Office" (written "Congressional Budget Office (CBO)", or whose initials it is),
        "Fed" -> "... Federal Reserve"; else the name as it is."""
        short = name[4:] if name.startswith(("The ", "the ")) else name
        if short == "Fed":
            fed = [n for _, n, _ in self.mentions if n.endswith("Federal Reserve")]
            return max(fed, key=len) if fed else name
        if _TITLE_ACRONYM.fullmatch(short):  # "Nara", "Sepa": only where the article
            # spells it out, in capitalised words with its letters as initials
            letters = r"(?:[ ](?:of|and|for|the|&))?[ ]".join(
                rf"{c}[a-z][\w-]*" for c in short.upper()
            )
            spelled_out = re.search(rf"\b{letters}\b", self.text)
            return spelled_out.group(0) if spelled_out else name
        if not _ACRONYM.fullmatch(short):
            return name
        spelled = self.text.find(f" ({short})")
        if spelled > 0:  # "... Securities and Exchange Commission (SEC)": back to its initials
            words = self.text[max(0, spelled - 200) : spelled].split(" ")
            taken: list[str] = []
            initials = ""
            while words and len(initials) < len(short):
                word = words.pop()
                taken.insert(0, word)
                if word in {"of", "and", "for", "the", "&", "de", "du", "des", "la", "le"}:
                    continue
                word = re.sub(r"^[dl][’']", "", word)  # "Conseil Superieur de l'Audiovisuel"
                if not word[:1].isupper():
                    break
                initials = word[0] + initials
            if initials == short:  # "Incomes Data Services' (IDS)": no possessive
                return _POSSESSIVE.sub("", " ".join(taken))
            while taken and not taken[0][:1].isupper():
                taken.pop(0)  # "parents.\n\nThe": where the name stops
            if len(initials) >= len(short) - 1 >= 2 and initials[0] == short[0]:
                # "The Movie Association for America's (MPAA)": the article says so, though
                # a letter is missing
                spelled_name = _POSSESSIVE.sub("", " ".join(taken).split("\n")[-1])
                return spelled_name.removeprefix("The ").removeprefix("the ")
        # "Securities and Exchange Commission" for SEC: capitalised words with those initials
        words = r"(?:[ ](?:of|and|for|the|&))?[ ]".join(rf"{c}[a-z][\w-]*" for c in short)
        spelled_out = re.search(rf"\b{words}\b", self.text)
        if spelled_out is None and len(short) >= 3:
            # "DOJ" for "Department of Justice": a letter for "of", "and" or "for" too
            joins = {"O": "of", "A": "and", "F": "for"}
            letters = [
                rf"(?:{c}[a-z][\w-]*|{joins[c]})"
                if c in joins and 0 < k < len(short) - 1
                else rf"{c}[a-z][\w-]*"
                for k, c in enumerate(short)
            ]
            spelled_out = re.search(rf"\b{'[ ]'.join(letters)}\b", self.text)
        return spelled_out.group(0) if spelled_out else name

    def _joint(self, mention: str, at: int) -> str:
        """'Minister Li Shangfu and Defense Minister Sergei Shoigu' -> 'Li Shangfu and Sergei
        Shoigu': each part less its title, a part that is only a title dropped."""
        names = []
        for part in mention.split(" and "):
            words = part.split(" ")
            while len(words) > 1 and words[0] in _STOP_CAPS:
                words = words[1:]
            while (
                len(words) > 1
                and words[0][:1].islower()
                and words[1][:1].isupper()
                and words[0] not in {"the", "his", "her", "its", "their"}
            ):  # "frontbencher John Redwood"; not "its allies", "the Tories"
                words = words[1:]
            part = " ".join(words)
            if _ROLE_END.search(part):
                continue
            _, name = _split_title(part)
            if name[:1].isupper() and " " not in name:
                name = self._fullest(name)
            names.append(name or part)
        if len(names) < 2:
            return names[0] if names else mention
        return ", ".join(names[:-1]) + " and " + names[-1]

    def _fullest(self, mention: str) -> str:
        if " " in mention:  # "De Vido" -> "Julio De Vido": a longer name ending with it
            if not _personal(mention):
                return mention
            if mention not in self._longer:
                longer = [
                    n for _, n, _ in self.mentions if n.endswith(" " + mention) and _personal(n)
                ]
                self._longer[mention] = max(longer, key=len) if longer else mention
            return self._longer[mention]
        if self._ends is None:  # last word, then first word -> the person names with it
            self._ends, self._starts = {}, {}
            for _, n, _ in self.mentions:
                # not "Blair's Tory", but "Philip Pullman's His Dark Materials" names him
                n = re.split(r"[’']s[ ]", n)[0]
                # not "L.A. Rosenthal" of "a trade to L.A. Rosenthal reports": a place
                if _personal(n) and n.split(" ")[0] not in _PLACE_INITIALS:
                    words = n.split(" ")
                    self._ends.setdefault(words[-1], []).append(n)
                    self._starts.setdefault(words[0], []).append(n)
        # A surname before a first name: "Blunkett" is "David Blunkett", not the headline's
        # "Blunkett Sheffield"; "Tony" is still "Tony Blair" when no name ends with it.
        fuller = self._ends.get(mention) or self._starts.get(mention)
        if (
            not fuller
            and len(mention) >= 5
            and mention[:1].isupper()
            and not _COMMON_RE.fullmatch(mention)  # "Analysts" is no "Analysis"
        ):
            # A surname misspelt once ("Daveport" in an article about Lindsay Davenport):
            # the one person whose surname is a letter away; where two share it, the one
            # named last before ("Jarek Kujda, one of the founders ... said Kudja", not his
            # sister Malgorzata Kujda)
            near = {
                n
                for last, names in self._ends.items()
                if last[:1] == mention[:1] and _one_letter_apart(last, mention)
                for n in names
                if not any(n != o and n in o for o in names)  # "Jarek Kujda" of "Mr Jarek Kujda"
            }
            if len(near) > 1:
                seen = [(p, n) for p, n, _ in self.mentions if n in near and p < self.at]
                near = {max(seen)[1]} if seen else near
            fuller = list(near) if len(near) == 1 else None
        named = [n for n in fuller or () if not self._common_word_first(n)]
        if named:
            # not a name that a word before it made ("Mogul Wilson", "Prop Jones",
            # "Off-colour Gardener"), where the article names the person without it
            fuller = named
        return max(fuller, key=len) if fuller else mention

    def _common_word_first(self, name: str) -> bool:
        """Whether a name opens with a common word, not a first name: one the first-name lists
        lack and the article writes in lowercase too ("Mogul" of "Mogul Wilson" beside "music
        mogul"; not "Rhys", "Sherrone" or "Vladimir", which the lists lack too)."""
        first = name.split(" ")[0]
        if first in _STOP_CAPS or first == "No" or _POSSESSIVE.search(first):
            return True  # "Whatever Kilroy-Silk says", "No Jim Harbaugh", "Dodgers' Ohtani"
        if is_first_name(first):
            return False
        if self._lowercase is None:
            self._lowercase = set(re.findall(r"\b[a-z][a-z’'-]+\b", self.text))
        return first.lower() in self._lowercase

    def _role_of(self, pos: int, name: str, title: str | None) -> str | None:
        if pos not in self.roles:
            self.roles[pos] = title or _role_near(self.text, pos, pos + len(name))
        return self.roles[pos]

    def _role(self, name: str) -> str | None:
        return next(
            (r for p, n, t in self.mentions if n == name and (r := self._role_of(p, n, t))), None
        )


# What may stand before a sentence's subject name ("WMC chairman", "Wolves chief executive")
# and what follows a subject ("Moxey defended", "Bell, 30,"), for _Resolver._subject_before.
_OPENING_MARKS = "\"“‘'"
# A verb of saying that is a plural noun: "Asian states must let", "its reports are"
_NOUN_VERB = re.compile(rf"[ ]+(?:states|reports|claims|notes|says)[ ]+(?:{_AUX}|must|do)\b")
# "The mayor's spokesman", "Mr Blair's official spokeswoman" named in the narration
_WHOSE_SPOKES_BEFORE = re.compile(
    r"(?:\b[Tt]he[ ]|[.,;:][ ]+|\n)(?P<w>(?:(?!the\b)[\w-]+[ ]){0,3}?[\w-]+[’']s[ ](?:official[ ])?"
    r"spokes(?:man|woman|person))\b(?![\s\S]*\bspokes(?:man|woman|person)\b)"
)
# A fronted adverbial before a frame: "But earlier this year, Acme said"
_FRONTED = re.compile(
    r"(?:(?:But|And|Yet|So|However|Meanwhile)[ ,]+)?(?i:in|on|at|earlier|later|last|this|next|"
    r"during|after|before|since|speaking|writing|yesterday|today)\b[^,]{0,60}$"
)
# A subordinator inside a speaker span: the subject is the clause's after it
_SUBORDINATOR_IN = re.compile(rf"(?<=[a-z])[ ](?:{_SUBORDINATORS})[ ]")
# ... and one that opens it: "while Harper later explained", "as Tan"
_SUBORDINATOR_AT = re.compile(rf"(?:{_SUBORDINATORS}|where|so|but|and)[ ](?=\S)")
_FATHER_OF = re.compile(r"^(?:father|mother)-of-\w+$")  # "the father-of-four"
_TITLE_ACRONYM = re.compile(r"[A-Z][a-z]{2,4}")
# A plural common noun at the end: people ("industry experts"), never who "it" is
_PEOPLE_NOUN = re.compile(r"(?:^|[ ])[a-z][\w-]*[^s’'\W]s$")
_FEMALE_KIN = {
    "sister", "mother", "wife", "daughter", "widow", "girlfriend", "aunt", "niece",
    "grandmother",
}  # fmt: skip
_KIN = (
    "sister|mother|wife|daughter|widow|girlfriend|aunt|niece|grandmother|brother|father|"
    "husband|son|boyfriend|uncle|nephew|grandfather"
)
_KIN_BEFORE = re.compile(rf"\b({_KIN}),?[ ]$", re.I)
_KIN_WORDS = f"{_KIN}|mum|mom|dad"
# A speaker named by kinship: "her father", "his grief-stricken mother", "the father"
_KIN_MENTION = re.compile(
    rf"(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he)[ ](?:[a-z][\w-]*[ ]){{0,2}}(?P<k>{_KIN_WORDS})"
)
# ... and the person an article names so: "her father, Thomas Hand," "Thomas Hand, her father"
_KIN_NAMED = re.compile(
    rf"\b(?:[Hh]is|[Hh]er|[Tt]heir)[ ](?:[a-z][\w-]*[ ]){{0,2}}(?P<k>{_KIN_WORDS}),?[ ]"
    rf"(?P<n>{_NAME})\b|\b(?P<m>{_NAME}),[ ](?:his|her|their)[ ](?:[a-z][\w-]*[ ]){{0,2}}"
    rf"(?P<k2>{_KIN_WORDS})\b"
)
_HE_SHE = re.compile(r"\b(?:he|she)\b")
_SUBORDINATE = re.compile(
    r"(?:As|When|While|After|Although|Though|Because|Since|If|Before|Once|Until|Whereas)[ ]"
)
_TITLE_LIKE = re.compile(
    rf"[A-Z][\w’'.-]*|(?i:{_ROLE_NOUN})|the|former|new|acting|interim|chief|executive|vice"
)
_NAME_NEXT = re.compile(r",?[ ][A-Z]")
_ROLE_NEXT = re.compile(  # not a verb before it: "Clive Woodward will coach the team"
    rf"[ ](?:(?!(?:will|would|is|was|has|had|can|could|to)\b)[a-z][\w-]*[ ]){{0,2}}"
    rf"(?i:{_ROLE_NOUN})\b"
)
_VERB_NEXT = re.compile(
    r"(?:,|[ ](?!(?:a|an|the|of|in|to|for|and|or|but|with|on|at|from|by|as|into|after|"
    r"before|over|under|who|which|that)\b)[a-z])"
)

_FRAME_END = re.compile(rf"\b(?:{_VERBS})$")
_FIRST_PERSON = {"I", "We", "we", "You", "you"}
_AND_FRAME_END = re.compile(rf"[ ]and[ ]+(?:also[ ]+)?(?:{_VERBS})$")
_LEAD_OUT = re.compile(r"(?:,[ ]+(?:saying|adding)\b)?[ :,]*$")
# Heads that end proper names too ("The Anti-Phishing Working group")
_NAME_HEADS = {
    "group", "union", "party", "agency", "bank", "network", "organisation", "organization",
    "charity", "club", "team", "label",
}  # fmt: skip
# Places a headline names that are no company ("US state acts to stop spammers")
_PLACES = {
    "US", "UK", "EU", "UN", "USA", "Britain", "America", "Europe", "China", "Japan",
    "Wall Street",  # "ASX set to open higher as Wall Street rebounds": a market, no company
}  # fmt: skip
# Last words of a company's branch or edition, never of a person's name
_NO_SURNAME = _PLACES | {
    "Asia", "Africa", "Australia", "Canada", "France", "Germany", "India", "Russia",
    "International", "Online", "Digital", "Entertainment", "Media", "Music", "Records",
    "Street", "House",  # "Downing Street said", "The White House says"
    "Project",  # "Pew Internet and American Life Project"
    # a faith: "raised Roman Catholic" is no one's name
    "Catholic", "Protestant", "Anglican", "Methodist", "Muslim", "Jewish", "Orthodox",
}  # fmt: skip
# Of those, the words for a company, which may stand for the one the headline names
_COMPANY_HEADS = {
    "company", "firm", "group", "giant", "maker", "carmaker", "retailer", "airline",
    "operator", "producer", "manufacturer", "conglomerate", "chain", "business", "publisher",
}  # fmt: skip
# Trades a company is described by ("Bookmaker William Hill", "the insurer")
_TRADES = {
    "bookmaker", "insurer", "lender", "broker", "brewer", "miner", "supermarket", "grocer",
    "bookseller", "housebuilder", "carrier", "utility", "distributor", "exporter", "importer",
}  # fmt: skip
# Head nouns of a description standing for an organisation named before ("the mining group")
_ORG_HEADS = _TRADES | {
    "company", "firm", "group", "newspaper", "paper", "studio", "bank", "club", "giant",
    "maker", "carmaker", "producer", "retailer", "airline", "operator", "insurer", "lender",
    "chain", "business", "corporation", "broadcaster", "network", "publisher", "manufacturer",
    "supplier", "developer", "conglomerate", "label", "team", "organisation", "organization",
    "charity", "union", "party", "agency", "regulator", "watchdog", "website", "site", "body",
}  # fmt: skip

# A document that speaks: "the report said", "A separate study by Gartner"
_THE_DOCUMENT = re.compile(rf"[Tt]he[ ]({_DOCUMENTS})")
_A_DOCUMENT = re.compile(
    rf"(?:[\w’'-]+[ ]){{0,3}}(?i:{_DOCUMENTS})(?:$|[ ](?:by|from|of|for|on|into|in)\b)"
)
_LOWER_LEAD = re.compile(r"^(?:[a-z][\w-]*[ ])+")
# Bodies of people that speak as "it": "The panel", "The opposition"
_BODY_NOUNS = {"panel", "committee", "opposition", "commission", "council", "government"}
_BODY_OPENING = re.compile(r"(?:(?:But|And|However|Meanwhile|Instead)[ ,]+)?(?:The[ ]|[A-Z])")
# What may open a sentence before the body it is about
_SHARES_IN = re.compile(r"Shares[ ](?:in|of)[ ]")
# A people's adjective, no body that speaks ("The German music business ... it has")
_NATIONAL = re.compile(
    r"[A-Z][a-z]+(?:ian|ish|ese)|German|French|Dutch|Greek|Swiss|Thai|American|European|"
    r"African|Korean|Mexican|Australian|Russian|Chinese|Japanese|Irish|British"
)

# After a one-word name, what says the name is a person's: "Safin said he", "Federer
# admitted he was", "Hewitt has insisted that she"
_SAYS_OF_SELF = re.compile(
    r"(?<![\w’'-])([A-Z][\w’'-]*)[ ](?:has[ ]|had[ ]|also[ ]|later[ ]|then[ ])?"
    r"(?:said|says|admitted|admits|insisted|insists|claimed|claims|added|believes|believed|"
    r"revealed|conceded|warned|stressed|explained|argued|denied|confirmed|hopes|hoped|thinks|"
    r"thought|feels|felt)[ ](?:that[ ])?(?:he|she)\b"
)
_GROUP_QUANTIFIER = re.compile(
    r"^(?:[Ss]ome|[Mm]any|[Ss]everal|[Mm]ost|[Nn]umerous|[Vv]arious|[Aa][ ]few)[ ]"
    r"(?:of[ ](?=those\b|these\b))?(?=[a-z]|[A-Z]+s\b)"
)
# What the press is called in a story, and the last words of a publication's name
_PRESS = {"newspaper", "paper", "magazine", "journal", "tabloid", "weekly"}
_MASTHEADS = (
    "Times|Telegraph|Guardian|Post|Journal|Mail|Express|Observer|Independent|Mirror|Herald|"
    "Gazette|Tribune|Chronicle|Economist|Scotsman|Standard|Magazine|Monde|Mundo|Zeitung|"
    "Spiegel|Deutschland|Week|Weekly|Today|Spectator|Statesman|Listener"
)
_PUBLICATION = re.compile(
    rf"\b(?:(?P<name>(?:The[ ])?(?:[A-Z][\w&'-]*[ ]){{0,3}}(?:{_MASTHEADS}))\b"
    rf"|(?P<named>{_NAME})[ ](?=(?:newspaper|magazine|journal|tabloid|weekly)\b)"
    rf"|\b(?:newspaper|magazine|journal|tabloid|weekly)[ ](?P<after>{_NAME}))"
)

# An organisation and the description the article gives it, after it ("Standard Life, Europe's
# largest mutual life insurer,") or before it ("Bookmaker William Hill", "rival carmaker Ford")
_HEAD_WORDS = "|".join(sorted(_ORG_HEADS))
_DESCRIBED_AFTER = re.compile(
    rf"\b(?P<name>{_NAME}),[ ](?:(?:the[ ])?{_NAME}[’']s?|the|an?|its)[ ](?:[a-z][\w-]*[ ]){{0,4}}"
    rf"(?P<head>{_HEAD_WORDS})(?=[,.;])"
)
_DESCRIBED_BEFORE = re.compile(rf"\b(?P<head>(?i:{_HEAD_WORDS}))[ ](?P<name>{_NAME})")

# People who open a sentence ("The MPs also call", "Michael Howard and frontbencher John Redwood
# on Thursday launched", "Critics say"), and a sentence's plural speaker at its end
_PLURAL_OPENING = re.compile(
    rf"(?:(?:But|And|However|Meanwhile)[ ,]+)?(?:[A-Z][^,]{{0,40}},[ ]+)?"
    rf"(?P<p>{_NAME}[ ]and[ ](?:[a-z][\w-]*[ ]){{0,2}}{_NAME}|"
    rf"(?:[Tt]he[ ])?(?:(?!(?:which|who|that|whom|of|in|as|than)\b)[\w-]+[ ]){{0,2}}{_COMMON}|"
    rf"(?:[Tt]he[ ])?{_GROUP})[ ]+(?=[a-z])"
)
# Someone's role at a body: "top tester at PC Pro", "chief executive of Aguas Argentinas"
_WORKPLACE = re.compile(
    rf"\b(?i:{_ROLE_NOUN}|tester|partner|employee|worker|staff|member)[ ](?:at|of)[ ]"
    rf"(?:the[ ])?(?P<n>{_NAME})\b(?![’'])"
)
# A body speaking of itself, or called "which": "Aguas Argentinas said it would", "Aguas
# Argentinas told the Argentine newspaper Clarin it would", "Aguas Argentinas, which"
_ITS_OWN = re.compile(
    r"(?:,[ ]which\b|[ ](?:has[ ]|had[ ])?(?:said|says|added|insisted|argued|stated|warned|"
    r"claimed|denied|confirmed|announced)[ ](?:that[ ])?(?:it|its)[ ]"
    r"|[ ](?:has[ ]|had[ ])?told[ ](?:the[ ])?(?:[\w-]+[ ]){0,3}[A-Z][\w-]*[ ](?:that[ ])?it[ ])"
)
_NAME_BEFORE = re.compile(rf"\b(?P<n>{_NAME})$")
# What lies between a sentence's plural subject and its "they": its own clause, then a
# conjunction ("Business leaders had opposed the plan as they said")
_OWN_CLAUSE = re.compile(r"[^,;:\"“”]*?[ ](?:as|because|but|and|after|when|since)[ ]$")
_PLURAL_SPOKE = re.compile(rf",[ ]+(?P<p>(?:[a-z][\w-]*[ ]){{0,2}}{_COMMON})[ ]+\w+[.!]?$")

# "Deutsche Bank's Simon Champion", "the EPA's Andrew Fanara": a person and whose they are
_POSSESSIVE_PERSON = re.compile(
    rf"(?:[Tt]he[ ])?(?P<org>[A-Z][^'’]*?)['’]s[ ](?P<p>{_WORD}(?:[ ]{_WORD}){{1,3}})"
)
# "Bellamy's claim that ...": the claim is his, whoever reports it
_CLAIM_OF = re.compile(r"(?<=['’]s)[ ](?:claims?|assertion|insistence|view|belief)\b")
_AGE = re.compile(r"\b(\d{1,3})-year-old\b")

# A peer's title, which names a place with "of": "Lord Roberts of Conwy"
_PEERAGE = re.compile(r"\b(?:Lord|Lady|Baroness|Baron|Viscount|Earl)[ ]+[A-Z][\w-]*[ ]of[ ]")
# A person and where they are from: "Jason Daw at Merrill Lynch", "Hannah Ward of the Refugee
# Council" (the place their role); one word is a name only where a fuller one ends in it
_PERSON_OF = re.compile(
    rf"(?P<p>{_WORD}(?:[ ]{_WORD}){{0,3}})[ ](?:of|at|from)[ ](?P<org>(?:the[ ])?[A-Z].*)"
)

# A person the article names only by role: "a spokesman for Ofcom", "The Ofcom spokesman"
_UNNAMED = re.compile(
    rf"(?:[Aa]n?|[Tt]he)[ ](?:(?P<org>{_NAME})[ ])?(?P<role>(?i:{_ROLE_NOUN}))"
    rf"(?:[ ](?:for|at|of)[ ](?P<of>(?:the[ ])?{_NAME}))?"
)


# Nouns that describe a person in a story without being a role the article gave anyone
# ("the defender", "the American", "the singer"), for _Resolver.resolve
_PERSON_NOUNS = {
    "defender", "striker", "midfielder", "goalkeeper", "winger", "forward", "player", "star",
    "singer", "actor", "actress", "rapper", "musician", "comedian", "presenter", "writer",
    "author", "veteran", "champion", "youngster", "teenager", "american", "briton", "scot",
    "irishman", "welshman", "englishman", "frenchman", "australian", "dubliner", "dj",
    "businessman", "tycoon", "entrepreneur", "billionaire", "politician", "mp", "mep",
    "lawyer", "attorney", "solicitor", "barrister", "host", "scientist", "doctor", "athlete",
    "sprinter", "driver", "golfer", "boxer", "campaigner", "activist", "journalist",
    "runner", "cyclist", "swimmer", "jockey", "skier", "rower", "winner", "diplomat",
    # one person of a country, as sports reports name players ("The Russian added that")
    "russian", "croatian", "serbian", "serb", "argentine", "argentinian", "brazilian",
    "italian", "german", "spaniard", "swiss", "swede", "dane", "norwegian", "finn", "belgian",
    "dutchman", "kenyan", "ethiopian", "canadian", "zimbabwean", "nigerian", "jamaican",
    "czech", "slovak", "austrian", "ukrainian", "romanian", "bulgarian", "greek", "israeli",
    "mexican", "colombian", "chilean", "uruguayan", "kiwi", "aussie", "zealander",
    "african", "scotsman", "frenchwoman", "englishwoman", "irishwoman", "welshwoman",
}  # fmt: skip
# Who speaks as "one ..." ("said one London-based broker") and is "he" or "she" next: no
# "one over-60 woman", whose "she" the resolver would not tell from a "he"
_ANONYMOUS = {
    "broker", "analyst", "trader", "dealer", "banker", "economist", "official", "source",
    "insider", "investor", "executive", "diplomat", "resident", "witness", "fan", "voter",
    "worker", "employee", "customer", "user", "expert", "observer", "critic", "supporter",
    "member", "minister", "mp", "lawyer",
}  # fmt: skip
# What a person is, written before a name as a title would be ("Guitarist Brian May")
_DESCRIBED_AS = _PERSON_NOUNS | {
    "novelist", "director", "producer", "designer", "guitarist", "drummer", "captain",
    "keeper", "photographer", "chef", "artist", "poet", "model", "dancer", "composer",
}  # fmt: skip
# A capitalised name that only describes a person ("The Northern Ireland runner set ...")
_PERSON_NEXT = re.compile(rf"[ ](?:{'|'.join(sorted(_PERSON_NOUNS))})\b")
# A sentence opened by such a person ("But a spokesman for the Home Office defended ...")
_UNNAMED_OPENING = re.compile(
    rf"(?:(?:But|And|However|Meanwhile|Yet),?[ ])?(?P<d>(?:[Aa]n?|[Tt]he)[ ](?:{_NAME}[ ])?"
    rf"(?i:{_ROLE_NOUN})(?:[ ](?:for|at|of)[ ](?:the[ ])?{_NAME})?)[ ]"
    r"(?!(?:a|an|the|of|in|to|for|and|or|but|with|on|at|from|by|as)\b)[a-z]"
)

# A sentence opened by a person's age ("But the 25-year-old Dubliner underlined")
_AGED_OPENING = re.compile(
    r"(?:(?:But|And|However|Meanwhile|Yet),?[ ])?[Tt]he[ ](?P<age>\d{1,3})-year-old[ ]"
    r"(?:[a-z][\w-]*[ ]){0,2}"
    rf"(?i:{'|'.join(sorted(_PERSON_NOUNS))})[ ]"
    r"(?!(?:a|an|the|of|in|to|for|and|or|but|with|on|at|from|by|as|who|whose)\b)[a-z]"
)


# A party's everyday name -> its formal names, fullest first, as an article may also write them
_PARTY_NAMES = {
    "tories": ("Conservative Party", "Conservatives"),
    "tory party": ("Conservative Party", "Conservatives"),
    "tory": ("Conservative Party", "Conservatives"),  # "amid Tory claims"
    "lib dems": ("Liberal Democrat Party", "Liberal Democrats"),
}
# A capitalised word that names something, not a title's own ("Foreign", "Lord", "Secretary")
_NAMING = re.compile(
    rf"(?!(?i:{'|'.join(sorted(_PORTFOLIOS))}|lord|lady|{_ROLE_NOUN})\b)[A-Z][\w-]*"
)
_HE_SHE_OPENING = re.compile(r"(?:He|She)[ ]")
# A sentence whose subject is a pronoun: no name after it is its subject
# A person "saying" just before a pronoun: "with Oliver, 16, saying he thought"
_SAYING_BEFORE = re.compile(
    rf"(?P<n>{_NAME})(?:,[ ][^,]{{1,40}},)?[ ](?:saying|telling[ ][\w’'.-]+)[ ](?:that[ ])?$"
)
_OPENING_PREPOSITIONS = {
    "On", "In", "At", "For", "From", "With", "Via", "Through", "By", "Like", "Unlike", "To",
    "Under", "Over", "After", "Before", "During", "Against", "Across", "Inside", "Outside",
    "Within", "Among", "Despite", "Beyond",
}  # fmt: skip
_PRONOUN_OPENING = re.compile(r"(?:He|She|It|They|We|I)[ ]")
# People named by a plural noun, who are "they" next: "the MPs", "analysts", "Some economists"
_PLURAL_MENTION = re.compile(
    r"(?:(?:[Tt]he|[Ss]ome|[Mm]any)[ ])?(?:[a-z][\w-]*[ ]){0,2}(?:[a-z][\w-]*[^s’'\W]s|MPs|MEPs)"
    rf"(?:[ ](?:at|of|from)[ ](?:the[ ])?{_NAME})?"  # "analysts at Mizuho"
)
# Words that tie a description to a place or body of its own ("the sprinter from Leeds")
_OF_WORDS = {"of", "from", "at", "for"}
_SPOKES = re.compile(r"\bspokes(?:man|woman|person)\b")
_PARTY_WORDS = {
    "democrat", "democratic", "republican", "labour", "tory", "conservative", "liberal",
    "lib", "dem", "snp", "ukip", "green",
}  # fmt: skip
_BUT_SUBJECT = re.compile(
    rf"[ ]but[ ]+(?:{_NAME}[’']s[ ])?(?:(?:Mr|Mrs|Ms|Dr)[ ])?(?P<n>{_NAME})(?=[ ,])"
)
_REPLY = re.compile(
    r"[ ]+(?:(?:has|had)[ ]+)?(?:rejected|dismissed|disputed|countered|hit[ ]back|responded)\b"
)
_THIRD_PERSON = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]ers)\b")
_OF_BODY_NEXT = re.compile(r"[ ](?:for|from|at|of|with)[ ]")
_BARE_SPOKES = re.compile(r"(?:(?:an?|the)[ ])?(?:official[ ])?spokes(man|woman|person)\b")


def _unnamed(mention: str) -> str | None:
    """One spelling for a person named only by role and organisation, as the gold sets write
    it ("spokesman for Ofcom"), so both mentions are one speaker; None for anything else."""
    m = _UNNAMED.fullmatch(mention)
    if not m or bool(m.group("org")) == bool(m.group("of")):
        return None
    if m.group("org") and {w.lower() for w in m.group("org").split(" ")} <= _PORTFOLIOS:
        return None  # "The Foreign Secretary" is a title, not a secretary for "Foreign"
    return f"{m.group('role').lower()} for {m.group('org') or m.group('of')}"


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether one letter dropped, added or changed, or two side by side swapped
    ("Sotos-Preito" for "Sotos-Prieto"), makes `a` into `b` (and they differ)."""
    if a == b or abs(len(a) - len(b)) > 1 or not (a + b).replace("-", "").isalpha():
        return False  # not "Adams" and "Adams'" (a possessive)
    if a + "s" == b or b + "s" == a:
        return False  # a plural: "Analysts" are no "Analysis", "Catholics" no "Catholic"
    if len(a) > len(b):
        a, b = b, a
    i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) == len(b) and a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]:
        return True
    rest = a[i + 1 :] if len(a) == len(b) else a[i:]
    return rest == b[i + 1 :]


@functools.lru_cache(maxsize=65536)
def _of_sex(known: str | None, sex: str) -> bool:
    """Whether a person the article gives sex `known` (or none) can be "his" / "her" (`sex`):
    "her" only of someone the article makes a woman."""
    return known == sex or (known is None and sex == "m")


def _parties(role: str) -> set[str]:
    """The parties a role names, by their capitalised words ("Tory leader": tory)."""
    return {w.lower() for w in role.replace(",", "").split(" ") if w[:1].isupper()} & _PARTY_WORDS


def _personal_role(role: str | None) -> bool:
    """Whether a role the article gives a one-word name is a person's ("mother of twins",
    "chief executive of the bank"), not an organisation's ("the world's biggest spirits
    company", "Australian brewer")."""
    if not role:
        return False
    words = set(re.findall(r"[a-z]+", role.lower()))
    return bool(_ROLE_WORD.search(role)) or not words & _ORG_HEADS


# Words that open a sentence and never end a person's name
_NEXT_SENTENCE_WORDS = {"In", "On", "At", "The", "And", "But", "For", "If", "When", "While"}


def _personal(name: str) -> bool:
    """Whether a capitalised sequence looks like a person's full name."""
    words = name.split(" ")
    return (
        1 < len(words) <= 4
        and not _ORG_END.search(name)
        and words[-1] not in _NO_SURNAME  # "Nintendo Europe"
        # "Gallery, New York In the other works": a caption run into the next sentence
        and words[-1] not in _NEXT_SENTENCE_WORDS
        # "Sony PSP", "Nintendo DS": a product; not "Frank Field MP", "JOHN SMITH"
        and not (
            _ACRONYM.fullmatch(words[-1])
            and words[-1] not in _POSTNOMINALS
            and not all(_ACRONYM.fullmatch(w) for w in words)
        )
        and words[0] not in _STOP_CAPS
        and all(w[0].isupper() or w in {"de", "van", "von", "bin", "al", "da"} for w in words)
        # "All I", "I The A", "Drive Me": a title's or heading's words, not a name; a regnal
        # "I" after a first name is one ("Elizabeth I")
        and not any(w in _SELF_WORDS for w in words[:-1])
        and not (words[-1] in _SELF_WORDS and not _regnal(words))
    )


_SELF_WORDS = frozenset({"I", "Me", "My", "We", "Us", "Our", "You", "Your"})


def _regnal(words: list[str]) -> bool:
    return words[-1] == "I" and is_first_name(words[-2])


def _strip(text: str, start: int, end: int, marks: bool = True) -> tuple[int, int]:
    """[start, end) less surrounding spaces and punctuation (and quote marks if `marks`)."""
    lead, trail = (' ,“"‘', ' ,.;:”"’') if marks else (" ,", " ,.;:")
    while start < end and text[start] in lead:
        start += 1
    while end > start and text[end - 1] in trail:
        end -= 1
    return start, end


def _headline(text: str, p0: int, p1: int) -> bool:
    """A short line without closing punctuation: a headline, sub-headline or caption
    ("China says it's open to more military cooperation with Russia"); or a bullet point
    (the standfirst of a saved page summarises what the story reports)."""
    line = text[p0:p1].rstrip()
    if line.lstrip().startswith(("•", "▪", "◦")):  # a standfirst's bullet points
        return True
    framed = _FRAMED_LINE.fullmatch(line.strip())
    if framed and len(framed.group("q").split()) >= 4:
        return False  # '"It was an exceptional night." McErlean told Space.com': a quotation
        # and its frame, the frame's full stop left out (web news)
    return len(line.split()) <= 20 and not line.endswith((".", "!", "?", '"', "”", "’", ":"))


_FRAMED_LINE = re.compile(r"[“\"](?P<q>[^“”\"]+[.!?,])[”\"][ ]+[A-Z][\w’'-]*(?:[ ]\S+){1,5}")


def _paragraphs(text: str):
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, pos + len(line)
        pos += len(line) + 1


def headline_of(text: str, title: str | None) -> str | None:
    """The headline the resolver is given beside `text`: its title, unless the text opens
    with it (a BBC file's first line, read as the headline anyway)."""
    if not title or not title.strip() or text.lstrip().startswith(title.strip()):
        return None
    return title.strip()


def find_statements(text: str, title: str | None = None) -> list[Statement]:
    """Reported statements of `text`, in order, each with exact offsets into `text`.

    `title`: the article's, which names the company a story is about ("the company" before
    any company has spoken); a JSON record's or a web page's text does not open with it, a
    BBC file's first line is it."""
    resolver = _Resolver(text, headline_of(text, title))
    found: list[tuple[int, int, str, int, int]] = []  # start, end, kind, speaker span
    outers: dict[int, tuple[int, int]] = {}  # see _indirect
    every_sentence: list[tuple[int, int]] = []
    for p0, p1 in _paragraphs(text):
        if _headline(text, p0, p1):
            continue
        sentences = split_sentences(text, p0, p1)
        every_sentence += sentences
        direct = _direct(text, p0, p1, sentences, found)
        for s0, s1 in sentences:
            quoted = [(a, b) for a, b in direct if a < s1 and s0 < b]
            if not quoted:
                _indirect(text, s0, s1, found, outers)
                continue
            last = max(b for _, b in quoted)
            if last < s1:  # '"...," Mr Fox said, adding that CLAUSE'
                _after_quote(text, last, s1, s0, found)
            first = min(a for a, _ in quoted)
            if first > s0:  # 'X said CLAUSE, saying: "..."': the clause before it
                cut = _LEAD_OUT.search(text, s0, first)
                end = cut.start() if cut else first
                if not _FRAME_END.search(text, s0, end):  # not just 'In a statement, it added'
                    _indirect(text, s0, end, found, outers)
                elif joined := _AND_FRAME_END.search(text, s0, end):
                    # 'he told the TES that truancy was "very bad" and said "firm action" was
                    # needed': the report before the frame joined to it
                    _indirect(text, s0, joined.start(), found, outers)
    # What the rules found nothing in, read off a parse (qa/speech_parse.py says why)
    missed = [
        (s0, s1)
        for s0, s1 in every_sentence
        if not any(a < s1 and s0 < b for a, b, *_ in found)
        and speech_parse.worth_parsing(text[s0:s1])
    ]
    found += speech_parse.statements(text, missed)
    # Speakers that follow a preposition, read whole off a parse: the rules', and the few of
    # the parse's own that stop at a preposition ("under three-quarters of respondents")
    found = _whole_subjects(text, found, every_sentence)
    found.sort()
    resolver.sentences = every_sentence
    out: list[Statement] = []
    for start, end, kind, sp0, sp1 in found:
        if sp0 < 0:  # a continuation: the previous statement's speaker
            if not out:
                continue
            prev = out[-1]
            subject = resolver.narrated_subject(prev.char_end, start)
            if subject and subject != (prev.speaker_start, prev.speaker_end):
                # '"...," said Nadal. US coach Patrick McEnroe wants ... "I think ...'
                speaker, role = resolver.resolve(text[subject[0] : subject[1]], subject[0])
                out.append(Statement(speaker, role, kind, text[start:end], start, end, *subject))
                continue
            out.append(Statement(prev.speaker, prev.role, kind, text[start:end], start, end,
                                 prev.speaker_start, prev.speaker_end))  # fmt: skip
            continue
        outer = outers.get(sp0)
        joined = _SUBORDINATOR_IN.search(text, sp0, sp1) or _SUBORDINATOR_AT.match(text, sp0, sp1)
        if joined:  # "the issue because it was concerned that": "it", after the subordinator;
            sp0 = joined.end()  # "while Harper later explained": Harper
        sp0, sp1 = _trim_mention(text, sp0, sp1)
        sp0, sp1 = _group_of_share(text, sp0, sp1)
        sp1 = _group_modifier_end(text, sp0, sp1)
        sp0, sp1 = _person_before_body(text, sp0, sp1)
        if _TITLE_PRONOUN.fullmatch(text, sp0, sp1) and _WORD_BEFORE.search(text, 0, sp0):
            continue  # "Do They Know It's Christmas": a title's word, mid-sentence, no speaker
        if _THAT_SAID.match(text, sp0):
            continue  # "That said, she is working on ...": a turn of phrase, no speaker
        if text[sp0:sp1] in _NO_SPEAKER or _TIME_WILL_TELL.match(text, sp0):
            continue  # "To say that ... would be an understatement", "Who says we",
            # "That is to say", "Time will tell how": turns of phrase, no one speaks
        if text[sp0:sp1] == "which":  # '"...,” which continued:': the argument quoted just
            # before it names the speaker, not a body called "which" a later "it" would
            # resolve to; with no statement just before it, no one
            prev = _relative_antecedent(out, sp0, resolver.sentences)
            if prev:
                out.append(Statement(prev.speaker, prev.role, kind, text[start:end], start, end,
                                     prev.speaker_start, prev.speaker_end))  # fmt: skip
            continue
        if text[sp0:sp1] in _FIRST_PERSON:
            continue  # "I believe the problem lies ...": a column's writer, or a quotation's
            # speaker inside it ("I think the stadium will always be Anfield"): no report,
            # and not resolved, where "I" would become the body a later "it" is
        speaker, role = resolver.resolve(text[sp0:sp1], sp0)
        out.append(Statement(speaker, role, kind, text[start:end], start, end, sp0, sp1))
        if outer:  # "Mr Howard denied Mr Yeo said ...": Howard is who "he" is next
            o0, o1 = _trim_mention(text, *outer)
            resolver.resolve(text[o0:o1], o0)
    return resolver.name_lead_descriptions(out)


# A share of a group as a speaker ("69% of over-55s say", "Most of the analysts said", "A lot
# of the athletes said"): the gold sets name the group
_QUANTIFIER = r"(?:[Aa][ ]lot|[Mm]any|[Ss]ome|[Mm]ost|[Hh]alf)"
_SHARE = re.compile(rf"(?:{_QUANTIFIER}|[Aa]ll|\d+(?:\.\d+)?(?:%|[ ]per[ ]?cent))")
# What a group's words run up to: the frame's verb ("... of over-55s say", "... the matter told")
_FRAME_NEXT = rf"(?=[ ]+(?:have[ ]|had[ ]|also[ ])?(?:{_VERBS}|tell)\b)"
_OF_GROUP = re.compile(  # not "42% of them": who they are is not read
    r"[ ]of[ ](?:the[ ])?(?!(?:them|us|these|this|that|it)\b)(?P<g>[^,.;:\"“”]{2,60}?)"
    + _FRAME_NEXT
)
_OF_THE = re.compile(rf"(?:{_QUANTIFIER}[ ])?of[ ](?:the[ ])?")


# People named by what they are, and what says which ones: "Sources close to the
# negotiations said", "people familiar with the matter told", "a person briefed on the talks"
_GROUP_HEADS = re.compile(
    r"(?:[Pp]eople|[Pp]erson|[Ss]ources?|[Oo]fficials?|[Aa]nalysts|[Ee]xperts|[Ee]xecutives|"
    r"[Dd]iplomats|[Ii]nsiders|[Ee]mployees|[Ww]orkers|[Rr]esidents|[Ww]itnesses)$"
)
_GROUP_MODIFIER = re.compile(
    r"[ ](?:close[ ]to|familiar[ ]with|briefed[ ]on|with[ ]knowledge[ ]of|involved[ ]in)[ ]"
    r"[^,.;:\"“”]{2,50}?" + _FRAME_NEXT
)


# A document named by its noun, and a participle that says which one ("a pre-print paper
# published in June suggests")
_DOCUMENT_HEAD = re.compile(r"\b(?:study|paper|report|survey|poll|analysis|research)$")
_DOCUMENT_MODIFIER = re.compile(
    r"[ ](?:published|released|conducted|carried[ ]out|commissioned|compiled)[ ]"
    r"[^,.;:\"“”]{2,50}?" + _FRAME_NEXT
)


def _group_modifier_end(text: str, sp0: int, sp1: int) -> int:
    """Where a speaker named by what they are ends, with the words that say which ones
    ("Sources close to the negotiations said": not just "Sources")."""
    if _DOCUMENT_HEAD.search(text, sp0, sp1):  # "a study published in November revealed"
        more = _DOCUMENT_MODIFIER.match(text, sp1)
        return more.end() if more else sp1
    if not _GROUP_HEADS.search(text, sp0, sp1):
        return sp1
    more = _GROUP_MODIFIER.match(text, sp1)
    return more.end() if more else sp1


def _group_of_share(text: str, sp0: int, sp1: int) -> tuple[int, int]:
    """The group a share of it stands for as a speaker: "69%" in "69% of over-55s say" ->
    "over-55s"; "of the analysts" / "A lot of the athletes" -> "analysts" / "athletes"."""
    if _SHARE.fullmatch(text, sp0, sp1):
        group = _OF_GROUP.match(text, sp1)
        return group.span("g") if group else (sp0, sp1)
    lead = _OF_THE.match(text, sp0, sp1)
    return (lead.end(), sp1) if lead and lead.end() < sp1 else (sp0, sp1)


def _relative_antecedent(
    out: list[Statement], at: int, sentences: list[tuple[int, int]]
) -> Statement | None:
    """The statement a relative pronoun's frame goes on from: the last one found, if it ended
    in the sentence of the pronoun or the one before."""
    if not out:
        return None
    here = [k for k, (s0, s1) in enumerate(sentences) if s0 <= at < s1]
    if not here:
        return None
    since = sentences[max(0, here[0] - 1)][0]
    return out[-1] if out[-1].char_end >= since else None


# A person the lead describes and does not name: "its chief executive", "London's most
# senior police officer", "The Spaniard" (a role, a trade or a nationality as the last word)
_DESCRIBED_LEAD = re.compile(
    rf"(?:the|its|an?|(?:the[ ])?[A-Z][\w.-]*[’']s)[ ](?:[\w-]+[ ]){{0,5}}?"
    rf"(?:(?i:{_ROLE_NOUN}|co-chairman|officer|holder|medallist|skipper|captain|academic|"
    rf"archbishop|bishop|guitarist|drummer|comedian|producer|{'|'.join(_PERSON_NOUNS)})"
    rf"|{_NATIONAL_NOUN})(?:[ ](?:of|at|for)[ ].+)?",
    re.I,
)
_PRONOUN = {"He", "She", "It", "They"}
_LEAD_GAP = 400  # characters from the lead's statement to the one that names its speaker


_NAME_COMMA = re.compile(rf"(?:^|(?<=[.!?\"”\n])[ ]*|(?<=\n))({_NAME}),[ ]$")


def _person_before_body(text: str, sp0: int, sp1: int) -> tuple[int, int]:
    """ "Colin Asplin, Blackpool Hotel Association said": the person who opens the sentence,
    not the body after the comma that the frame's subject pattern took."""
    mention = text[sp0:sp1]
    if not mention[:1].isupper() or _personal(mention) or " " not in mention:
        return sp0, sp1
    if not _ORG_END.search(mention):
        return sp0, sp1
    before = _NAME_COMMA.search(text, max(0, sp0 - 60), sp0)
    if before and _personal(before.group(1)):
        return before.start(1), before.end(1)
    return sp0, sp1


# What stands before a name that is only part of its sentence's subject ("A lawyer for the
# victims said", "researchers from Leeds University warned")
_INSIDE_SUBJECT = re.compile(
    r"\b(?:in|on|of|for|from|at|with|about|by|over|under|(?<!according[ ])to)[ ]$"
)
# ... or ends a relative clause inside it ("Some computer users who had tested the software
# reported")
_RELATIVE_INSIDE = re.compile(r"[a-z][ ](?:who|which)[ ](?:[a-z][\w’'-]*[ ]){1,4}$")


def _whole_subjects(text: str, found: list[tuple], sentences: list[tuple[int, int]]) -> list:
    """The statements, a speaker that follows a preposition replaced by the whole subject
    the parse reads (qa/speech_parse.py's `speakers`): the rules take the name nearest the
    verb, "the victims" for "A lawyer for the victims said"."""
    inside = []
    for item in found:
        sp0, sp1 = item[3], item[4]
        if (
            sp0 > 0
            and (
                _INSIDE_SUBJECT.search(text, max(0, sp0 - 20), sp0)
                or _RELATIVE_INSIDE.search(text, max(0, sp0 - 60), sp0)
                or _bare_group(text, sp0, sp1)
            )
            and not re.search(r"[’']s[ ]", text[sp0:sp1])  # "War on Want's John Hilary"
        ):
            sentence = next(((a, b) for a, b in sentences if a <= sp0 < b), None)
            if sentence:
                inside.append((*sentence, sp0, sp1))
    if not inside:
        return found
    whole = speech_parse.speakers(text, inside)
    return [(*item[:3], *whole[item[3]]) if item[3] in whole else item for item in found]


# People named by what they are, in one lowercase word ("experts", "sources"), and what can
# say which ones: a lowercase word before ("relationship experts", "space weather
# scientists") or a phrase after ("sources at four different Big Ten schools")
_BARE_GROUP = re.compile(
    r"(?:analysts|officials|experts|critics|observers|economists|investors|scientists|"
    r"researchers|sources|executives|insiders|lawyers|doctors|campaigners|activists)"
)
_WORD_OF_GROUP = re.compile(
    r"(?<![\w’'-])(?!(?:and|or|but|that|as|while|when|say|said|says)\b)[a-z][\w-]+[ ]$"
)
_PHRASE_OF_GROUP = re.compile(r"[ ](?:at|from)[ ]")


def _bare_group(text: str, sp0: int, sp1: int) -> bool:
    """Whether the speaker text[sp0:sp1] is such a word with such words beside it: the
    parse reads the whole group (`speech_parse.speakers`)."""
    return bool(
        _BARE_GROUP.fullmatch(text, sp0, sp1)
        and (
            _WORD_OF_GROUP.search(text, max(0, sp0 - 30), sp0) or _PHRASE_OF_GROUP.match(text, sp1)
        )
    )


# A capitalised pronoun after a word of the same sentence is part of a title
_TITLE_PRONOUN = re.compile(r"He|She|It|They|We")
_WORD_BEFORE = re.compile(r"[A-Za-z,][ ]$")
_THAT_SAID = re.compile(r"That[ ]said,")
_NO_SPEAKER = {"To", "Who", "Who's", "Who’s", "That", "Can't", "Can’t"}
_TIME_WILL_TELL = re.compile(r"Time[ ]will[ ]tell\b")

_ADDING = re.compile(
    rf"[^\"“”]*?(?:,[ ]+(?:adding|saying)|,?[ ]+and[ ]+(?:also[ ]+)?(?:{_VERBS})"
    # '"...," MacKinnon says, pointing out that CLAUSE': with "that" only
    r"|,[ ]+(?:pointing[ ]out|noting|explaining|arguing|insisting|warning|stressing)"
    r"(?=[ ]+that[ ]))"
    rf"[ ]+(?:that[ ]+)?"
)


def _after_quote(text: str, q1: int, s1: int, s0: int, found) -> None:
    """'"...," Mr Fox said, adding that CLAUSE' / 'Putin called it "productive," and said
    CLAUSE': the clause after the quote, by the quote's speaker."""
    m = _ADDING.match(text, q1, s1)
    speakers = [f for f in found if f[2] == "direct" and s0 <= f[0] < q1 and f[3] >= 0]
    if not m or not speakers:
        return
    a, b = _strip(text, m.end(), s1, marks=False)
    if len(text[a:b].split()) >= 3:
        found.append((a, b, "indirect", speakers[-1][3], speakers[-1][4]))


def _sentence_of(sentences, pos: int) -> tuple[int, int]:
    for s0, s1 in sentences:
        if s0 <= pos < s1:
            return s0, s1
    return pos, pos


def _quotes(text: str, p0: int, p1: int) -> list[tuple[int, int, int, bool]]:
    """(opening mark, inner start, inner end, closed) of each double-quoted span of a
    paragraph. A mark reopened before the last one closes ends it: BBC texts lost paragraph
    breaks inside quotes ('Mr Fox said: "A. "B."')."""
    marks = []
    for m in _MARK.finditer(text, p0, p1):
        i, c = m.start(), m.group()
        if c != '"':
            marks.append((i, c == "“"))
        else:
            before = text[i - 1] if i > p0 else " "
            after = text[i + 1] if i + 1 < p1 else " "
            marks.append((i, (before.isspace() or before in "([—–-") and not after.isspace()))
    out = []
    current = None
    for pos, opening in marks:
        if current is not None:
            out.append((current, current + 1, pos, not opening))
            current = None if not opening else pos
        elif opening:
            current = pos
    if current is not None:
        out.append((current, current + 1, p1, False))
    return out


# What names a work just before its title in quotation marks
_TITLE_BEFORE = re.compile(
    r"\b(?:(?:titled|entitled|dubbed|headlined)|(?:book|novel|film|movie|album|single|"
    r"documentary|podcast|essay|memoir|exhibition|play|sitcom|series),)[ ]*$"
)
_ASKED_OR_CUT = {"?", "!", "…"}
_OWN_REPORT = re.compile(r"[ ]*(?::|that\b)")
_BEFORE_A_QUOTATION = re.compile(r'[^“"]*')
# Nothing, or whom a frame's "told" names: "Space.com", "the BBC"
_LISTENER = re.compile(r"[ ]*(?:(?:the[ ])?[A-Z][\w.&’'-]*(?:[ ][A-Z][\w.&’'-]*){0,2}[ ]*)?")


def _direct(text, p0, p1, sentences, found) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    prev_end = -1
    quotes = _quotes(text, p0, p1)
    quotes += [(m.start(), m.start(1), m.end(1), True) for m in _SINGLE.finditer(text, p0, p1)]
    for mark, i0, i1, closed in sorted(quotes):
        single = text[mark] == "‘"
        q0, q1 = _strip(text, i0, i1)
        words = len(text[q0:q1].split())
        if q1 <= q0:
            continue
        if (
            closed
            and words <= 3
            and _NAME_END.search(text, max(0, mark - 30), mark)
            and _NAME_START.match(text, i1 + 1)
        ):
            continue  # 'Ray "Ace" Moss said:': a nickname inside a name
        if closed and _TITLE_BEFORE.search(text, max(p0, mark - 40), mark):
            continue  # 'write in their book, "Massachusetts Cranberry Culture"', 'a video
            # titled "Official statement"': a work's title, no one's words
        close = i1 + 1 if closed else i1
        sentence_end = next((e for s, e in sentences if s <= close - 1 < e), p1)
        after = _AFTER.match(text[close : max(sentence_end, close)]) if closed else None
        ended = text[i1 - 1 : i1]
        if closed and sentence_end <= close and (ended in _ASKED_OR_CUT or ended == "."):
            # '"... a parade…” Roth explains.', '"...?” Dechy said.': the splitter ended the
            # sentence with the quotation; the next one is its frame if it is no more than one
            # (not 'Karina Newton said the study ...', 'Milburn replied that ...', 'He
            # concludes: "...')
            next_end = next((e for s, e in sentences if s >= close), p1)
            after = _AFTER.match(text[close:next_end])
            rest = text[close + after.end() : next_end] if after else ""
            if ended == "." and after:
                # '"... locations." Dury told Space.com "With most ..."': after a full stop
                # the next sentence frames the quotation only where the frame stands bare,
                # with no stop of its own, up to the next quotation or the paragraph's end
                # (web news); else it is a sentence of its own ('"We won." Smith said later
                # that the team ...', '"..." Earlier, the minister said: "..."')
                head = _BEFORE_A_QUOTATION.match(rest).group()
                if (
                    not _LISTENER.fullmatch(head)  # not 'Jim Doe, of Leeds, said it was'
                    or after.group("s2") is None
                    or len(_MARK.findall(text, p0, p1)) % 2  # 'added: "A. "B ..."': marks
                ):  # left open, as BBC texts have them between a quotation's paragraphs
                    after = None
            elif len(rest.split()) > 6 or _OWN_REPORT.match(rest):
                after = None
        speaker = None
        if after:
            name = next(n for n in ("s1", "s2", "s3", "s4") if after.group(n) is not None)
            speaker = (close + after.start(name), close + after.end(name))
            apposed = _apposed_person(after.group(name), after.group("ap"))
            if name == "s2" and apposed:
                # '"...," the Wikimedia Foundation's VP for global advocacy, Rebecca
                # MacKinnon, says': the person the description is, as in a reported frame
                base = close + after.start("ap")
                speaker = (base + apposed[0], base + apposed[1])
            elif _PRONOUN_RE.fullmatch(after.group(name)) and text[:mark].rstrip().endswith(":"):
                # 'Osborne said: "...," he said.': the colon's frame names who "he" is
                named, _ = _frame_before(text, sentences, p0, mark)
                if named is not None and not _PRONOUN_RE.fullmatch(text, *named):
                    speaker = named
            elif name == "s3":
                # 'Smith called the plan a "disgrace", according to the FT': Smith's word,
                # which the FT reports
                named, fragment = _frame_before(text, sentences, p0, mark)
                if named is not None and not fragment:
                    speaker = named
        else:
            speaker, fragment = _frame_before(text, sentences, p0, mark)
            if fragment:
                continue  # a quoted fragment inside a reported clause: the indirect pass
        if speaker is None:
            gap_text = text[prev_end:mark] if prev_end >= 0 else None
            # The last quote before (the previous paragraph's reported speech, read after its
            # quotes, may follow it in `found`)
            last = max((f for f in found if f[2] == "direct"), key=lambda f: f[1], default=None)
            continuing = last is not None and (
                (gap_text is not None and (not gap_text.strip(' \n"”’,.') or (
                    len(gap_text) < 160 and _LAST_VERB.match(gap_text))))
                or (mark == p0 and last[1] >= p0 - 400)
            )  # fmt: skip
            if words <= 3 or single:
                continue
            interview = _interview_speaker(text, p0, mark, close, closed, found)
            if interview:
                found.append((q0, q1, "direct", *interview))
            elif not continuing:
                speaker = _reported_just_before(text, sentences, mark, p0, close, closed)
                if speaker is None:
                    continue
                found.append((q0, q1, "direct", *speaker))
            else:
                found.append((q0, q1, "direct", -1, -1))
        else:
            if single and words < 4:
                continue
            found.append((q0, q1, "direct", *speaker))
        spans.append((mark, close))
        prev_end = close
    return spans


def _frame_before(text: str, sentences, p0: int, mark: int) -> tuple[tuple[int, int] | None, bool]:
    """The speaker a frame before a quotation names ('X said: "'), and whether the quotation
    is instead a fragment inside a reported clause (left to the indirect pass)."""
    s0, _ = _sentence_of(sentences, mark)
    s0 = max(s0, p0)
    before = text[s0:mark]
    if before.rstrip().endswith((".", "!", "?")):
        # '"...," an official told reporters on a call. "That is ...': the quotation starts a
        # sentence of its own, which the splitter joined to the frame's
        return None, False
    verb = _LAST_VERB.match(before)
    if verb and any(c in before[verb.end() :] for c in '"“”'):
        verb = None
    gap = len(before[verb.end() :].split()) if verb else 0
    framed = before.rstrip().endswith(":")  # 'X told the Times: "', 'X said the club were sad: "'
    if verb and gap >= 2 and verb.group(1) not in _COMPLEMENT and not framed:
        return None, True
    if not verb:
        return None, False
    subjects = list(_SUBJECT_VERB.finditer(before, 0, verb.end()))
    subjects = [s for s in subjects if s.group("s") not in _STOP_CAPS]
    if subjects:  # "Scott Stanzel, a spokesman for the campaign said:" too
        sp0, sp1 = _speaker_span(before, subjects[-1])
        return (s0 + sp0, s0 + sp1), False
    if apposed := _APPOSED_FRAME.search(before):
        # 'Acme chief executive, John Doe, added: "..."'
        return (s0 + apposed.start("s"), s0 + apposed.end("s")), False
    if passive := list(_PASSIVE_FRAME.finditer(before)):
        # 'Dorn was quoted in the Gazette saying: "..."'
        return (s0 + passive[-1].start("s"), s0 + passive[-1].end("s")), False
    if and_said := _AND_SAID_COLON.match(before):
        # 'But Dunne is keen to move on and said: "..."'
        return (s0 + and_said.start("s"), s0 + and_said.end("s")), False
    return None, False


# 'Leiderman: "..."', 'Added Kooker: "..."': a name, maybe after an inverted verb, as a label,
# and what the person is after it
_LABEL = re.compile(
    rf"(?:(?:Added|Adds|Concluded|Continued|Explained|Noted|Said|Says|Wrote|Replied)[ ])?"
    # "Wayne Rooney, former Everton and England forward:" (a list of tributes)
    rf"(?P<s>{_NAME})(?:,[ ][^:“”\"\n]{{3,80}})?:[ ]*"
)


def _person_mention(text: str, sp0: int, sp1: int) -> bool:
    """Whether text[sp0:sp1] names a person: he or she, a full name, or a surname the
    article also gives after a first name (not "Rents:" over a paragraph, nor "Israel")."""
    mention = text[sp0:sp1]
    if any(len(w) > 2 and w.isupper() for w in mention.split(" ")):
        return False  # "RELATED ARTICLES Tech", "KING": a heading's words, no name
    if mention in ("he", "she", "He", "She") or _personal(mention):
        return True
    return (
        " " not in mention
        and mention not in _STOP_CAPS
        and re.search(rf"\b[A-Z][\w’'-]+[ ]{re.escape(mention)}\b", text) is not None
    )


def _answerer(text: str, found: list) -> tuple[int, int] | None:
    """The span naming who gave the last quotation found so far, if it names a person."""
    for _, _, kind, sp0, sp1 in sorted(found, reverse=True):
        if kind == "direct" and sp0 >= 0:
            return (sp0, sp1) if _person_mention(text, sp0, sp1) else None
    return None


def _interview_speaker(
    text: str, p0: int, mark: int, close: int, closed: bool, found: list
) -> tuple[int, int] | None:
    """Who gave a quotation with no frame of its own in an interview: the name it is labelled
    with ('Leiderman: "..."'), or, when it opens the paragraph after an interviewer's
    question, the person who gave the last quotation; None otherwise."""
    label = _LABEL.fullmatch(text, p0, mark)
    if label and _person_mention(text, *label.span("s")):
        return label.span("s")
    # not '"...," a veteran coach with experience on six teams said.' after a question
    if mark != p0 or (closed and _VERB_RE.search(_SENTENCE_REST.match(text, close).group())):
        return None
    answerer = _answerer(text, found)
    return answerer if answerer and _after_question(text, p0) else None


_SENTENCE_REST = re.compile(r"[^.\n]{0,120}")


def _after_question(text: str, p0: int) -> bool:
    """Whether the paragraph before the one at p0 is an interviewer's question: it ends with
    a question mark and quotes no one."""
    before = text[:p0].rstrip()
    question = before[before.rfind("\n") + 1 :]
    return question.endswith("?") and len(question) < 400 and not _MARK.search(question)


_NAME_END = re.compile(r"\b[A-Z][a-z]+[ ]$")  # 'Ray "Ace" Moss': the name around a nickname
_NAME_START = re.compile(r"[ ][A-Z][a-z]+\b")
_APPOSED_FRAME = re.compile(rf"[a-z],[ ](?P<s>{_NAME}),[ ]+(?:also[ ]+)?(?:{_VERBS})[ ]*:[ ]*$")
_OWN_FRAME = re.compile(r"\b(?:quot(?:es|ed|ing)|read|reads)\b")  # "..., the newspaper quotes"


_QUOTE_SHUT = re.compile(r"[.!?][\"”](?=[ ]+[A-Z])")


def _reported_just_before(
    text, sentences, mark: int, p0: int, close: int, closed: bool
) -> tuple[int, int] | None:
    """The speaker of a quotation with no frame of its own that opens a sentence right
    after a sentence of the same paragraph reporting what someone said ("As a result,
    Woodward stressed his Lions group might not be dominated by ... "Scotland's recent
    results have not been that impressive ..."": Woodward), the neighbour rule for a
    reported statement as for a quoted one; None otherwise."""
    here = next((k for k, (s0, s1) in enumerate(sentences) if s0 <= mark < s1), None)
    if not here or sentences[here][0] != mark:
        return None
    # Its own frame after it: '"...," Anais Faraj, an analyst at Nomura told', '"...?" Mr
    # Kashyap's lawyer Mihir Desai said' (an unclosed one, reopened next, has none)
    tail = _SENTENCE_REST.match(text, close).group() if closed else ""
    if text[max(0, close - 2)] == "." and re.match(r"[ ]+[A-Z]", tail):
        tail = ""  # '"They called me a dinosaur." He said that ...': a sentence of its own
    if _VERB_RE.search(tail) or _OWN_FRAME.search(tail):
        return None
    s0, s1 = sentences[here - 1]
    # Where a quotation last closed a sentence before it ('... any more." Ms Trew, who runs
    # a dance school, said ...'), BBC texts leaving the marks between its sentences open
    shut = max(
        (m.end() for m in _QUOTE_SHUT.finditer(text, p0, s0 + 2) if m.end() <= s0), default=p0
    )
    if s0 < p0 or len(_MARK.findall(text, s0, s1)) % 2 or len(_MARK.findall(text, shut, s0)) % 2:
        return None  # not a sentence inside a quotation that opened before it; one that
    # quotes a fragment is still a report ('Doe told the rally rivals would "say anything".')
    clause = _subject_clause(text[s0:s1], 0, s1 - s0)
    return (s0 + clause[2], s0 + clause[3]) if clause else None


def _indirect(text: str, s0: int, s1: int, found, outers: dict[int, tuple[int, int]]) -> None:
    """The reported statements of the sentence text[s0:s1], added to `found`; where one is
    an inner report ("Doe said Roe had complained ..."), the outer speaker's span goes into
    `outers` under the inner speaker's start."""
    sent = text[s0:s1]
    # Every frame below needs a verb of saying, "according to" or "quoted": most sentences
    # have none, and the subject patterns are costly to try at every position.
    if not (
        _VERB_RE.search(sent)
        or _FRAME_WORDS.search(sent)
        or _END_WORD.search(sent)
        or _SHOWED.match(sent)
        or _NOUN_REPORT.search(sent)
    ):
        return
    hits: list[tuple[int, int, int, int]] = []
    # "CLAUSE, X said." / "CLAUSE, said X." first: the outer speaker of the sentence
    for m in _INVERTED.finditer(sent):
        hits.append((0, m.start(), m.start("s"), m.end("s")))
    tail_verb = _TAIL_VERB.search(sent)
    if (
        not hits
        and tail_verb
        # not "However, X has said CLAUSE"; but "Before now, he said, CLAUSE"
        and (
            len(sent[: tail_verb.start()].split()) >= 3
            or _SECOND_SIDE.match(sent, tail_verb.end()) is not None
        )
        and _TAIL_EXTRA.match(sent[tail_verb.end() :])
        and not _THAT_NEXT.match(sent, tail_verb.end())  # "X, told the media that CLAUSE"
        # "Director of Public Prosecutions, Ken Macdonald QC, who sits on the SGC, said": a
        # title before the name, no clause (no word but a name's in lowercase)
        and (
            not tail_verb.group("ap")
            or len(sent[: tail_verb.start()].split()) < 3
            or _LOWER_WORD.search(sent, 0, tail_verb.start())
        )
        and not _ASKED_LEAD.match(sent)  # "Asked about the deal, Roe says CLAUSE": after it
        # "While her mission was personal, Scalera said his wife was focused on the future":
        # the clause after the frame is what he said, not the subordinate one before it
        and not (
            (_SUBORDINATE.match(sent) or sent.startswith("To "))  # "To make it work, McGraw
            and (  # confessed he made a promise"
                _FINITE_SOON.match(sent, tail_verb.end())
                or _PRONOUN_CLAUSE.match(sent, tail_verb.end())
            )
        )
        and tail_verb.group("s").split(" ")[0]
        not in {"which", "who", "and", "but", "as", "according"}
        and not _VERB_RE.search(tail_verb.group("s"))  # "Mantooth says Mars denied"
        # "..., Nintendo is confident it will": a stance verb opens a clause, ends none
        and (
            not _STANCE_RE.search(sent, tail_verb.start(), tail_verb.end())
            or _TAIL_END.match(sent, tail_verb.end())  # "..., he believes."
        )
        and (  # 'In 23 cases, customers reported sustaining burns': no report
            tail_verb.group("s")[:1].isupper()
            or _PRONOUN_RE.fullmatch(tail_verb.group("s"))
            or _TAIL_END.match(sent, tail_verb.end())
            # "Although there was no proof, the bank said, police are investigating": a
            # subordinate clause, then a definite speaker between commas
            or (
                _SUBORDINATE.match(sent)
                and tail_verb.group("s").startswith("the ")
                and _SECOND_SIDE.match(sent, tail_verb.end()) is not None
                and sent[tail_verb.end() : tail_verb.end() + 1] == ","
            )
        )
    ):
        # "..., her lawyer, Perry Wander, said.": the name set beside the role
        hits.append((0, tail_verb.start(), *_speaker_span(sent, tail_verb)))
    # "But earlier this year, Acme said it had sold ...", "In some locations, he said, CLAUSE":
    # an adverbial before the frame is no statement; the clause after it is
    fronted = bool(hits) and _FRONTED.match(sent, 0, hits[0][1]) is not None
    if hits:  # nested: "Russia announced that ..., Zhang said" -> the inner reporter
        inner = _subject_clause(sent, 0, hits[0][1])
        if inner and len(sent[: inner[2]].split()) <= 2:
            hits = [inner]
        else:  # "Unless firms were careful, he said, they could face ...": both sides
            starts = [m.end("s") for m in _INVERTED.finditer(sent) if m.start() == hits[0][1]]
            if not starts and tail_verb and tail_verb.start() == hits[0][1]:
                starts = [tail_verb.end()]
            side = _SECOND_SIDE.match(sent, starts[0]) if starts else None
            if side and (
                side.group("adding") or fronted or _FINITE_SOON.match(" " + sent[side.end() :])
            ):
                hits.append((side.end(), len(sent), hits[0][2], hits[0][3]))
        if fronted:
            hits = hits[1:]
    passive = None if hits else _PASSIVE_FRAME.search(sent)
    rest = sent[passive.end() :] if passive else ""
    that = _THAT_START.match(rest)
    if passive and (that or _BARE_CLAUSE.match(rest) or _FINITE_SOON.match(rest)):
        # "Dorn is alleged to have said that the vote was rigged"
        hits.append((passive.end() + (that.end() if that else 0), len(sent), *passive.span("s")))
    showed = None if hits else _SHOWED.match(sent)
    if (
        showed
        and not _VERB_RE.search(showed.group("s"))  # "Analysts say the figures show"
        and (showed.group("that") or _FINITE_SOON.match(sent, showed.end() - 1))
    ):
        hits.append((showed.end(), len(sent), *showed.span("s")))  # "The survey showed CLAUSE"
    and_said = None if hits else _AND_SAID.search(sent)
    if and_said and and_said.group("s") not in _STOP_CAPS:  # "X denied it and said CLAUSE"
        hits.append((and_said.end(), len(sent), and_said.start("s"), and_said.end("s")))
    comma_saying = None if hits else _COMMA_SAYING.match(sent)
    if (
        comma_saying
        and comma_saying.group(0).endswith("claiming ")
        and _CLAIMING_A_WIN.match(sent, comma_saying.end())
    ):
        comma_saying = None  # "crowned a great day by claiming victory in the women's race"
    elif (
        comma_saying
        and "telling" in comma_saying.group(0)
        and (verb := _VERB_RE.search(sent, comma_saying.end("s"), comma_saying.end()))
        and len(sent[verb.end() : comma_saying.end()].split(",")[0].split()) >= 3
    ):
        comma_saying = None  # "Zelensky suggested CLAUSE, telling AP that CLAUSE": the first
        # clause is a report of its own, read below (not "X has denied this, telling")
    if (
        comma_saying
        and " saying " in comma_saying.group(0)
        and ", saying" not in comma_saying.group(0)
        and _WHAT_SAYS.search(comma_saying.group(0))
    ):
        comma_saying = None  # "got a message saying they", "despite his allies saying"
    if comma_saying and comma_saying.group("s") not in _STOP_CAPS:
        # "The firm closed the book on Friday, saying CLAUSE"; "The comments come after Tony
        # Blair defended his plans, warning that CLAUSE": the nearer clause's subject
        nearer = list(_AFTER_NAME.finditer(sent, comma_saying.end("s"), comma_saying.end()))
        span = nearer[-1].span("s") if nearer else comma_saying.span("s")
        titled = None if nearer else _ROLE_THEN_NAME.match(sent, span[1])
        if titled and _personal(titled.group("n")):
            span = titled.span("n")  # "Home Office minister Hazel Blears defended the move"
        elif (
            not nearer
            and sent.startswith(("The ", "the "), span[0])
            and not _HAS_POSSESSIVE.search(sent, span[0], span[1])  # "The firm's shares"
        ):
            plural = _PLURAL_HEAD.match(sent, span[1])  # "The tobacco companies denied the
            span = (span[0], plural.end()) if plural else span  # charges, saying CLAUSE"
        hits.append((comma_saying.end(), len(sent), *span))
    with_saying = None if hits else _WITH_SAYING.search(sent)
    if with_saying:  # "..., with analysts saying the deficit could ..."
        before = sent[: with_saying.start()].rstrip()
        first = _subject_clause(sent, 0, len(before) - 1) if before.endswith(",") else None
        if first and len(sent[first[0] : len(before) - 1].split()) >= 3:
            # "The minister said the plan would work, with analysts saying CLAUSE": the
            # minister's report too, up to the comma
            hits.append((first[0], len(before) - 1, first[2], first[3]))
        hits.append((with_saying.end(), len(sent), with_saying.start("s"), with_saying.end("s")))
    quoted = None if hits else _QUOTED_AS.search(sent)
    if quoted:
        hits.append((quoted.end(), len(sent), quoted.start("s"), quoted.end("s")))
    lead = _ACCORDING_LEAD.match(sent)
    if not hits:
        subject = _subject_clause(sent, lead.end() if lead else 0, len(sent))
        inner = _subject_clause(sent, subject[0], subject[1]) if subject else None
        if (
            inner
            and subject[0] <= inner[2]  # a subject inside the clause, opening it
            and not sent[subject[0] : inner[2]].strip()  # not "said that when Mr Johnson"
            and sent[inner[2]].isupper()
            and not _PRONOUN_RE.fullmatch(sent, inner[2], inner[3])  # "X said he believed"
            and not _POSSESSIVE.search(sent, 0, inner[3])  # "Mr Houston's reported views"
            and not _NOUN_VERB.match(sent, inner[3])  # "Asian states must let"
        ):
            outers[s0 + inner[2]] = (s0 + subject[2], s0 + subject[3])
            subject = inner  # "Doe said Roe had complained he had inherited a mess": Roe's
        if subject:
            second = _SECOND_REPORT.search(sent, subject[0], subject[1])
            if second and len(sent[subject[0] : second.start()].split()) >= 3:
                hits.append((subject[0], second.start(), subject[2], subject[3]))
                subject = _subject_clause(sent, second.start() + 1, subject[1]) or subject
            hits.append(subject)
    if not hits and lead:
        hits.append((lead.end(), len(sent), *_according_speaker(sent, lead)))
    for_lead = None if hits else _FOR_LEAD.match(sent)
    if for_lead and (sent[0] == "F" or sent[for_lead.start("p")].isupper()):
        # "For Jupiter analyst Olivier Beauvillain, CLAUSE": a person's view; mid-story
        # "But for Allen Weiner, ..." (not "But for the value the Mac Mini offers, ...")
        names = [n for n in _NAME_RE.finditer(sent, *for_lead.span("p")) if _personal(n.group())]
        if names:
            hits.append((for_lead.end(), len(sent), names[-1].start(), names[-1].end()))
    view = None if hits else _VIEW_LEAD.match(sent)
    if view:  # "In Kyncl’s view, there is still a slowdown": whose view it is
        hits.append((view.end(), len(sent), *view.span("p")))
    noun_report = None if hits else _NOUN_REPORT.search(sent)
    if noun_report:  # "after an announcement by Acme that profits would double"
        hits.append((noun_report.end(), len(sent), *noun_report.span("s")))
    if not hits:
        tail = _ACCORDING_TAIL.search(sent)
        if tail and tail.start() > 0:
            hits.append((0, tail.start(), *_according_speaker(sent, tail)))
            first = sent[: tail.start()]
            if (
                tail.group()[:1] == ","
                and tail.group().endswith(",")
                and len(sent[tail.end() :].split()) >= 3
                and (len(first.split()) < 3 or _FRONTED.match(first))
            ):
                # "The problem, according to Mr Lane, is ...", "By 2008, according to
                # Gartner, sales will ...": the clause goes on after the frame (QUOTES.md);
                # not after a whole clause ("Prices fell, according to X, their biggest fall")
                hits.append((tail.end(), len(sent), *_according_speaker(sent, tail)))
    if not hits:
        inverted = _END_INVERTED.search(sent)
        if inverted and _AUXILIARY.search(inverted.group("s")):
            inverted = None  # "..., says the American has a problem": a clause, no speaker
        end = inverted or _END_SUBJECT.search(sent)
        if (
            end
            and len(sent[: end.start()].split()) >= 4
            # a verb of saying may end an inverted speaker only as a noun ("two reports")
            and not _VERB_RE.search(end.group("s"), 0, end.end("s") - end.start("s") - 1)
            and not _MARK.search(sent[: end.start()])  # a quote's frame: _direct's
        ):
            hits.append((0, end.start(), *end.span("s")))
    for c0, c1, sp0, sp1 in hits:
        # "Greg Mills said its figures suggested that CLAUSE", "They claim government figures
        # show that CLAUSE": the finding is the innermost report (gold rule 6), its speaker
        # the figures, not who cites them
        inner = _INNER_FINDING.match(sent, c0) or next(
            (m for m in _INNER_FINDING.finditer(sent, max(sp1, 0)) if m.end() == c0), None
        )
        if inner:
            if sp0 >= 0:  # who cites them is still who "they" are next
                outers[s0 + inner.start("s")] = (s0 + sp0, s0 + sp1)
            c0, sp0, sp1 = max(c0, inner.end()), *inner.span("s")
        clause = text[s0 + c0 : s0 + c1]
        unmatched = clause.count('"') % 2 or clause.count("“") != clause.count("”")
        a, b = _strip(text, s0 + c0, s0 + c1, marks=bool(unmatched))
        if sp0 >= 0 and len(text[a:b].split()) >= 3:
            found.append((a, b, "indirect", s0 + sp0, s0 + sp1))


# Verbs whose bare complement is a clause ("said relations were ..."), never a noun object
_CLAUSE_VERBS = {
    "said", "says", "say", "added", "adds", "believes", "believed", "insisted", "insists",
    "argued", "argues", "explained", "explains", "wrote", "writes", "stated", "states",
    "asserted", "asserts", "declared", "declares", "replied", "maintained", "conceded",
    "thinks", "thought", "fears", "feared", "fear", "hopes", "hoped", "is confident",
    "are confident", "was confident", "were confident", "is convinced", "are convinced",
    "was convinced", "were convinced", "is saying", "are saying", "was saying", "were saying",
    "is claiming", "are claiming", "was claiming", "were claiming", "is also saying",
    "is also claiming", "are also saying", "are also claiming", "speculated", "speculates",
}  # fmt: skip
# Stance verbs with an infinitive: "Parmalat hopes to be back", "TCI claims to represent"
_INFINITIVE_VERBS = {"hopes", "hoped", "expects", "claims", "claimed"}
# "reported losses had deepened": a noun followed by a finite verb opens a clause
_FINITE_SOON = re.compile(rf"[ ]+[a-z][\w’'-]*(?:[ ][\w’'-]+){{0,3}}?[ ](?:{_AUX})\b")
_LOWER_CLAUSE = re.compile(
    r"[ ]+(?!(?:about|of|to|in|on|at|for|with|by|from|so|nothing|something|anything|little|"
    r"much|yes|no|goodbye|sorry|thanks)\b)[a-z]"
)
_RELATIVE_BEFORE = re.compile(r"\b(?:[Ww]hat|[Ww]hich|as|than)[ ]+$")
# Verbs whose bare complement is as often an object ("announced a plan", "confirmed the
# deal") as a clause, and what opens such an object: a clause after them needs a verb soon
_OBJECT_VERBS = {
    "announced", "announces", "revealed", "confirmed", "confirms", "reported", "added", "adds",
    "suggested", "suggests", "maintained", "maintains",
}  # fmt: skip
_DETERMINERS = (
    "the|a|an|this|these|those|its|their|his|her|our|some|many|all|no|more|most|one|two|both"
)
_DETERMINER_NEXT = re.compile(rf"[ ]+(?:{_DETERMINERS}|another|each|every|several)\b")
_BARE_CLAUSE = re.compile(rf"[ ]+(?:[A-Z“\"]|(?:he|she|it|they|we|i|you|there|{_DETERMINERS})\b)")


_THAT_NEXT = re.compile(r"[^,]{0,60}?\bthat[ ]")
# An interviewer's question before the frame: what is reported follows the verb
_ASKED_LEAD = re.compile(
    r"(?:(?:But|And|When|Once)[ ]+)?[Aa]sked[ ](?:about|if|whether|why|how|what)\b"
)
# When and how a thing was said, between the verb and a bare clause: "said on Wednesday night
# CLAUSE", "said in a statement CLAUSE"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WHEN = re.compile(
    r"[ ](?:on[ ][A-Z][a-z]+(?:[ ](?:night|morning|evening|afternoon))?|"
    r"(?:last|this|next)[ ](?:week|month|year|night|[A-Z][a-z]+)|"
    r"earlier[ ]this[ ](?:week|month|year)|"
    r"yesterday|today|"
    # US style: "said Wednesday", "said in an email Wednesday", "said in a statement"
    rf"{_WEEKDAY}(?=[ ](?:it|he|she|they|we|the|a|an|that)\b)|"
    rf"in[ ]an?[ ](?:statement|email|e-mail|interview)(?:[ ](?:on[ ])?{_WEEKDAY})?)"
    r"(?=[ ])"
)
_ASIDE = re.compile(
    r"^,[ ]+(?:however|though|nevertheless|meanwhile|also|too|again|now|then|moreover|"
    r"furthermore|in fact|instead)[ ]*,"
)
# ", he said, CLAUSE" / ", BMW said, adding that CLAUSE": the words after an inner frame
_LOWER_WORD = re.compile(rf"\b(?!(?:{_PARTICLE}|and|the)\b)[a-z]")  # a word not of a name
_PRONOUN_CLAUSE = re.compile(r"[ ]+(?:he|she|it|they|we|I)[ ][a-z]")
_SECOND_SIDE = re.compile(
    r"[ ]*,[ ]+(?P<adding>(?:adding|saying|insisting|warning|arguing|noting)[ ]+(?:that[ ]+)?)?"
)

# ", the Chinese foreign minister said Friday that": a second report in the same sentence
_SECOND_REPORT = re.compile(
    rf",[ ]+(?:but[ ]+|and[ ]+|while[ ]+)?{_SUBJ}[ ]+(?:{_VERBS})\b[^,]{{0,40}}?\bthat[ ]"
)


def _subject_clause(sent: str, start: int, end: int) -> tuple[int, int, int, int] | None:
    """The first 'X said (that) CLAUSE' of sent[start:end]: (clause, speaker) offsets. Without
    'that', a verb that also takes a noun object needs a clause-like opening (a pronoun, name
    or determiner): 'X claimed neutrality' reports nothing."""
    pos = start
    while m := _SUBJECT_VERB.search(sent, pos, end):
        pos = m.start() + 1  # not past it: "However, Dick Pound, the chairman ..., has said"
        if (m.group("s") in _STOP_CAPS and m.group("s") != "It") or _RELATIVE_BEFORE.search(
            sent, 0, m.start()
        ):
            continue  # "what it said about its owner" reports nothing
        finder = m.group("v") in _FINDINGS and _FINDER.search(m.group("s")) is not None
        rest = sent[m.end() : end]
        aside = _ASIDE.match(rest)  # "admitted, however, that"
        if aside:
            rest = " " + rest[aside.end() :]
        shift = m.end() + (aside.end() - 1 if aside else 0)
        when = None if aside else _WHEN.match(rest)  # "said on Wednesday night CLAUSE"
        if when:
            rest = rest[when.end() :]
            shift = m.end() + when.end()
        that = _THAT.search(rest, 0, 80)
        # 'told reporters that'; a recipient and a time may run longer ('told Marca back in
        # June of 2022 that', 'told the Generation Do It Yourself podcast that')
        reach = 8 if m.group("v") in ("told", "tells") else 5
        if that and "," not in rest[: that.start()] and len(rest[: that.start()].split()) <= reach:
            c0 = shift + that.end()  # 'told reporters that', not '... him that she knows'
        elif aside:
            continue
        elif m.group("v") in ("told", "tells") and (told := _TOLD_BARE.match(rest)):
            c0 = shift + told.start("c")  # 'told Sky News there was ...'
        elif finder and _FINITE_SOON.match(rest):
            c0 = shift + 1  # "The Kell survey found spending was flat"
        elif (m.group("v") in _INFINITIVE_VERBS and rest.startswith(" to ")) or (
            m.group("v") not in _THAT_ONLY
            and not _THEIR_NOUN.match(rest)  # "The firms announced their plans on Monday"
            # "the Bank announced a plan to sell": an object, unless a verb follows
            and not (
                m.group("v") in _OBJECT_VERBS
                and _DETERMINER_NEXT.match(rest)
                and not _FINITE_SOON.match(rest)
            )
            and (
                _BARE_CLAUSE.match(rest)
                or _FINITE_SOON.match(rest)
                or (m.group("v") in _CLAUSE_VERBS and _LOWER_CLAUSE.match(rest))
            )
        ):
            c0 = shift + 1
        else:
            continue
        c1 = end
        tail = _ACCORDING_TAIL.search(sent, c0, end)
        if tail:
            c1 = tail.start()
        if len(sent[c0:c1].split()) >= 3:
            return c0, c1, *_speaker_span(sent, m)
    return None


# ", Roberto Lavagna," after a title or a description ("the work's author, US playwright Eve
# Ensler, says"); "Ann Simpson, marketing manager at " before a name
_APPOSED_NAME = re.compile(
    rf",[ ](?:(?:{_NAME}[ ])?(?:{_DESCRIBING}[a-z][\w-]*[ ]){{1,3}})?({_NAME}),$"
)
_APPOSED_NAME_WHO = re.compile(rf",[ ]({_NAME}),[ ]who[ ][^,]+,$")
_TITLE_OF = re.compile(
    r"(?:[Tt]he[ ])?(?:[A-Z][\w-]+[ ])?(?:Director|Secretary|Minister|Chairman|Chairwoman|"
    r"President|Chief|Head|Governor|Commissioner|Chancellor|Leader|Editor|Mayor)"
    r"(?:[ ]General)?[ ]of[ ]"
)
# (not "His assistant, Alice Doe,": the resolver names her and whose assistant she is)
_DESCRIPTION = re.compile(r"(?:[Tt]he|[Ii]ts|[Tt]heir)[ ]")
# ... or by whose it is: "Google's official search liaison"
_OWNED_DESCRIPTION = re.compile(rf"{_NAME}[’']s(?:[ ][a-z][\w-]*){{1,4}}")
_OPEN_APPOSITION = re.compile(rf"({_NAME}),[ ]+(?:[a-z][\w-]*[ ]){{1,4}}(?:at|of|for)[ ]+$")


_CALENDAR = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
}  # fmt: skip


def _apposed_person(subject: str, apposition: str | None) -> tuple[int, int] | None:
    """Where in `apposition` (", Roberto Lavagna,") the person a described `subject`
    ("Argentine Economic Minister", "the Wikimedia Foundation's VP") is named, if it names
    one."""
    if not apposition or not (
        _ROLE_END.search(subject)
        or _DESCRIPTION.match(subject)
        or _OWNED_DESCRIPTION.fullmatch(subject)
        or _TITLE_OF.match(subject)  # "Director of Public Prosecutions, Ken Macdonald QC,"
    ):
        return None
    # (", Ken Macdonald QC, who sits on the SGC,": the name before what is said of him)
    named = _APPOSED_NAME.fullmatch(apposition) or _APPOSED_NAME_WHO.fullmatch(apposition)
    return named.span(1) if named and _personal(named.group(1)) else None


def _speaker_span(sent: str, m: re.Match) -> tuple[int, int]:
    """The subject of a frame, or the person it stands for: 'Argentine Economic Minister,
    Roberto Lavagna, told' -> the name in the apposition; 'Ann Simpson, marketing manager at
    Snappy Snaps believes' (an apposition left open) -> the name before it."""
    apposed = _apposed_person(m.group("s"), m.group("ap"))
    if apposed:
        return m.start("ap") + apposed[0], m.start("ap") + apposed[1]
    if m.group("s").split(" ")[-1] in _CALENDAR and m.group(
        "ap"
    ):  # "On Wednesday, Jacques Barrot, vice
        named = _NAME_RE.match(m.group("ap"), 2)  # president of ..., said"
        if named and _personal(named.group()):
            return m.start("ap") + named.start(), m.start("ap") + named.end()
    opened = _OPEN_APPOSITION.search(sent, 0, m.start("s"))
    if opened and _personal(opened.group(1)):
        return opened.start(1), opened.end(1)
    if (
        m.group("ap")
        # the phrase the sentence opens with ends at the apposition's comma
        and _LEADING_PREPOSITION.match(sent)
        and "," not in sent[: m.start("ap")]
        # not "After the ruling Carla Ferstman, legal director of ..., said": her
        and not any(_personal(n.group()) for n in _NAME_RE.finditer(m.group("s")))
    ):
        # "In their November report, MPs from the committee ..., responsible for housing,
        # said", "At an event held for press prior to the device's launch, Greg Coomer, a
        # product designer at Valve, called": the phrase the sentence opens with is no
        # subject; what follows its comma is, or the person it describes ("In a post on X,
        # Google's official search liaison, Danny Sullivan, said")
        first = m.group("ap")[1:].split(",")[0]
        start = m.start("ap") + 1 + len(first) - len(first.lstrip())
        end = m.start("ap") + 1 + len(first.rstrip())
        if first.strip()[:1].isupper():
            apposed = _apposed_person(first.strip(), m.group("ap")[1 + len(first) :])
            if apposed:
                at = m.start("ap") + 1 + len(first)
                return at + apposed[0], at + apposed[1]
            return start, end
    return m.start("s"), m.end("s")


_OWNED_ROLE = re.compile(rf"[ ]((?:[a-z][\w-]*[ ]){{0,2}}?(?:{_ROLE_NOUN}))\b(?![ ]?[a-z])")
_THE_ORG_HEAD = re.compile(r"[Tt]he(?:[ ][a-z][\w-]*){1,3}")
_LEADING_PREPOSITION = re.compile(
    r"[\W]*(?:In|At|On|During|After|Before|Following|Despite|Under|Since)[ ]"
)


def _according_speaker(sent: str, m: re.Match) -> tuple[int, int]:
    """The name in 'according to <phrase>': a web address in it, else its last capitalised
    name, else the phrase."""
    names = [n for n in _NAME_RE.finditer(sent, m.start("p"), m.end("p"))]
    names = [n for n in names if n.group() not in _STOP_CAPS]
    site = _WEB_ADDRESS.search(sent, m.start("p"), m.end("p"))
    if site and not any(_personal(n.group().split(" of ")[0]) for n in names):
        # "according to spaceweather.com", "according to Space.com"; not "according to Paul
        # Hoynes of Cleveland.com"
        return site.span()
    joined = len(names) > 1 and sent[names[-2].end() : names[-1].start()] == " and "
    if joined and " of " in names[-2].group():
        # "the Office of Policy Development and Research": one body, not "Research"
        return names[-2].start(), names[-1].end()
    if names:
        return names[-1].start(), names[-1].end()
    # "according to ad tracking firm iSpot", "eBay": a name that opens in lowercase, last
    brand = _BRAND.search(sent, m.start("p"), m.end("p"))
    if brand:
        return brand.span()
    return m.start("p"), m.end("p")


_BRAND = re.compile(r"(?<![\w’'-])[a-z]{1,2}[A-Z][\w-]*$")
