"""qa.quotes: reported statements and their speakers, on bundled articles and crafted text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qa.load import load_documents
from qa.quotes import Statement, find_statements

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


def _article(name: str) -> str:
    [doc] = list(load_documents([ARTICLES / name], []))
    return doc.text


def _one(statements: list[Statement], starts: str) -> Statement:
    hits = [s for s in statements if s.text.startswith(starts)]
    assert len(hits) == 1, [s.text[:60] for s in statements]
    return hits[0]


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.name)
def test_offsets_are_exact(path: Path) -> None:
    text = _article(path.name)
    statements = find_statements(text)
    assert statements
    for s in statements:
        assert text[s.char_start : s.char_end] == s.text
        assert s.speaker_end > s.speaker_start
        assert s.kind in {"direct", "indirect"}
        assert s.text == s.text.strip() and not s.text.endswith((",", "."))


def test_direct_said_after_resolves_short_name_and_role() -> None:
    statements = find_statements(_article("004_d4f96920548e75e4.txt"))
    s = _one(statements, "The Chinese military is willing to work together")
    assert (s.kind, s.speaker, s.role) == ("direct", "Tan Kefei", "defence ministry spokesman")
    assert s.text.endswith("strategic communication and coordination")  # no comma, no mark


def test_direct_verb_before_speaker() -> None:
    text = 'The strike will go on. "We will not back down this time," said Maria Lopez.'
    [s] = find_statements(text)
    assert (s.kind, s.speaker, s.text) == (
        "direct",
        "Maria Lopez",
        "We will not back down this time",
    )
    assert text[s.speaker_start : s.speaker_end] == "Maria Lopez"


def test_direct_colon_form() -> None:
    text = 'John Smith said: "The budget is balanced and we are proud of it."'
    [s] = find_statements(text)
    assert (s.kind, s.speaker, s.text) == (
        "direct",
        "John Smith",
        "The budget is balanced and we are proud of it",
    )


def test_quote_after_clause_with_saying() -> None:
    statements = find_statements(_article("004_d4f96920548e75e4.txt"))
    s = _one(statements, "I want to speak with him.")
    assert (s.kind, s.speaker) == ("direct", "Volodymyr Zelensky")
    assert s.text.endswith("I didn’t have [any]")  # one pair of marks over three sentences
    reported = _one(statements, "he wanted Xi to visit Ukraine")
    assert (reported.kind, reported.text) == ("indirect", "he wanted Xi to visit Ukraine")


def test_indirect_bare_said() -> None:
    statements = find_statements(_article("004_d4f96920548e75e4.txt"))
    s = _one(statements, "China and Russia’s relationship was not like the alliances")
    assert (s.kind, s.speaker) == ("indirect", "Tan Kefei")
    assert s.text.endswith("did not target third parties")


def test_indirect_said_that() -> None:
    [s] = find_statements("Anna Berg said that the plan would cut costs by half.")
    assert (s.kind, s.speaker, s.text) == (
        "indirect",
        "Anna Berg",
        "the plan would cut costs by half",
    )


def test_indirect_according_to() -> None:
    [s] = find_statements("According to Peter Novak, the factory will close in May.")
    assert (s.kind, s.speaker, s.text) == (
        "indirect",
        "Peter Novak",
        "the factory will close in May",
    )
    statements = find_statements(_article("004_d4f96920548e75e4.txt"))
    s = _one(statements, "Since Russia invaded its neighbour")
    assert (s.speaker, s.role) == ("Jens Stoltenberg", "Nato secretary general")
    assert s.text.endswith("€65 billion in military support")


def test_clause_then_speaker_with_appositive_role() -> None:
    statements = find_statements(_article("001_b734b12dec5ae5c6.txt"))
    s = _one(statements, "China and Russia are both facing suppression attempts")
    assert (s.kind, s.speaker) == ("indirect", "Song Zhongping")
    assert s.role == "Chinese military expert and TV commentator"
    assert s.text.endswith("threats to its hegemony")


def test_title_before_name_is_the_role() -> None:
    statements = find_statements(_article("003_02b17f315b2febbf.txt"))
    s = _one(statements, "Sino-Russian military relations")
    assert (s.kind, s.speaker, s.role) == ("direct", "Tan Kefei", "Defense Ministry spokesperson")
    statements = find_statements(_article("004_d4f96920548e75e4.txt"))
    s = _one(statements, "Putin had received no guarantees")
    assert (s.speaker, s.role) == ("Volodymyr Zelensky", "Ukrainian President")


def test_pronoun_takes_the_last_named_speaker() -> None:
    text = (
        "Maria Lopez said the talks had failed after a week. Mr Tom Ruiz was not present. "
        "She said the union would strike next week."
    )
    first, second = find_statements(text)
    assert second.text == "the union would strike next week"
    assert (second.speaker, text[second.speaker_start : second.speaker_end]) == (
        "Maria Lopez",
        "She",
    )


def test_pronoun_takes_a_person_who_opens_a_sentence_since_the_last_speaker() -> None:
    """Centering: 'he' after a sentence whose subject is a new person is that person, not
    the last one who spoke (sport/232 of BBC: Moxey, not Hoddle); not when the last speaker
    is named in that sentence or the person there is of the other sex."""
    text = (
        '"I am delighted to be here," said Glenn Hoddle. Wolves chief executive Jez Moxey '
        'defended the decision to give Hoddle a short-term contract. "We hope it will work '
        'out for both parties," he said. On Tuesday, club chairman Rick Hayward met Mrs Ann '
        'Baker. "It is a fair deal," he said.'
    )
    hoddle, moxey, hayward = find_statements(text)
    assert hoddle.speaker == "Glenn Hoddle"
    assert (moxey.speaker, moxey.role) == ("Jez Moxey", "Wolves chief executive")
    assert hayward.speaker == "Rick Hayward"
    text = (
        "Mr Tom Ruiz said the firm would appeal. Cambridge-based Ubisense has 40 customers, "
        "said Ms Ann Lee, a director. She said that the market was growing fast."
    )
    assert [s.speaker for s in find_statements(text)] == ["Tom Ruiz", "Ann Lee", "Ann Lee"]
    text = (  # a sentence opened by a title: no new person (held-out 3, business/501)
        "Planning Minister Julio De Vido said the state would not pay. Aguas Argentinas has "
        "rejected any change. The Planning Minister did not rule out cancelling the "
        "concession. Yet he added that he did not like to do futurology."
    )
    assert [s.speaker for s in find_statements(text)] == ["Julio De Vido"] * 2


def test_role_and_organisation_mentions_resolve() -> None:
    text = (
        "Tom Ruiz, a spokesman for the council, said the road would reopen on Friday. "
        "The Ministry of Transport issued a statement on Monday. "
        "The spokesman said repairs would cost two million pounds. "
        "The ministry said the bridge was safe for lorries."
    )
    statements = find_statements(text)
    assert _one(statements, "repairs").speaker == "Tom Ruiz"
    assert _one(statements, "repairs").role == "spokesman for the council"
    assert _one(statements, "the bridge").speaker == "Ministry of Transport"


def test_scare_quotes_are_not_statements() -> None:
    assert find_statements('The so-called "peace plan" was discussed at length in Geneva.') == []
    # even right after a statement, a short quoted phrase does not continue it
    text = '"We lost the final today," Ann Lee said. Her so-called "game plan" had failed.'
    assert [s.text for s in find_statements(text)] == ["We lost the final today"]
    statements = find_statements(_article("003_02b17f315b2febbf.txt"))
    assert not [s for s in statements if s.text == "no limits"]
    statements = find_statements(_article("000_c66550dc802b1081.txt"))
    assert not [s for s in statements if s.text == "not forming alliances"]


def test_quoted_fragment_inside_a_reported_clause_is_one_indirect_statement() -> None:
    text = 'Rover told BBC News that reports of job cuts were "pure speculation at this stage".'
    [s] = find_statements(text)
    assert (s.kind, s.speaker) == ("indirect", "Rover")
    assert s.text == 'reports of job cuts were "pure speculation at this stage"'


def test_unattributed_quote_continues_the_previous_speaker() -> None:
    text = (
        'Coach Ann Lee was upbeat. "We lost the final today," she said. '
        '"The aim is to win it next year."\n\n'
        'Mr Fox said: "We will campaign in every seat. "That pattern will continue."'
    )
    statements = find_statements(text)
    assert [(s.text, s.speaker) for s in statements] == [
        ("We lost the final today", "Ann Lee"),
        ("The aim is to win it next year", "Ann Lee"),
        ("We will campaign in every seat", "Fox"),
        ("That pattern will continue", "Fox"),
    ]
    # A quote far from any statement is not attributed to anyone
    assert find_statements('The sign read "Keep out of this field at all times".') == []


# --- general reporting rules (each fails without its rule) ---


def _speakers(text: str) -> list[str]:
    """The speakers of the statements found in `text`, in order."""
    return [s.speaker for s in find_statements(text)]


def _texts(text: str) -> list[tuple[str, str, str]]:
    return [(s.kind, s.speaker, s.text) for s in find_statements(text)]


def test_wider_verbs_agreed_and_repeated_view_that() -> None:
    text = "Union leader Tony Woodley repeated his view on Friday that all mergers led to job cuts."
    assert _texts(text) == [("indirect", "Tony Woodley", "all mergers led to job cuts")]


def test_coordinated_subject_is_one_joint_speaker() -> None:
    text = (
        "Defense Minister Li Shangfu met Russian Defense Minister Sergei Shoigu. "
        "Li and Shoigu agreed in the meeting that the two armies would hold more drills."
    )
    [s] = find_statements(text)
    assert (s.speaker, s.text) == (
        "Li Shangfu and Sergei Shoigu",
        "the two armies would hold more drills",
    )
    assert text[s.speaker_start : s.speaker_end] == "Li and Shoigu"


def test_nested_report_goes_to_inner_speaker() -> None:
    text = "Russia previously announced that it is helping China build a radar system, Zhang said."
    [s] = find_statements(text)
    assert (s.speaker, s.text) == ("Russia", "it is helping China build a radar system")


def test_company_description_resolves_to_named_company() -> None:
    text = (
        "Acme Mining Plc said output fell sharply on Thursday. It owns six pits. "
        "The Yorkshire company said it hoped to return to profit in 2006."
    )
    assert [(s.speaker, s.text) for s in find_statements(text)][-1] == (
        "Acme Mining Plc",
        "it hoped to return to profit in 2006",
    )


def test_company_description_without_a_named_speaker_is_left_as_written() -> None:
    """Guessing the most mentioned name made "the central bank" the IMF on unseen articles."""
    text = (
        "The IMF warned on Monday. The IMF has long urged reform. "
        "The central bank said rates would stay on hold."
    )
    speakers = [s.speaker for s in find_statements(text)]
    assert "IMF" not in speakers[-1:] and speakers[-1].lower().endswith("central bank")


def test_headline_line_is_skipped() -> None:
    text = "China says it is open to more cooperation with Russia\n\nThe talks went on all day."
    assert find_statements(text) == []


def test_it_refers_to_last_speaking_organisation() -> None:
    text = (
        "Microsoft said it would replace the cables. "
        'In a statement, it added: "Any damage was contained within the console itself."'
    )
    assert _texts(text) == [
        ("indirect", "Microsoft", "it would replace the cables"),
        ("direct", "Microsoft", "Any damage was contained within the console itself"),
    ]


def test_colon_frame_with_object_and_described_name() -> None:
    text = 'Her coach Aston Moore told the Times: "We are not looking at any return before 2006."'
    [s] = find_statements(text)
    assert (s.kind, s.speaker, s.text) == (
        "direct",
        "Aston Moore",
        "We are not looking at any return before 2006",
    )
    assert text[s.speaker_start : s.speaker_end] == "Aston Moore"


def test_quote_after_long_frame_continues_speaker() -> None:
    text = (
        '"This is a step we are choosing to take," said Robbie Bach, senior vice president, '
        'Microsoft home and entertainment division. "We regret the inconvenience to everyone."'
    )
    assert [(s.speaker, s.text) for s in find_statements(text)] == [
        ("Robbie Bach", "This is a step we are choosing to take"),
        ("Robbie Bach", "We regret the inconvenience to everyone"),
    ]


def test_adding_that_after_quote() -> None:
    text = (
        '"We want him to be as accessible as possible," Mr Fox said, adding that the party '
        "was not afraid of scrutiny."
    )
    assert _texts(text)[-1] == ("indirect", "Fox", "the party was not afraid of scrutiny")


def test_and_said_after_quoted_complement() -> None:
    text = "Putin called the visit “very productive,” and said relations were developing well."
    assert _texts(text)[-1] == ("indirect", "Putin", "relations were developing well")


def test_noun_object_is_not_a_report_but_later_that_clause_is() -> None:
    text = (
        "China has claimed neutrality in the conflict, but European leaders have expressed hope "
        "that Xi could push for peace."
    )
    assert _texts(text) == [("indirect", "European leaders", "Xi could push for peace")]


def test_two_reports_in_one_sentence() -> None:
    text = (
        "While Moscow and Beijing have said they would stage more joint patrols, the Chinese "
        "foreign minister said Friday that China would not send weapons."
    )
    assert [(s.speaker, s.text) for s in find_statements(text)] == [
        ("Moscow and Beijing", "they would stage more joint patrols"),
        ("the Chinese foreign minister", "China would not send weapons"),
    ]


def test_that_far_from_verb_is_not_the_complementiser() -> None:
    text = (
        "During an interview she said she often criticised her husband for hiding the side "
        "that she knows."
    )
    assert _texts(text) == [
        (
            "indirect",
            "she",
            "she often criticised her husband for hiding the side that she knows",
        )
    ]


def test_lowercase_tail_subject_needs_a_bare_frame() -> None:
    text = "In 23 cases, customers reported smoke damage to their carpets."
    assert find_statements(text) == []
    text = "Hansen has ruled out a comeback this year, according to reports."
    [s] = find_statements(text)
    assert s.speaker == "reports"


def test_inverted_frame_with_a_title_before_the_name() -> None:
    text = (
        'Taylor returns. "Simon is one of our truly world class players," said team-mate Chris '
        'Paterson. "Shareholders have a significant interest in this," said SEC deputy '
        "enforcement director Linda Thomsen."
    )
    first, second = find_statements(text)
    assert (first.speaker, first.kind) == ("Chris Paterson", "direct")
    assert second.speaker == "Linda Thomsen"
    assert text[second.speaker_start : second.speaker_end] == "Linda Thomsen"


def test_inverted_frame_with_one_of_a_kind() -> None:
    """'said one London-based broker' is the broker, not a name 'one London-based'; the
    speaker is written without the 'one', as the gold sets write anonymous speakers."""
    text = '"It will make little difference," said one London-based broker. Shares rose.'
    [s] = find_statements(text)
    assert s.speaker == "London-based broker"
    assert text[s.speaker_start : s.speaker_end] == "one London-based broker"


def test_people_named_by_what_they_are_and_stance_verbs() -> None:
    text = (
        "The deal was announced on Monday. In the City, analysts fear it would create a "
        "monopoly in the market. Others claim it will weaken the city's status. The firm "
        "hopes to be back on the stock exchange in July. Nintendo is confident it will keep "
        "its number one spot."
    )
    said = {s.text: s.speaker for s in find_statements(text)}
    assert said == {
        "it would create a monopoly in the market": "analysts",
        "it will weaken the city's status": "Others",
        "to be back on the stock exchange in July": "The firm",
        "it will keep its number one spot": "Nintendo",
    }


def test_acronym_speaker_is_the_name_the_article_spells_out() -> None:
    text = (
        "The Congressional Budget Office (CBO) published its forecast. The CBO said the "
        "deficit would grow next year. The Securities and Exchange Commission fined the firm. "
        "The SEC said that Disney had failed to disclose payments."
    )
    speakers = [s.speaker for s in find_statements(text)]
    assert speakers == ["Congressional Budget Office", "Securities and Exchange Commission"]


def test_role_mention_before_the_name_resolves_forward() -> None:
    text = (
        "The Texas attorney general said the messages broke three laws. "
        '"Illegal spam must be stopped," said Greg Abbott, Texas attorney general.'
    )
    first, second = find_statements(text)
    assert first.speaker == second.speaker == "Greg Abbott"
    assert second.role == "Texas attorney general"


def test_she_is_not_the_man_who_spoke_last() -> None:
    text = (
        "Ms Sandra Hewitt met Mr Liam Fox on Monday. Mr Fox said the party would win the "
        "election. She said she was confident of a majority in the north."
    )
    fox, hewitt = find_statements(text)
    assert fox.speaker == "Liam Fox"
    assert (hewitt.speaker, hewitt.text) == (
        "Sandra Hewitt",
        "she was confident of a majority in the north",
    )


def test_role_stops_at_the_end_of_a_quote_and_a_title_inside_starts_the_name() -> None:
    text = (
        '"We should use video replays," said Manchester United manager Alex Ferguson. "It is '
        'the only way." Arsenal boss Arsene Wenger agreed that video evidence would help. '
        "Speaking in Tanzania Mr Brown said the UK would make similar offers to poorer nations."
    )
    said = find_statements(text)
    ferguson = _one(said, "We should use video replays")
    assert (ferguson.speaker, ferguson.role) == ("Alex Ferguson", "Manchester United manager")
    wenger = _one(said, "video evidence would help")
    assert (wenger.speaker, wenger.role) == ("Arsene Wenger", "Arsenal boss")
    brown = _one(said, "the UK would make similar offers")
    assert brown.speaker == "Brown"


def test_more_frames_with_saying_told_bare_and_said_base_forms() -> None:
    text = (
        "Costs must still be factored in, with analysts saying the deficit could grow further. "
        "Mr Kilroy-Silk also told Sky News there was masses of support for a new party. "
        "The company named in the lawsuit denied any wrongdoing and said it complied with all "
        "laws. Although the economy grew, analysts warn that the Fed has to be careful now. "
        "With two million pre-orders in Japan, Nintendo is confident it will keep its spot."
    )
    said = {s.text: s.speaker for s in find_statements(text)}
    assert said == {
        "the deficit could grow further": "analysts",
        "there was masses of support for a new party": "Kilroy-Silk",
        "it complied with all laws": "The company",
        "the Fed has to be careful now": "analysts",
        "it will keep its spot": "Nintendo",
    }


def test_the_company_before_any_company_spoke_is_the_one_the_headline_names() -> None:
    text = (
        "UK Coal plunges into deeper loss\n\n"
        "Shares in UK Coal have fallen after the mining group reported losses had deepened "
        "to £51.6m. UK Coal said geological problems were to blame.\n\n"
        "US state acts to stop spammers\n\nThe company said it complied with all US laws."
    )
    said = find_statements(text)
    assert _one(said, "losses had deepened").speaker == "UK Coal"
    # Only the first line is the headline, and a place is no company.
    other = find_statements(
        "US state acts to stop spammers\n\nThe company said it complied with all US laws in the US."
    )
    assert other[0].speaker == "The company"


def said(text: str) -> list[tuple[str, str]]:
    """(speaker, text) of each statement found in `text`."""
    return [(s.speaker, s.text) for s in find_statements(text)]


def test_frames_from_the_second_held_out_set() -> None:
    """Frames read off held-out 2's misses (data/gold/quotes_heldout2.md), each one generic:
    both sides of an interrupted clause, 'said, adding that', an aside before 'that', a
    dashed apposition, a body named by whose it is, 'It added that', a report or spokesman
    introduced with 'a', people 'for' an organisation."""

    assert said("Unless game firms were careful, he said, they could face a backlash.") == [
        ("he", "Unless game firms were careful"),
        ("he", "they could face a backlash"),
    ]
    assert said("Output will fall by 3,600 cars, BMW said, adding that it was confident.") == [
        ("BMW", "Output will fall by 3,600 cars"),
        ("BMW", "it was confident"),
    ]
    assert said("Sales rose 5% in March, the company said on Monday.") == [
        ("the company", "Sales rose 5% in March")
    ]  # a time after the frame is no second side
    assert said("The DJ admitted, however, that his success had a downside.") == [
        ("The DJ", "his success had a downside")
    ]
    assert said("DJ Norman Cook - aka Fatboy Slim - has said that dance music is not dead.") == [
        ("Norman Cook", "dance music is not dead")
    ]
    assert said("Last month Australia's competition watchdog said it would not oppose it.") == [
        ("Australia's competition watchdog", "it would not oppose it")
    ]
    assert said("Valve said the hack came from outside. It added that most users were honest.") == [
        ("Valve", "the hack came from outside"),
        ("Valve", "most users were honest"),
    ]
    assert said("By contrast a preliminary Ofcom report found that UWB would be safe to use.") == [
        ("preliminary Ofcom report", "UWB would be safe to use")
    ]
    assert said("Lawyers for the alleged spammers said the lawsuit was groundless.") == [
        ("Lawyers for the alleged spammers", "the lawsuit was groundless")
    ]


def test_one_spelling_for_a_spokesman_named_only_by_organisation() -> None:
    """'a spokesman for Ofcom' and 'The Ofcom spokesman' are one speaker, as the gold sets
    write it, and 'he' after them is that spokesman, never an organisation named since."""
    text = (
        '"We are seeking opinion," said a spokesman for Ofcom. The European Conference of '
        "Postal and Telecommunications Administrations is doing research. The Ofcom spokesman "
        'said it was considering a mask. "We would want strict controls," he said.'
    )
    assert [s.speaker for s in find_statements(text)] == ["spokesman for Ofcom"] * 3


def test_standfirst_bullets_are_not_statements_and_names_lose_descriptors() -> None:
    """A saved page's bullet points summarise the story (QUOTES.md: not statements); a
    '-based' descriptor or a possessive is no part of a name the speaker expands to."""
    text = (
        "  • Beijing's defence ministry says it is willing to take part in more joint drills "
        "and patrols as well as working to promote global peace and security\n\n"
        "Paris-based Euronext is weighing a bid. Euronext has said it will make an all cash "
        "bid. Nintendo Europe's sales rose. Nintendo says sales have exceeded expectations."
    )
    assert [s.speaker for s in find_statements(text)] == ["Euronext", "Nintendo"]


def test_a_quote_opening_a_paragraph_continues_the_last_quote_before_it() -> None:
    """sport/265 of BBC: the paragraph before ends with a reported clause and an unclosed
    quote; the reported clause is read after the quotes, so it must not hide the quote."""
    text = (
        "Boss Steve Bruce had said that he would be happy to let him go. He added: \"I'm not "
        'going to blame the fans for it.\n\n"He has had a tough time since the summer. "He '
        "has been terrific and not missed a day's training.\"\n"
    )
    found = find_statements(text)
    assert [s.speaker for s in found] == ["Steve Bruce"] * 4
    assert found[-1].text == "He has been terrific and not missed a day's training"


def test_frames_from_the_third_held_out_set() -> None:
    """Read off held-out 3's misses (data/gold/quotes_heldout3.md), each generic: a
    sentence word before an apposition no longer hides the subject after it; more verbs in
    inverted frames; people named by a plural noun; 'X <did something>, saying CLAUSE'; a
    surname of two words resolves to the full name."""

    assert said(
        "However, Dick Pound, the chairman of the agency, has said he will appeal the ruling."
    ) == [("Dick Pound", "he will appeal the ruling")]
    assert said("Stock may run out by December, predicts Oliver Irish, editor of Stuff.") == [
        ("Oliver Irish", "Stock may run out by December")
    ]
    assert said("Committee members said the Home Office had been wrong.") == [
        ("Committee members", "the Home Office had been wrong")
    ]
    assert said("The bookmaker closed the book on Friday, saying insiders had placed bets.") == [
        ("The bookmaker", "insiders had placed bets")
    ]
    text = (
        "Planning Minister Julio De Vido offered help. Mr De Vido said that the state would "
        "not pay for it."
    )
    assert said(text) == [("Julio De Vido", "the state would not pay for it")]


def test_speakers_from_the_third_held_out_set() -> None:
    """A title with the name in apposition is that person; an apposition left open before
    the verb still names the person before it; 'he' after 'A Home Office spokesman said' is
    the spokesman, not the last person named."""
    [s] = find_statements(
        "But last week, Argentine Economic Minister, Roberto Lavagna, told the French media "
        "that the government was considering a rise."
    )
    assert s.speaker == "Roberto Lavagna"
    first, second = find_statements(
        "Ann Simpson, marketing manager at Snappy Snaps believes the convenience of high "
        'street printing will last. "Some people will want to do it themselves," she said.'
    )
    assert (first.speaker, second.speaker) == ("Ann Simpson", "Ann Simpson")
    found = find_statements(
        "Mr Edward Leigh said the Home Office should act. A Home Office spokesman said the "
        "system had been toughened. He added that the checks would continue for years."
    )
    assert [s.speaker for s in found][1:] == ["Home Office spokesman"] * 2


def test_frames_from_the_fourth_held_out_set() -> None:
    """Read off held-out 4's misses (data/gold/quotes_heldout4.md): progressive and stance
    frames, a stance verb closing a sentence, reports and views introduced by 'says a new
    ... report' and 'For <person>,', a quote after '... and said:', and a person named only
    by role who opens a sentence before 'He said'."""
    assert said("He is also claiming Labour is more united than ever.") == [
        ("He", "Labour is more united than ever")
    ]
    assert said("He is convinced Yahoo remains the most important brand on the web.") == [
        ("He", "Yahoo remains the most important brand on the web")
    ]
    assert said("It is a battle that Yahoo is currently winning, he believes.") == [
        ("he", "It is a battle that Yahoo is currently winning")
    ]
    assert said("Sentences should not be cut automatically, says a new MPs' report.") == [
        ("new MPs' report", "Sentences should not be cut automatically")
    ]
    assert said("For Jupiter analyst Olivier Beauvillain, the decision was an error.") == [
        ("Olivier Beauvillain", "the decision was an error")
    ]
    assert said("For many, the decision was an error.") == []
    assert said(
        'But Richard Dunne is keen to move on and said: "I have grown up a lot this year."'
    ) == [("Richard Dunne", "I have grown up a lot this year")]
    found = find_statements(
        "Committee chairman John Denham said the rules were unclear. But a spokesman for the "
        'Home Office defended the proposals. He said: "We stand by the provisions."'
    )
    assert [s.speaker for s in found] == ["John Denham", "spokesman for the Home Office"]
    assert said("The CBO also forecast a total shortfall of $855bn for the decade.") == []


def test_a_person_described_by_what_they_are_is_the_person_of_the_story() -> None:
    """'the defender said' with no one given that role: the person the story is about lately
    (held-out 4, sport/250), as for 'he'; a description of a role someone was given still
    goes to them."""
    found = find_statements(
        "Manchester City's Richard Dunne has been linked with Chelsea. Early talks have taken "
        'place and the defender said: "Hopefully something will be sorted out soon."'
    )
    assert [s.speaker for s in found] == ["Richard Dunne"]


def test_a_description_nobody_was_given_goes_to_the_person_the_headline_and_lead_name() -> None:
    """'the American said' before anyone spoke: the person the headline names, by the full
    name of the lead sentence (held-out 4, sport/432); not someone's else's ('the men's
    solicitor'), and not a headline name the lead does not carry."""
    assert _speakers(
        "Davenport hits out at Wimbledon\n\nWorld number one Lindsay Davenport has criticised "
        "Wimbledon.\n\nReacting to a comment by chairman Tim Phillips, the American said: "
        '"I think it is highly insulting."'
    ) == ["Lindsay Davenport"]
    found = find_statements(
        "Faultless Federer has no equal\n\nRoger Federer - the ultimate sportsman.\n\nWhen "
        'Lleyton Hewitt lost, the Australian said: "You\'re the best."'
    )
    assert not any("Federer" in s.speaker for s in found)
    assert _speakers(
        "Mubanga freed\n\nMartin Mubanga was freed on Tuesday.\n\nThe men's solicitor said "
        "that the letters had been sent."
    ) == ["The men's solicitor"]


def test_the_insurer_is_the_organisation_the_article_described_so() -> None:
    """'The insurer argued that' before any organisation spoke: the one the article called an
    insurer (held-out 4, business/206); a company described by its trade for 'the firm';
    not one described only after the article first said 'the club'."""
    assert _speakers(
        "Cuts at insurer\n\nStandard Life, Europe's largest mutual life insurer, has cut "
        "bonuses. The insurer argued that shares outperformed other investments."
    ) == ["Standard Life"]
    assert _speakers(
        "Actor is new Bond favourite\n\nBookmaker William Hill has stopped taking bets on "
        "the next James Bond. The firm closed the book on Friday, saying insider information "
        "could have contributed to the bets."
    ) == ["William Hill"]
    assert _speakers(
        "Man Utd to open books\n\nThe board offered to sell the football club. Rival local "
        "club Manchester City has pleaded with fans. The club said that it stayed opposed."
    ) != ["Manchester City"]


def test_a_frame_ending_its_sentence_takes_a_longer_speaker() -> None:
    """A story's opening report with its source at the end: 'CLAUSE, says the boss of ...',
    'CLAUSE, say two reports.', 'CLAUSE, London's most senior police officer has said.'
    (held-out 3 and 4); not 'CLAUSE, says the American has a problem' (a clause, no
    speaker). 'the trade and industry secretary' is one person, not a joint speaker."""
    texts = {
        "The careers of sprinters Kostas Kenteris and Katerina Thanou are over, says the boss "
        "of the organisation that cleared them.": "the boss of the organisation that cleared them",
        "Mobiles are not yet ready to be multimedia devices which will replace media players, "
        "say two reports.": "two reports",
        "Terrorists might try to target the UK in the run-up to the election, London's most "
        "senior police officer has said.": "London's most senior police officer",
        "Violent video games should carry larger warnings for parents, the trade and industry "
        "secretary has said.": "the trade and industry secretary",
        "The French economy picked up speed at the end of 2004, official figures show.": (
            "official figures"
        ),
    }
    for sentence, speaker in texts.items():
        found = find_statements("Headline\n\n" + sentence)
        assert [s.speaker for s in found] == [speaker], sentence
        assert sentence.startswith(found[0].text)
    clause = (
        "Capriati to miss Melbourne\n\nThe organisers of the first grand slam of 2005, which "
        "begins on 17 January, said the American has a problem with her right shoulder."
    )
    assert not any(s.speaker.startswith("the American has") for s in find_statements(clause))


def test_a_role_stays_inside_its_sentence() -> None:
    """A title before a name or an apposition after it never reaches into another sentence
    or paragraph: 798 of 4,473 roles on BBC did ('US deficit\\n\\nFederal Reserve chairman')."""
    found = find_statements(
        "Yahoo at ten\n\nIt launched Google News.\n\nFor Jupiter analyst Olivier Beauvillain, "
        "Yahoo's initial decision to put search on hold was an error. Sales rose sharply, said "
        'Bob Smith, an analyst at NikkoCitigroup. The merger "would be a good move," he added.'
    )
    assert [(s.speaker, s.role) for s in found] == [
        ("Olivier Beauvillain", "Jupiter analyst"),
        ("Bob Smith", "analyst at NikkoCitigroup"),
        ("Bob Smith", "analyst at NikkoCitigroup"),
    ]


def test_but_for_a_person_is_their_view_and_a_place_is_nobodys_role() -> None:
    """'But for Allen Weiner, a research director at Gartner, CLAUSE' mid-story is Weiner's
    view, and 'he said' after it is his (held-out 4, tech/337); 'But for the value the Mac
    Mini offers' is no one's. 'The US has said' is not 'US President George W Bush'."""
    assert _speakers(
        "Yahoo at ten\n\nOlivier Beauvillain thinks Yahoo erred. But for Allen Weiner, a research "
        "director at Gartner, the future of search is not going to be about technology. "
        '"Search technology is valuable," he said. But for the value the Mac Mini offers, '
        "bringing some of the best software to the living room is a good deal."
    ) == ["Allen Weiner", "Allen Weiner"]
    assert _speakers(
        "Dollar falls\n\nUS President George W Bush said he wanted a strong dollar. Traders were "
        "unconvinced. The US has said it is committed to a strong dollar."
    ) == ["George W Bush", "The US"]


def test_titles_that_are_someone_elses() -> None:
    """'writing in the Daily Telegraph, the prime minister conceded': a new subject, not the
    paper's role; 'shadow chancellor Oliver Letwin' is not who 'the chancellor' is; 'The
    Foreign Secretary' is a title, not a secretary for 'Foreign'; 'Greg Abbott, Texas
    attorney general announcing ...' still gives Abbott his role."""
    assert _speakers(
        "Terror plans\n\nEarlier, writing in the Daily Telegraph, the prime minister conceded "
        "that plans to detain suspects were difficult issues for any government."
    ) == ["the prime minister"]
    assert _speakers(
        "Brown speech\n\nTo an audience in Gateshead, the chancellor said the cuts proposed by "
        "shadow chancellor Oliver Letwin would hurt schools. The Foreign Secretary told the "
        "BBC that talks would go on."
    ) == ["the chancellor", "The Foreign Secretary"]
    found = find_statements(
        "Spam suit\n\nThe suit was filed by Greg Abbott, Texas attorney general announcing the "
        "case on Monday. The Texas attorney general said the messages were illegal."
    )
    assert [(s.speaker, s.role) for s in found] == [("Greg Abbott", "Texas attorney general")]


def test_they_are_the_people_who_open_or_end_the_sentence_before() -> None:
    """'They say' after 'The MPs also call for ...', 'Michael Howard and frontbencher John
    Redwood launched ...' or '..., experts warned.' (held-out 4: politics/168 and 099); 'they'
    is never taken for an organisation 'the party' could then be."""
    texts = {
        "The committee was responding. The MPs also call for tougher sentences. They say the "
        "influence of drugs should be an aggravating factor.": "MPs",
        "Michael Howard and frontbencher John Redwood on Thursday launched new plans. They say "
        "government is spending too much.": "Michael Howard and John Redwood",
        "The move could mean more confusion for consumers, experts warned. They say there are "
        "no guarantees the system will work.": "experts",
    }
    for text, speaker in texts.items():
        found = find_statements("Headline\n\n" + text)
        assert found[-1].speaker == speaker, text
    assert _speakers(
        "Tax plans\n\nLabour says the council tax should be reformed. Nobody knows why. They say "
        "the tax is unfair. The party says it would aim for a tax-free allowance."
    ) == ["Labour", "They", "Labour"]


def test_recalled_frames_a_quote_but_not_an_object() -> None:
    """'"...," he recalled.' is a quote's frame (held-out 2, entertainment/122); 'Kirwan has
    recalled the experienced Cristian Stoica' reports nothing."""
    found = find_statements(
        'Cook looks back\n\nNorman Cook spoke about the split. "I said to Zoe I did this '
        'track," he recalled. Kirwan has recalled the experienced Cristian Stoica at centre.'
    )
    assert [(s.speaker, s.text) for s in found] == [
        ("Norman Cook", "I said to Zoe I did this track")
    ]


def test_the_panel_is_the_panel_the_article_introduced() -> None:
    """'... said a panel of experts.' then 'The panel also insisted that ...' (held-out 3,
    tech/170); an introduction that says no more than the mention ('a new report') leaves
    it as written."""
    assert _speakers(
        "Gaming trends\n\nCasual games are growing fast, said a panel of experts. The panel also "
        "insisted that casual gamers were not just women. A new report came out on Monday. The "
        "report said that sales had doubled."
    ) == ["panel of experts", "panel of experts", "The report"]


def test_an_apposition_before_a_quote_names_the_speaker_and_a_report_keeps_its_author() -> None:
    """'Scott Stanzel, a spokesman for the Bush-Cheney campaign said: "..."' and 'The Higher
    Education Minister, Kim Howells, said: "..."' are the named people, as in reported speech
    (held-out 4, tech/123); 'A report by analysts InStat/MDR has predicted that' is the report,
    and 'It says that' after it too (held-out 4, tech/059)."""
    assert _speakers(
        "Bush site blocked\n\nScott Stanzel, a spokesman for the Bush-Cheney campaign said: "
        '"The measure was taken for security reasons." The Higher Education Minister, Kim '
        'Howells, said: "We are working in schools to raise the aspirations of pupils."'
    ) == ["Scott Stanzel", "Kim Howells"]
    assert (
        _speakers(
            "Mobile TV\n\nMobile TV is growing. A report by analysts InStat/MDR has predicted that "
            "smartphone shipments will grow by 44%. It says that smartphones will make up 117 "
            "million phones."
        )
        == ["report by analysts InStat/MDR"] * 2
    )


def test_a_participle_belongs_to_the_nearer_clause() -> None:
    """'The comments come after Tony Blair defended his proposals, warning that CLAUSE':
    Blair warned, not the comments (held-out 4, politics/379)."""
    assert _speakers(
        "Terror plans\n\nThe comments come after Tony Blair defended his controversial "
        "anti-terror proposals, warning that it would be wrong to wait for an attack."
    ) == ["Tony Blair"]


def test_when_it_was_said_stands_between_the_verb_and_its_clause() -> None:
    """'Lawmakers said on Wednesday night Enrico Bondi had spoken ...' (held-out 1,
    business/048): the clause after the time; 'said last week the plans ...' likewise."""
    found = find_statements(
        "Parmalat\n\nSeveral executives are under investigation. Lawmakers said on Wednesday night "
        "Enrico Bondi had spoken positively about the company. The minister said last week the "
        "plans would go ahead."
    )
    assert [(s.speaker, s.text) for s in found] == [
        ("Lawmakers", "Enrico Bondi had spoken positively about the company"),
        ("The minister", "the plans would go ahead"),
    ]


def test_told_a_body_of_an_organisation_a_bare_clause() -> None:
    """'Sir Ian told a meeting of the Metropolitan Police Authority it would be unwise ...'
    (held-out 4, politics/379)."""
    found = find_statements(
        "Terror target\n\nSir Ian Blair spoke on Thursday. Sir Ian told a meeting of the "
        "Metropolitan Police Authority it would be unwise to speculate about the risks."
    )
    assert [s.text for s in found] == ["it would be unwise to speculate about the risks"]


def test_a_subject_ends_at_its_verb_and_openers_are_nobody() -> None:
    """58 BBC speakers were a subject with its verb ('The G7 meeting is', 'The spokesman did
    not'), others a sentence opener ('Separately', 'Following'): no statement is made by
    them. 'the EC did warn' and 'The Caribs have long denied' still report."""
    assert _speakers(
        "Awards\n\nThe Aviator was declared best film at the ceremony. The spokesman did not say "
        "why the three had been detained. Following claims that US forces had worked inside "
        "Iran, talks stalled. But, the EC did warn the two were under close scrutiny. The "
        "Caribs have long denied their ancestors practised cannibalism."
    ) == ["the EC", "The Caribs"]


def test_a_person_of_an_organisation_is_the_person_and_a_police_force_is_no_one() -> None:
    """'said Jason Daw at Merrill Lynch' is Jason Daw (from Merrill Lynch); 'Strathclyde
    Police' and 'Federal Bureau of Investigation' are organisations, so 'she' after them is
    the woman named before."""
    found = find_statements(
        'Dollar\n\n"Nothing fundamental has changed," said Jason Daw at Merrill Lynch. Nicola '
        "Sturgeon criticised the escape. Strathclyde Police said Ferguson posed a danger. She "
        'said: "The executive should explain."'
    )
    assert [(s.speaker, s.role) for s in found] == [
        ("Jason Daw", "Merrill Lynch"),
        ("Strathclyde Police", None),
        ("Nicola Sturgeon", None),
    ]


def test_a_surname_is_the_name_that_ends_with_it_not_a_headline_that_starts_with_it() -> None:
    """'Mr Blunkett' is David Blunkett, not the headline's 'Blunkett Sheffield'; 'Weir' is
    David Weir, not "Everton's Weir" (a possessive is no name); a first name alone still
    finds the name it starts ('Tony' -> Tony Blair)."""
    assert _speakers(
        "Blair and Blunkett Sheffield trip\n\nTony Blair is to join Home Secretary David "
        "Blunkett in a visit to Sheffield. Mr Blunkett declined to comment, saying the inquiry "
        "was under way."
    ) == ["David Blunkett"]
    assert _speakers(
        "Everton's Weir cools hopes\n\nEverton defender David Weir has played down talk of a "
        'title bid. Weir told BBC Radio Five Live: "We don\'t want to rest on our laurels."'
    ) == ["David Weir"]
    assert _speakers(
        "Visit\n\nTony Blair arrived in Sheffield on Thursday. Tony said the visit was a "
        "show of unity."
    ) == ["Tony Blair"]


def test_a_possessive_before_a_name_is_whose_they_are_and_an_age_finds_its_person() -> None:
    """ "Deutsche Bank's Simon Champion" is Simon Champion of Deutsche Bank; "the 28-year-old"
    is the person the article gave that age, and "The Northern Ireland runner" opens no
    sentence as a person called Northern Ireland."""
    found = find_statements(
        "Aurora\n\nThe issue had been an ongoing one, says Deutsche Bank's Simon Champion."
    )
    assert [(s.speaker, s.role) for s in found] == [("Simon Champion", "Deutsche Bank")]
    assert _speakers(
        "Liverpool bid\n\nLiverpool may bid for Fernando Morientes. Liverpool boss Rafael "
        'Benitez is keen to bolster his options. "I would be keen to leave," admitted the '
        "28-year-old Morientes."
    ) == ["Fernando Morientes"]
    assert _speakers(
        "McIlroy wins\n\nJames McIlroy stormed to victory in Erfurt.\n\nThe Northern Ireland "
        'runner set a personal best. "I\'m qualified now," said the 28-year-old.'
    ) == ["James McIlroy"]


def test_an_ampersand_joins_a_name_and_of_ends_a_persons_name() -> None:
    """'B&B said' is B&B (not 'B'); 'Ashok Vishwanathan of Operation Black Vote' is a person
    whose surname later names him."""
    assert _speakers(
        "Housing\n\nThe warning came from mortgage lender Bradford & Bingley. B&B said the "
        "buy-to-let market was strong."
    ) == ["B&B"]
    assert _speakers(
        "Shortlists\n\nAshok Vishwanathan of Operation Black Vote backed the plan. Later "
        "Vishwanathan said all-black shortlists were the only way."
    ) == ["Ashok Vishwanathan"]


def test_a_named_persons_claim_is_theirs_and_leaves_who_he_is_alone() -> None:
    """ "Campbell's claims he had torn a hamstring" are Darren Campbell's; the "he" who
    speaks next is still the American who doubted them."""
    assert _speakers(
        "Sprint row\n\nMichael Johnson criticised Britain's Darren Campbell earlier this "
        "year. The American had cast doubt on Campbell's claims he had torn a hamstring. "
        '"Athletes here have to compete more," he claimed.'
    ) == ["Darren Campbell", "Michael Johnson"]


def test_a_role_one_person_holds_is_the_person_the_article_is_about() -> None:
    """'The Tory leader said' after a lead that names Michael Howard is Michael Howard, with
    that role (it was 'leader for Tory'); 'the Scotland coach' is no 'Scotland Six Nations'."""
    found = find_statements(
        "Howard backs ID cards\n\nMichael Howard has defended his decision to back Labour "
        "plans to introduce ID cards.\n\nThe Tory leader said his front bench team had "
        "reached a collective view."
    )
    assert [(s.speaker, s.role) for s in found] == [("Michael Howard", "Tory leader")]
    assert _speakers(
        "Ref stands by Scotland decisions\n\nThe referee from Saturday's France v Scotland "
        "Six Nations match has defended the officials after criticism by Matt Williams.\n\n"
        "The Scotland coach said his side were robbed of victory by poor decisions."
    ) == ["Matt Williams"]


def test_the_parse_finds_the_shapes_no_rule_reads_and_the_rules_name_the_speaker() -> None:
    """Sentences the rules found nothing in are parsed (qa/speech_parse.py): a verb of
    speech joined to another ('won ... and then claimed'), after auxiliaries ('has already
    admitted'), an infinitive ('has vowed to'), a speaker who is the object of the verb
    before ('lead some to suggest'). The rules' resolver names the speaker: 'He' is Charles
    Kennedy."""
    found = find_statements(
        "Kennedy upbeat\n\nCharles Kennedy spoke in Westminster on Monday. The Liberal "
        "Democrats won the seat in 2003 and then claimed the result showed voters had turned "
        "against the war. He has already admitted the plan would cost more than the party had "
        "hoped. These developments lead some to suggest that the party has peaked. Ms Jones "
        "has vowed to fight the ruling in the European courts."
    )
    assert [(s.kind, s.speaker, s.text) for s in found] == [
        ("indirect", "The Liberal Democrats", "the result showed voters had turned against "
         "the war"),
        ("indirect", "Charles Kennedy", "the plan would cost more than the party had hoped"),
        ("indirect", "some", "the party has peaked"),
        ("indirect", "Jones", "to fight the ruling in the European courts"),
    ]  # fmt: skip


def test_a_sentence_the_rules_read_is_not_read_again() -> None:
    """One statement for 'Mr Smith said the deal was done', not a second from the parse."""
    assert _texts("Deal\n\nMr Smith said the deal was done.") == [
        ("indirect", "Smith", "the deal was done")
    ]


def test_the_parse_loads_spacy_without_torch_and_torch_still_loads_after() -> None:
    """thinc would import torch (2 s, 185 MB of a build process that runs on onnxruntime);
    it is hidden while spaCy loads, and a later `import torch` works as ever."""
    script = (
        "import sys\n"
        "from qa.quotes import find_statements\n"
        "found = find_statements('Deal\\n\\nMr Smith has already admitted the plan would cost "
        "more.')\n"
        "assert found and 'torch' not in sys.modules, sorted(sys.modules)[:5]\n"
        "import torch\n"
        "print(torch.zeros(2).sum().item())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ARTICLES.parent.parent,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "0.0"


def test_a_surname_misspelt_once_is_the_person_a_letter_away() -> None:
    """sport/432 of BBC spells Lindsay Davenport "Daveport" once; Mr Barot is Jacques Barrot.
    Not a plural ("Analysts" is no "Energy Security Analysis", "Catholics" no "Roman
    Catholic"); a possessive's apostrophe is no part of the name ("Adams" is "Douglas
    Adams", not "Douglas Adams'")."""
    assert _speakers(
        "Davenport hits out\n\nLindsay Davenport has criticised Wimbledon's pay. "
        '"You hear about women playing only three sets," said Daveport.'
    ) == ["Lindsay Davenport"]
    assert _speakers(
        "Alitalia plan\n\nEU transport commissioner Jacques Barrot welcomed the plan. "
        '"The Italian authorities have presented a serious plan," said Mr Barot.'
    ) == ["Jacques Barrot"]
    assert _speakers(
        "Oil\n\nStocks fell, according to Energy Security Analysis. Analysts, however, say "
        "prices will fall further."
    ) == ["Energy Security Analysis", "Analysts"]
    assert _speakers(
        "Film\n\nThe film angered Roman Catholic leaders in India. Catholics say the film "
        "shows a priest in bad light."
    ) == ["Catholics"]
    assert _speakers(  # "Douglas Adams", not "Douglas Adams'" with its apostrophe
        "Guide\n\nThe film of Douglas Adams' book opens on Friday. Adams said the book began "
        "as a radio show."
    ) == ["Douglas Adams"]


def test_a_sentence_opened_by_an_age_is_not_the_sentence_before_it() -> None:
    """sport/250 of BBC: "He added" after "But the 25-year-old Dubliner underlined ..." is
    Richard Dunne, who spoke last, not Graeme Souness, who opened the sentence before."""
    assert _speakers(
        "Dunne keen to stay\n\nRichard Dunne is ready to commit his future to Manchester "
        'City. Early talks have taken place and the defender said: "I want to stay." '
        "Newcastle boss Graeme Souness is said to have been tracking him. But the 25-year-old "
        'Dubliner underlined his intention to stay at Eastlands. He added: "I really enjoy it '
        'at City."'
    ) == ["Richard Dunne", "Richard Dunne"]


def test_the_newspaper_is_the_publication_named_last() -> None:
    """politics/302 and business/421 of BBC: "the newspaper" is the Telegraph the article
    named, not the last body that spoke; "the magazine" is "T3 magazine" or "US magazine
    Rolling Stone's", without the place, "The" or "'s"."""
    assert _speakers(
        "Galloway\n\nThe Telegraph was sued for libel by Mr Galloway after the newspaper "
        "claimed he received money from Iraq. Euronext said it would bid. The newspaper said "
        "it was in the public interest to publish."
    ) == ["Telegraph", "Euronext", "Telegraph"]
    assert _speakers(
        "Gadgets\n\nThe Sony Walkman tops a list compiled by T3 magazine. The magazine has "
        "compiled lists before. The magazine said the Walkman changed how people listen."
    ) == ["T3"]
    assert _speakers(
        "Prince\n\nPrince earned more than any other star, in US magazine Rolling Stone's "
        "annual list. The magazine said he had returned to centre stage."
    ) == ["Rolling Stone"]


def test_it_before_any_body_spoke_is_the_body_that_opens_its_sentence() -> None:
    """business/058 and business/062 of BBC: "Electrolux saw its shares rise after it said"
    is Electrolux, and "the firm" after it too; not a people's adjective. ("Market leader
    Nintendo ... that it says", no body that opens its sentence, is Nintendo by the parse.)"""
    assert _speakers(
        "Electrolux to export jobs\n\nElectrolux saw its shares rise 14% on Tuesday after it "
        "said it would be shifting more of its manufacturing. The firm said the cuts were "
        "painful. The move was welcomed by Electrolux investors."
    ) == ["Electrolux", "Electrolux"]
    assert _speakers(
        "Consoles\n\nMarket leader Nintendo, however, is releasing a handheld console that it "
        "says will revolutionise the way games are played."
    ) == ["Nintendo"]  # since 2026-11-27: the subject the parse reads (held-out 1's gold)
    assert (
        _speakers(
            "Music\n\nGerman music sales fell for a seventh year and it said piracy was to blame. "
            "Critics in German politics said little."
        )[0]
        == "it"
    )


def test_one_anonymous_speaker_is_who_he_is_next() -> None:
    """business/454 of BBC: "He forecast" after "said one London-based broker" is the
    broker, not the last person named."""
    assert _speakers(
        'LSE bid\n\nRolf Breuer of Deutsche Boerse said the bid was fair. "Deutsche Boerse '
        'appears very committed," said one London-based broker. He forecast the takeover bid '
        "would succeed."
    ) == ["Rolf Breuer", "London-based broker", "London-based broker"]


def test_a_name_after_a_preposition_gives_way_to_the_whole_subject_the_parse_reads() -> None:
    """The rules take the name nearest the verb; where a preposition stands before it, the
    parse reads the subject it belongs to (BBC business/187, entertainment/289, tech/330),
    but not a share of the speakers, a survey's author, another clause's subject or a
    possessive before a person (tech/321, tech/079, tech/264, politics/385)."""
    assert _speakers(
        "Spain\n\nA deal was agreed. A lawyer for the victims, Eduardo Contreras, said the "
        "deal was fair."
    ) == ["Eduardo Contreras"]
    assert _speakers(
        "Visas\n\nNigel McCune from the Musicians' Union said British musicians would suffer."
    ) == ["Nigel McCune"]
    assert _speakers(
        "Patents\n\nThe law passed. But opponents of the bill said that it could stifle "
        "innovation. A spokesman for Ofcom said the rules were fair. A spokesman for the "
        "supporters club said the bid was bad."
    ) == ["opponents of the bill", "spokesman for Ofcom", "spokesman for the supporters club"]
    assert _speakers(
        "Poll\n\nThe poll was large. More than half (55%) of the respondents said they were "
        "concerned about spam. A survey carried out by NOP found that more than 80% of firms "
        "had been attacked."
    ) == ["the respondents", "NOP"]
    assert _speakers(
        "BT\n\nBroadband connections in the UK finally overtook dial-up and in December BT "
        "announced that it was making a new broadband connection every ten seconds. War on "
        "Want's John Hilary said the policy was a barrier to fighting poverty."
    ) == ["BT", "John Hilary"]


def test_they_after_a_conjunction_is_who_opens_its_sentence() -> None:
    """business/382 of BBC: "Business leaders had opposed the plan as they said ..." is the
    business leaders; a "they" with no conjunction before it is not read so."""
    assert _speakers(
        "Plan\n\nThe plan was dropped. Business leaders had opposed the plan as they said it "
        "would be too costly."
    ) == ["Business leaders"]
    assert _speakers(
        "Plan\n\nThe plan was dropped. Business leaders opposed the plan, they said it would be "
        "too costly."
    ) != ["Business leaders"]


def test_a_body_someone_works_at_is_no_he() -> None:
    """tech/243 of BBC: "According to PC Pro" does not make PC Pro who "he" is: the article
    has Nick Ross work at it."""
    assert _speakers(
        'Printing\n\n"Print at home," said Nick Ross, top tester at PC Pro. According to PC '
        'Pro, a print costs £1.87 at home. A print at Boots would cost £4.99. "Considering how '
        'inconvenient the High Street is, home wins," he said.'
    ) == ["Nick Ross", "PC Pro", "Nick Ross"]


def test_a_name_that_says_it_of_itself_is_a_body() -> None:
    """business/311 of BBC: Swiss Re said "it" had registered disasters, so Swiss Re is a
    body, and "the world's second biggest insurer" is Swiss Re."""
    assert _speakers(
        "Insurers\n\nSwiss Re said it had registered about 300 disasters in 2004. Losses rose "
        "sharply, according to Swiss Re. The world's second biggest insurer said disasters "
        "have seen property losses rise."
    ) == ["Swiss Re", "Swiss Re", "Swiss Re"]


def test_a_capitalised_pronoun_inside_a_title_is_no_speaker() -> None:
    """entertainment/143 of BBC: "Do They Know It's Christmas" is a song, not "they" saying
    that it is Christmas; "They say" opening a sentence still is."""
    assert _speakers(
        "Charts\n\nUS record shops are stocking an import version of Do They Know It's "
        "Christmas, which is selling well. They say the single will top the charts."
    ) == ["US record shops"]


def test_that_said_is_a_turn_of_phrase_not_a_speaker() -> None:
    """entertainment/369 of BBC: "That said, she is working on a feature" reports nothing."""
    assert _speakers(
        "Director\n\nThe film was a hit. That said, she is currently working on a feature "
        "about her childhood. Critics said the film was her best."
    ) == ["Critics"]


def test_a_description_set_beside_a_name_speaks_as_that_name() -> None:
    """BBC entertainment/204, politics/187, sport/082: "Cosby's lawyer, Walter M Phillips
    Jr, said" is said by the name the description stands beside, who is then who "he" is
    (not "Cosby's lawyer"); lawyers and attorneys are roles like spokesmen ("US Attorney
    David Kelley said" is David Kelley). A name the parse hangs on the subject from inside a
    phrase after it is no apposition ("A shareholder in US phone firm MCI")."""
    assert _speakers(
        "Cosby case\n\nThe case was dropped. Cosby's lawyer, Walter M Phillips Jr, said the "
        'comedian was pleased with the decision. "He looks forward to moving on with his '
        'life," he said.'
    ) == ["Walter M Phillips Jr", "Walter M Phillips Jr"]
    assert _speakers(
        "Casinos\n\nThe plan was cut. Ms Jowell's deputy, Richard Caborn, said the government "
        'had adopted a cautious approach. "Limiting the number of casinos is a cautious move," '
        "he said."
    ) == ["Richard Caborn", "Richard Caborn"]
    assert _speakers(
        "Snoop\n\nThe woman waited two years to sue because she was trying to negotiate a "
        'settlement, her lawyer, Perry Wander, said. Disney "failed to provide a safe working '
        'environment for my client," he said.'
    ) == ["Perry Wander", "Perry Wander"]
    assert _speakers(
        "Ahold\n\nNine vendors were charged. US Attorney David Kelley said he expects the nine "
        "vendors will plead guilty to the charges."
    ) == ["David Kelley"]
    assert "MCI" not in _speakers(
        "MCI\n\nA shareholder in US phone firm MCI has taken legal action to halt a buyout by "
        "telecoms giant Verizon, hoping to get a better deal."
    )


def test_a_street_or_house_is_a_body_and_she_is_the_woman_named() -> None:
    """BBC politics/194 (held-out 7): "Downing Street said ... It said" is Downing Street,
    not a person called Street; and a "she" before any woman spoke is the last woman the
    article names ("Mrs Blair's remarks ... She said"), not the last name of any kind."""
    assert _speakers(
        "Cherie accused\n\nCherie Blair has been accused of criticising US policy. The Tories "
        "said she broke a convention. But Downing Street said she was speaking as a lawyer. "
        "It said she was not expressing political opinions. Mrs Blair's remarks were made at "
        "Guantanamo Bay. She said the decision was a significant victory for human rights."
    ) == ["The Tories", "Downing Street", "Downing Street", "Cherie Blair"]


def test_the_bank_is_the_bank_named_last_and_a_named_court_is_itself() -> None:
    """BBC business/084 (held-out 6), politics/032: "the bank said" after "according to the
    Bank of Mexico's figures" is the Bank of Mexico, not the longest bank name of the
    article; "The High Court" is no "Court of Appeal", whatever was named last."""
    assert (
        _speakers(
            "Remittances\n\nThe Inter-American Development Bank said remittances were rising "
            "fast. They are more than 2% of GDP, according to the Bank of Mexico's figures. There "
            "were 50.9 million transactions last year, the bank said."
        )[-1]
        == "Bank of Mexico"
    )
    assert _speakers(
        "Hunting\n\nThe Court of Appeal said the ban was lawful. The High Court last month "
        "ruled the act was valid and the proposed ban was lawful."
    ) == ["The Court of Appeal", "High Court"]


def test_a_bare_spokesman_is_the_spokesman_who_spoke_last() -> None:
    """BBC business/027 (held-out 7): "a spokesman said" after "A Mittal Steel spokesman
    said" is that spokesman; a spokeswoman is not him."""
    assert _speakers(
        "Mittal\n\nA Mittal Steel spokesman said that no decisions on job cuts have been made "
        'yet. "We are trying to create a sustainable steel industry," a spokesman said.'
    ) == ["Mittal Steel spokesman", "Mittal Steel spokesman"]
    assert (
        _speakers(
            "Mittal\n\nA Mittal Steel spokesman said that no decisions on job cuts have been made "
            'yet. "We are trying to create a sustainable steel industry," a spokeswoman said.'
        )[-1]
        != "Mittal Steel spokesman"
    )


def test_a_person_before_a_comma_and_a_body_is_the_speaker() -> None:
    """BBC politics/330 (held-out 7): "Colin Asplin, Blackpool Hotel Association said:" is
    Colin Asplin."""
    assert _speakers(
        "Blackpool\n\nLabour will go to Brighton. Colin Asplin, Blackpool Hotel Association "
        'said: "We have tried very hard to make sure they come back to Blackpool."'
    ) == ["Colin Asplin"]


def test_he_is_the_one_person_the_narration_just_before_names() -> None:
    """BBC sport/235 (held-out 6): "Those allegations were put to Wenger after Saturday's
    game. At first he said only: ..." is Wenger, though Ferguson spoke last; not where that
    sentence has a "he" of its own ("He did not think Mr Howard intended ...")."""
    assert _speakers(
        'Row\n\nArsene Wenger said only: "I will never answer any questions." "He ran at me," '
        "Alex Ferguson said on Saturday. Those allegations were put to Wenger after the game "
        'at Bolton. At first he said only: "I have always been consistent with that story."'
    ) == ["Arsene Wenger", "Alex Ferguson", "Arsene Wenger"]
    assert (
        _speakers(
            'Race\n\n"The debate is welcome," Trevor Phillips said on Monday. He did not think Mr '
            "Howard intended to centre the debate on race. But he warned that some campaigners "
            "could use his words."
        )[-1]
        == "Trevor Phillips"
    )


def test_a_quote_after_a_reported_statement_is_its_speakers() -> None:
    """BBC sport/385 (held-out 6), politics/042: a quotation with no frame of its own that
    opens a sentence right after "Woodward stressed his Lions group might not be ..." is
    Woodward's, as one after his framed quotation would be. Not when the quotation has a
    frame after it, nor when the sentence before is inside an open quotation."""
    assert _texts(
        "Lions\n\nThe squad is young. As a result, Clive Woodward stressed his Lions group "
        "might not be dominated by players from England. \"Scotland's recent results have "
        'not been that impressive but there have been some excellent performances."'
    )[-1] == (
        "direct",
        "Clive Woodward",
        "Scotland's recent results have not been that impressive but there have been some "
        "excellent performances",
    )
    assert (
        _speakers(
            'Deal\n\nDeutsche Boerse said it would lift its dividend payment. "There is a whiff '
            'of a sweetener in there," Anais Faraj, an analyst at Nomura told the BBC.'
        )[-1]
        != "Deutsche Boerse"
    )
    assert ("direct", "The board") not in [
        (kind, speaker)
        for kind, speaker, _ in _texts(
            'Bid\n\nThe bid failed. "We tried hard to make it work. The board said it would '
            'be fine for the shareholders in the end. "We did our best for everyone involved."'
        )
    ]


def test_a_day_before_a_named_speaker_is_no_speaker() -> None:
    """BBC business/015: "On Wednesday, Jacques Barrot, vice president of the European
    Commission, said that ..." is Jacques Barrot, not "Wednesday"."""
    assert _speakers(
        "Air travel\n\nThe rules were agreed. On Wednesday, Jacques Barrot, vice president of "
        "the European Commission, said that the changes were necessary for passengers."
    ) == ["Jacques Barrot"]


def test_a_persons_spokesman_is_named_by_the_persons_fullest_name() -> None:
    """BBC politics/035 (held-out 7), politics/129: "Mr Blair's official spokesman said" is
    "Tony Blair's official spokesman", not "spokesman", however the person is titled."""
    assert _speakers(
        "EU\n\nTony Blair backs Turkey. Mr Blair's official spokesman said: \"The prime "
        "minister has regular meetings with both of them.\" Prime Minister Tony Blair's "
        'official spokesman said: "We are making the usual contingency plans."'
    ) == ["Tony Blair's official spokesman", "Tony Blair's official spokesman"]


def test_our_correspondent_is_the_correspondent_the_article_named() -> None:
    """BBC politics/294, 076: "Our correspondent said" is the BBC correspondent the article
    named before ("BBC correspondent Stephen Cape"), as "the correspondent" would be."""
    assert _speakers(
        "Pensions\n\nBBC correspondent Stephen Cape said the unions were united. Our "
        "correspondent said that no deal had been offered in that meeting."
    ) == ["Stephen Cape", "Stephen Cape"]


def test_hinted_that_and_by_claiming_report_what_was_said() -> None:
    """BBC sport/110 (held-out 7), sport/235 (held-out 6): "Meersseman hinted that CLAUSE"
    and "Wenger has stepped up his feud ... by claiming CLAUSE" are statements; "crowned a
    great day by claiming victory in the women's race" is a race won, nothing said."""
    assert _texts(
        "Robben\n\nRobben had been expected to be out for six weeks, but Meersseman hinted "
        "that the winger could be fit for the game on 8 March."
    ) == [("indirect", "Meersseman", "the winger could be fit for the game on 8 March")]
    assert _texts(
        "Row\n\nArsene Wenger has stepped up his feud with Sir Alex Ferguson by claiming the "
        "Manchester United manager is guilty of bringing football into disrepute."
    ) == [
        (
            "indirect",
            "Arsene Wenger",
            "the Manchester United manager is guilty of bringing football into disrepute",
        )
    ]
    assert (
        _texts(
            "Cross-country\n\nGelete Burka then crowned a great day for Ethiopia by claiming "
            "victory in the women's race."
        )
        == []
    )


def test_a_report_joined_to_a_quoting_frame_is_a_statement_too() -> None:
    """BBC politics/190 (held-out 6): 'he told the TES that truancy was "very bad" and said
    "firm action" was needed' reports the first clause too, not only the quotation after
    "and said"."""
    assert _texts(
        "Truancy\n\nMichael Howard spoke on Monday. But he told the Times Educational "
        'Supplement that truancy was "very bad" and said "firm action" was needed.'
    )[0] == ("indirect", "Michael Howard", 'truancy was "very bad"')


def test_a_first_person_speaker_is_no_report() -> None:
    """BBC sport/218, tech/358 (a column's writer: "I believe the problem lies ...", "we can
    expect to see"): a statement whose speaker stays "I" or "we" reports nobody's words."""
    assert (
        _speakers(
            "Arsenal\n\nMuch criticism has been aimed at Pascal Cygan, but I believe the problem "
            "lies with the absence of Campbell and its overall effect on Arsenal's defence."
        )
        == []
    )
    # Nor resolved first (BBC entertainment/253, readers' views): "Personally I" had become a
    # name, the fullest form of every later "I"
    assert (
        _speakers(
            "Your views\n\nIt is a poor list. Personally I would have chosen another song. Love "
            "Will Tear Us Apart should have won, in all seriousness. I think that the best song of "
            "the last 25 years should not include songs less than 5 years old."
        )
        == []
    )


def test_they_is_the_plural_subject_the_parse_reads_just_before() -> None:
    """BBC business/036, tech/207: "Delegations of business leaders have been heading to the
    SEC to protest. They say ..." is those business leaders, where the patterns of
    _plural_before find nobody (it was "They")."""
    assert _speakers(
        "Rules\n\nThe rules are costly. Delegations of European business leaders have been "
        "heading to Washington to protest. They say the burden is too expensive and the "
        "timescale too short."
    ) == ["Delegations of European business leaders"]
    assert _speakers(
        "Tobacco\n\nThe case goes on. The tobacco companies deny that they illegally "
        "conspired to promote smoking. They also say they have already met many of the "
        "government's demands."
    ) == ["The tobacco companies", "tobacco companies"]


def test_it_before_any_body_spoke_is_the_subject_the_parse_reads() -> None:
    """BBC business/358, politics/116: "German investment bank Deutsche Bank has challenged
    ... In a court filing on Tuesday, it said" is Deutsche Bank; "The committee reached its
    conclusions ... It warned" is the committee. Not a person ("British actor Clive Owen")."""
    assert _speakers(
        "Deutsche attacks Yukos case\n\nGerman investment bank Deutsche Bank has challenged "
        "the right of Yukos to claim bankruptcy protection in the US. In a court filing on "
        "Tuesday, it said the Russian oil giant has few Texas ties beyond bank accounts."
    ) == ["Deutsche Bank"]
    assert _speakers(
        "Awards\n\nThe film won. British actor Clive Owen won a Golden Globe for his role. "
        "Later it said the decision was unanimous and final."
    ) != ["British actor Clive Owen"]


def test_a_person_the_lead_describes_is_named_by_the_next_speaker() -> None:
    """BBC business/027, politics/379: the lead's "its chief executive has said" names its
    speaker in the next statement ("Lakshmi Mittal said"); not when that person holds another
    post ("The foreign secretary" is not "Home Secretary Charles Clarke")."""
    assert _speakers(
        "Steel firm 'to cut' 45,000 jobs\n\nMittal Steel could cut up to 45,000 jobs over "
        "the next five years, its chief executive has said. Lakshmi Mittal said the "
        "combined company will have to shed thousands of jobs."
    ) == ["Lakshmi Mittal", "Lakshmi Mittal"]
    assert _speakers(
        "Election 'could be terror target'\n\nTerrorists might try to target the UK in the "
        "run-up to the election, London's most senior police officer has said. Sir Ian "
        "Blair said terror groups would remember the Madrid bombs."
    ) == ["Ian Blair", "Ian Blair"]
    assert (
        _speakers(
            "Lords ruling\n\nThe right to life is the most important liberty, the foreign "
            "secretary said. Home Secretary Charles Clarke said the nine men would stay in prison."
        )[0]
        != "Charles Clarke"
    )


def test_a_post_one_person_holds_is_the_person_who_opened_the_sentence_before() -> None:
    """BBC politics/184, sport/154: "Tony Blair has rejected calls ... The prime minister
    told his monthly press conference"; "Jose Antonio Reyes has added ... The Spaniard
    believed". Not a person the statement itself names ("But the chancellor said Mr Baume
    was never at meetings")."""
    assert _speakers(
        "Blair rejects Iraq advice calls\n\nTony Blair has rejected calls for the publication "
        "of advice on the legality of the Iraq war. The prime minister told his monthly press "
        "conference the matter had been dealt with by the Attorney General."
    ) == ["Tony Blair"]
    assert _speakers(
        "Reyes tricked\n\nJose Antonio Reyes has added to speculation linking him with a move "
        "to Real Madrid. The Spaniard said he was talking to Real Madrid's sporting director."
    ) == ["Jose Antonio Reyes"]
    assert _speakers(
        "Brown row\n\nJonathan Baume, of the top civil servants' union, spoke of competing "
        "agendas. But the chancellor said Mr Baume was never at meetings between them."
    ) != ["Jonathan Baume"]


def test_he_is_never_a_body_that_told_a_paper_it_would() -> None:
    """BBC business/501: "Aguas Argentinas told the Argentine newspaper Clarin it would not
    accept ..." makes it a body; the "he" after "The Planning Minister didn't rule out ..."
    is not Aguas Argentinas."""
    speakers = _speakers(
        "Water row\n\nPlanning Minister Julio De Vido has offered State help. Mr De Vido "
        "said the state would not pay. However, Aguas Argentinas told the Argentine newspaper "
        "Clarin it would not accept any change to its legal structure. The Planning Minister "
        "didn't rule out cancelling the Aguas Argentinas concession. Yet he added that he "
        "didn't like to do futurology."
    )
    assert speakers[-1] == "Julio De Vido"


def test_he_is_the_one_person_named_before_even_with_his_own_he() -> None:
    """BBC business/501: "When President Nestor Kirchner of Argentina arrived in power he
    began to negotiate ... But he has rejected ..., alleging" is Kirchner: the sentence's
    "he" is his own, after his name (a "he" before it is someone else's)."""
    speakers = _speakers(
        "Water row\n\nMr De Vido said the state would not pay a subsidy. When President "
        "Nestor Kirchner of Argentina arrived in power he began to negotiate a solution. But "
        "he has said any tariff increase would impoverish citizens further."
    )
    assert speakers[-1] == "Nestor Kirchner"
    speakers = _speakers(
        "Water row\n\nMr De Vido said the state would not pay a subsidy. He did not think "
        "President Nestor Kirchner would agree. But he has said any tariff increase would "
        "impoverish citizens further."
    )
    assert speakers[-1] != "Nestor Kirchner"


def test_a_verb_before_a_role_word_is_no_title() -> None:
    """BBC sport/339: "Sir Clive Woodward will coach the Northern team" opens its sentence
    with Woodward; "will coach" is no title like "WMC chairman Tommie Bergman"."""
    speakers = _speakers(
        "Aid match\n\nFrance's Fabien Pelous, Gordon Bullock of Scotland and Italy's Marco "
        "Bortolami are also in the party. Sir Clive Woodward will coach the Northern team. "
        '"I\'m looking forward to working with such outstanding players," he said.'
    )
    assert speakers == ["Clive Woodward"]


def test_a_headline_surname_is_no_company() -> None:
    """BBC entertainment/333: "Actor Scott is new Bond favourite" names James Bond, not a
    company "the firm" could be; the bookmaker the article described is."""
    assert _speakers(
        "Actor Scott is new Bond favourite\n\nBookmaker William Hill has stopped taking bets "
        "on who will be the next James Bond, after wagers on Dougray Scott. The firm closed "
        'the book on Friday, saying "insider information" could have played a part. The next '
        "Bond film is delayed. Scott is no Bond yet."
    ) == ["William Hill"]


def test_a_description_after_the_verb_is_taken_whole() -> None:
    """BBC sport/366: '"Now it's basically bring it on!" said the giant winger.' is Jonah
    Lomu, the mention "the giant winger" (not "the giant", a company's word); not "the
    company yesterday"."""
    text = (
        'Lomu back\n\nJonah Lomu is fit again. "Now it\'s basically bring it on!" said the '
        "giant winger."
    )
    [st] = find_statements(text)
    assert (st.speaker, text[st.speaker_start : st.speaker_end]) == (
        "Jonah Lomu",
        "the giant winger",
    )
    text = 'Deal\n\nThe shares rose. "We are pleased," said the company yesterday.'
    [st] = find_statements(text)
    assert text[st.speaker_start : st.speaker_end] == "the company"


def test_a_name_after_someones_description_is_the_speaker() -> None:
    """BBC entertainment/279, tech/092: "The rapper's lawyer Ron Rakosky said" is Ron
    Rakosky; "the country's Court of Appeal cleared him, saying" stays the Court of Appeal."""
    assert _speakers(
        "Rapper case\n\nThe rapper filmed a video behind bars. The rapper's lawyer Ron "
        'Rakosky said: "The bottom line is, we did nothing wrong."'
    ) == ["Ron Rakosky"]
    assert _speakers(
        "Music case\n\nA court ruled in 2003 that Bruvik would have to pay, but the country's "
        "Court of Appeal cleared him, saying that the violation occurred when others posted "
        "the music."
    ) == ["Court of Appeal"]


def test_it_after_a_body_named_by_description_is_that_body() -> None:
    """BBC business/154: "the independent Institute for Fiscal Studies (IFS) said ... It also
    said" is the institute both times, not the Treasury that spoke before."""
    assert _speakers(
        "Budget\n\nThe Treasury said there would be no relaxation. In January the independent "
        "Institute for Fiscal Studies (IFS) said Mr Brown would need to raise taxes. It also "
        "said the government might narrowly miss its golden rule."
    ) == ["The Treasury", "Institute for Fiscal Studies", "Institute for Fiscal Studies"]


def test_it_is_the_body_the_narration_just_before_is_about() -> None:
    """BBC business/275, business/282: "The opposition also made political capital from the
    figures. It said" is the opposition, not the agency that spoke last; not when the
    sentence before is a report of the last speaker's."""
    speakers = _speakers(
        "Jobless\n\nThe German Federal Labour Agency said unemployment rose to 5.2 million. "
        "The opposition also made political capital from the figures. It said there are a "
        "further 1.5 million people on subsidised schemes."
    )
    assert speakers[-1] == "The opposition"
    speakers = _speakers(
        "Rates\n\nThe Bank of England held rates. Manufacturers' organisation the EEF said it "
        "expected the hold to continue. It also said confidence may be waning."
    )
    assert speakers[-1] == speakers[-2] != "Manufacturers' organisation"


def test_the_report_is_the_document_that_spoke() -> None:
    """BBC tech/103, tech/059: "says a report from analysts Gartner. ... The report
    predicts" is that report; "A separate study by Gartner has also said ... said the
    report" right after it is that study; "It" next is it too."""
    assert (
        _speakers(
            "Phones\n\nCamera phones will sell well, says a report from analysts Gartner. "
            "Nokia said that its sales rose sharply. The report predicts that nearly 70% of "
            "phones will have cameras. It also said prices would fall."
        )
        == ["report from analysts Gartner", "Nokia"] + ["report from analysts Gartner"] * 2
    )
    assert (
        _speakers(
            "Mobile TV\n\nPeople do not want music on phones, said Jupiter. A separate study by "
            "Gartner has also said TV broadcasts to mobiles are unlikely until 2007. Technical "
            "issues must be resolved first, said the report. It said batteries are a problem."
        )[1:]
        == ["separate study by Gartner"] * 3
    )


def test_an_acronym_the_article_spells_out_is_that_name_though_a_letter_is_missing() -> None:
    """BBC tech/091: "The Movie Association for America's (MPAA) free Parent File Scan
    ... The MPAA said" is the Movie Association for America, as the article writes it."""
    assert _speakers(
        "Movie body\n\nThe body released a tool aimed at parents.\n\nThe Movie Association "
        "for America's (MPAA) free software lets parents check computers. The MPAA said files "
        "found would not be passed on to it."
    ) == ["Movie Association for America"]


def test_a_long_description_after_the_verb_is_kept_whole() -> None:
    """BBC entertainment/036, sport/282: '"...," said the two-time Academy Award winner.' is
    no "Academy Award"; "said the Old Trafford boss" is the manager the story is about."""
    text = (
        'Hanks\n\nTom Hanks greeted the fans. "Christmas is a special time," said the '
        "two-time Academy Award winner."
    )
    [st] = find_statements(text)
    assert text[st.speaker_start : st.speaker_end] == "the two-time Academy Award winner"
    assert _speakers(
        "Ferguson hails resolve\n\nManchester United's Alex Ferguson has praised his players. "
        '"That was our hardest away game of the season," said the Old Trafford boss.'
    ) == ["Alex Ferguson"]


def test_a_name_set_off_by_commas_before_the_verb_frames_a_quote() -> None:
    """BBC sport/464: 'LTA chief executive, John Crowther, added: "..."' is Crowther's, not
    a continuation of the speaker before."""
    assert _speakers(
        'Connors\n\nJimmy Connors said: "A short-term arrangement is just confusing. The '
        'kids will ask what they are doing there." LTA chief executive, John Crowther, added: '
        '"The relationship that Jimmy has started to develop with the coaches is good."'
    ) == ["Jimmy Connors", "John Crowther"]


def test_he_after_a_subordinate_clause_is_the_main_clauses_subject() -> None:
    """BBC politics/272: "As Michael Howard kicked off his campaign, the Lib Dem leader
    Charles Kennedy dismissed ... And he insisted" is Kennedy; not when the clause's own
    "she" is its person ("When Joy Rainey started in 1974 she was continuing ..."), nor in
    a quotation's "If ..." sentence."""
    assert (
        _speakers(
            "Kennedy\n\nMr Blair said the poll was open. As Michael Howard kicked off his "
            "election campaign, the Lib Dem leader Charles Kennedy dismissed the Conservatives. "
            "And he insisted there was no limit to his party's ambitions."
        )[-1]
        == "Charles Kennedy"
    )
    assert (
        _speakers(
            "Rally\n\nDave Hawkins said the cars were safe. When Joy Rainey started competing in "
            "1974 she was continuing the family tradition - her father, Murray, is a champion. "
            'She uses an ordinary road car. "In a competition car you have to have everything '
            'right," she said.'
        )[-1]
        == "Joy Rainey"
    )
    assert (
        _speakers(
            'Howard\n\nMichael Howard spoke. "I come from an ordinary family. If the teenage '
            'Michael Howard were applying today, Gordon Brown would love me." And he stressed '
            "his party's commitment to cut taxes."
        )[-1]
        == "Michael Howard"
    )


def test_a_kin_word_before_a_name_gives_its_sex() -> None:
    """BBC entertainment/108: "His mother Katherine Jackson told Fox News ... she said" is
    her, though "Mr Jackson" makes the surname a man's."""
    speakers = _speakers(
        "Jackson\n\nA spokesman, Jason Stilwell, said the claims were false. Mr Jackson denies "
        "the charges. His mother Katherine Jackson told Fox News that her son was innocent. "
        '"I know his character," she said.'
    )
    assert speakers[-1] == "Katherine Jackson"


def test_it_is_never_people_named_by_a_plural_noun() -> None:
    """BBC tech/083: "security experts" spoke after Microsoft, and "Software piracy has cost
    the company billions, it says" is Microsoft."""
    speakers = _speakers(
        "Patch\n\nMicrosoft said it has released a patch. The flaw is serious, security "
        "experts said. Piracy has cost the company billions, it says."
    )
    assert speakers[-1] == "Microsoft"


def test_an_e_mail_is_one_word_to_the_parse() -> None:
    """BBC politics/009: "Mr Campbell's e-mail ... suggested they should get ..." is said by
    the e-mail, not by "Campbell's e" (the tokenizer split "e-mail" at its hyphen)."""
    text = (
        "E-mail row\n\nAlastair Campbell sent the e-mail by mistake. Mr Campbell's e-mail, "
        "which was apparently intended for a party official, suggested they should get an "
        "adviser to help."
    )
    mentions = [text[s.speaker_start : s.speaker_end] for s in find_statements(text)]
    assert mentions[-1].endswith("Campbell's e-mail")


def test_a_title_case_acronym_is_the_name_the_article_spells_out() -> None:
    """BBC tech/118, politics/090: "Icann said", "Sepa predict" are the Internet Corporation
    for Assigned Names and Numbers and the Scottish Environment Protection Agency."""
    assert _speakers(
        "Domains\n\nThe Internet Corporation for Assigned Names and Numbers met on Monday. "
        "Icann said its early decision on the two domains was final."
    ) == ["Internet Corporation for Assigned Names and Numbers"]


def test_a_plural_possessive_is_no_part_of_a_name() -> None:
    """BBC entertainment/167: "Ricky Gervais' new sitcom" names Ricky Gervais, who "the
    comedian" and a later "Gervais" are."""
    assert _speakers(
        "Gervais sitcom\n\nHollywood actors have signed up for Ricky Gervais' new sitcom, the "
        'comedian has told BBC News. "We wanted actors who had iconic status," Gervais said.'
    ) == ["Ricky Gervais", "Ricky Gervais"]


def test_a_report_inside_a_report_is_the_inner_speakers() -> None:
    """BBC politics/046, politics/141: "Mr Howard said Mr Blunkett had complained he had
    inherited a giant mess" is Blunkett's (QUOTES.md rule 6), and "he" next is still Howard;
    not "said he believed" (the same person), "said that when Mr Johnson had announced"
    (no clause of his), "Mr Houston's reported views" or "Asian states must" (no verb)."""
    statements = find_statements(
        "Blunkett row\n\nMichael Howard spoke on Monday. Mr Howard said Mr Blunkett had "
        "complained he had inherited a giant mess at the Home Office. He also said he was "
        "confident of winning."
    )
    assert [(s.speaker, s.text) for s in statements] == [
        ("Blunkett", "he had inherited a giant mess at the Home Office"),
        ("Michael Howard", "he was confident of winning"),
    ]
    for sentence in (
        "Mr Croucher said the main issue would be that Mr Houston's reported views had been "
        "presented as policy.",
        "European leaders say Asian states must let their currencies rise.",
        "Sir Archy said that when Mr Johnson had announced the move he got the clear "
        "impression the chief was retiring.",
    ):
        [st] = find_statements("Row\n\n" + sentence)
        assert st.speaker in {"Croucher", "European leaders", "Archy"}, st.speaker  # outer


def test_a_possessor_opening_a_sentence_is_not_its_subject() -> None:
    """BBC sport/079: "Kenteris's lawyer, Gregory Ioannidis, reacted angrily ... "...," he
    said" is Ioannidis, who opens the sentence after whose lawyer he is."""
    assert _speakers(
        "Row\n\nKostas Doe missed a test. John Smith said the case was closed. Doe's lawyer, "
        'Sam Roe, reacted angrily to Mr Smith\'s comments. "This is a disgrace to the court," '
        "he said."
    ) == ["John Smith", "Sam Roe"]


def test_a_judge_or_constable_is_a_title_before_a_name() -> None:
    """BBC business/025, politics/137: "Texas Judge Letitia Clark said", "Suffolk Chief
    Constable Alastair McWhirter ... told the BBC" are the people, who "she"/"he" is next."""
    assert _speakers(
        "Case\n\nHigh Court Judge Ann Lee said the ruling would stand. She said the appeal "
        "had failed."
    ) == ["Ann Lee", "Ann Lee"]


def test_a_long_description_with_an_age_is_the_person_of_that_age() -> None:
    """'The 31-year-old sprinter from Leeds said' is the person the article gave that age;
    "the mother-of-nine said" (BBC entertainment/108) is the woman the story is about."""
    assert (
        _speakers(
            "Race\n\nJane Roe, 31, won the race. Mr Smith said it was close. The 31-year-old "
            "sprinter from Leeds said she was delighted with the win."
        )[-1]
        == "Jane Roe"
    )
    assert _speakers(
        "Jackson\n\nHis mother Katherine Jackson told Fox News that her son was innocent. "
        'Describing him as "a good person", the mother-of-nine said she feared he would not '
        "be given a fair trial."
    ) == ["Katherine Jackson", "Katherine Jackson"]


def test_they_is_the_plural_subject_one_sentence_further_back() -> None:
    """BBC tech/370: "Judges at the US Supreme Court heard evidence ... The court will
    decide whether ... They questioned if" are the judges, named two sentences before."""
    speakers = _speakers(
        "File sharing\n\nMGM said the case was vital. Judges at the US Supreme Court heard "
        "evidence on Tuesday. The court will decide whether producers of the software can "
        "be held responsible. They questioned if opening the way for the industry to sue "
        "would stifle innovation."
    )
    assert speakers[-1] == "Judges at the US Supreme Court"


def test_the_spokesman_is_whose_spokesman_the_narration_named() -> None:
    """BBC politics/009: "Later the prime minister's spokesman was asked ... The spokesman
    said:" is the prime minister's spokesman, not a spokesman of no one."""
    assert (
        _speakers(
            "Row\n\nThe mayor said the plan was good. Later the prime minister's spokesman was "
            'asked about the cost. The spokesman said: "We will publish the figures next week."'
        )[-1]
        == "prime minister's spokesman"
    )


def test_a_participle_after_a_comma_is_said_by_the_main_subject() -> None:
    """'Mr Doe then e-mailed Mr Roe pointing out the error, but suggesting ...' is Doe's
    suggestion, where the parse makes Roe the subject of "pointing"; BBC politics/407 "Mr
    Boateng served ... before being elected in 1987, declaring "..."" is Boateng's."""
    text = (
        "Row\n\nJohn Doe sent an e-mail. Realising his mistake, Mr Doe then e-mailed Mr Roe "
        "pointing out the error, but suggesting the editor would have laughed."
    )
    assert [s.speaker for s in find_statements(text)] == ["John Doe"]
    # BBC politics/009 itself, where the parse reads "Mr McFadyen pointing out" as a clause
    # of its own (a ccomp with a subject, not a participle joined to the verb)
    text = (
        "Row\n\nAlastair Campbell sent an e-mail. Realising his error, Mr Campbell then "
        "e-mailed Mr McFadyen pointing out the mistake, but suggesting presenter Jeremy Paxman "
        "would have seen the funny side."
    )
    assert [s.speaker for s in find_statements(text)] == ["Alastair Campbell"]


def test_an_adverbial_before_a_frame_is_no_statement() -> None:
    """BBC tech/052, tech/023: "But earlier this year, Microsoft said it had reached ..." is
    the clause after "said", not "But earlier this year"; "In some locations, he said,
    permission to dig up roads was impossible to get" is the clause after the frame."""
    [st] = find_statements(
        "Sales\n\nBut earlier this year, Acme said it had sold five million units."
    )
    assert st.text == "it had sold five million units"
    [st] = find_statements(
        "Roads\n\nIn some locations, he said, permission to dig up roads was impossible to get."
    )
    assert st.text == "permission to dig up roads was impossible to get"
    [st] = find_statements("Sales\n\nSales will rise sharply this year, Acme said.")
    assert st.text == "Sales will rise sharply this year"


def test_a_speaker_span_starts_after_a_subordinator() -> None:
    """BBC tech/080, business/344: "Poland requested more time to consider the issue
    because it was concerned that ..." is Poland's ("it"), not "the issue because it"; "But
    while some observers said" is "some observers"."""
    text = (
        "Talks\n\nPoland requested more time to consider the issue because it was concerned "
        "that the law could lead to patents on software."
    )
    [st] = find_statements(text)
    assert (st.speaker, text[st.speaker_start : st.speaker_end]) == ("Poland", "it")


def test_claims_denied_by_a_body_is_no_frame() -> None:
    """BBC politics/009: "..., caused outrage, claims denied by Labour." reports nothing:
    "claims" is a noun there, not a verb whose speaker is "denied by Labour"."""
    assert (
        find_statements(
            "Row\n\nThe posters, which showed the leader as a villain, caused outrage, claims "
            "denied by Acme."
        )
        == []
    )


def test_a_directive_with_an_infinitive_is_reported() -> None:
    """QUOTES.md rule 7; BBC tech/007, sport/305: "Microsoft has warned PC users to update
    their systems", "Kirwan has challenged his side to match ..."; not without an addressee
    ("she was challenged to eat fish eyes")."""
    text = "Patches\n\nMicrosoft has warned PC users to update their systems with new fixes."
    found = [(s.speaker, s.text) for s in find_statements(text)]
    assert found == [("Microsoft", "to update their systems with new fixes")]
    text = "Show\n\nThe singer did badly and was challenged to eat fish eyes on Monday."
    assert find_statements(text) == []


def test_a_quote_of_several_sentences_framed_by_a_spokesman_is_one_direct() -> None:
    """BBC tech/080, business/252: '"There was at one point the intention ... But in the end
    we could not put it on," an EU spokesman said' is one direct statement, not the last
    sentence reported."""
    [st] = find_statements(
        'Row\n\nThe firm spoke. "We had a plan. But we could not do it in time," a spokesman '
        "told the agency."
    )
    assert (st.kind, st.text) == ("direct", "We had a plan. But we could not do it in time")


def test_his_aide_is_the_aide_of_the_person_named_just_before() -> None:
    """BBC business/246, entertainment/149: "Mr Ebbers has denied all the charges. His lawyers
    claim ..." is Bernie Ebbers's lawyers; "her" only of someone the article makes a woman
    (not "Open chief Paul McNamee had said ... But her spokesman"); a name set beside the
    aide is the speaker ("His assistant, Alice Marchak, said")."""
    text = (
        "Trial\n\nBernard Ebbs ran the firm. Mr Ebbs has denied all the charges. His lawyers "
        "claim that their client was unfamiliar with accounting."
    )
    speakers = [s.speaker for s in find_statements(text)]
    assert speakers[-1] == "Bernard Ebbs's lawyers"
    text = (
        'Wrist\n\nOpen chief Paul Nolan had said: "Her wrist is bad." But her spokesman '
        "insisted she had simply delayed her entry."
    )
    assert find_statements(text)[-1].speaker == "her spokesman"
    text = (
        "Moustache\n\nMarlon Brandt liked the role. His assistant, Alice Marsh, said that he "
        "looked like an actor famed for playing gangsters."
    )
    [st] = find_statements(text)
    assert (st.speaker, st.role) == ("Alice Marsh", "Marlon Brandt's assistant")


def test_a_name_before_a_possessive_title_is_a_full_name() -> None:
    """BBC sport/494, entertainment/147: "Andre Agassi's Australian coach" names Andre
    Agassi, so a later "Agassi confirmed" is he, not "Agassi"."""
    text = (
        "Coach\n\nSome reports claim Federer wanted Andre Agassi's Australian coach, before "
        "Agassi confirmed he would play on in 2005."
    )
    assert find_statements(text)[-1].speaker == "Andre Agassi"


def test_a_quote_after_a_report_with_a_quoted_fragment_is_the_reporters() -> None:
    """BBC politics/187, business/242: 'X said the way the government had handled the bill
    was a "shambles". "This announcement is a further humiliating retreat."' is X's, though
    the sentence before quotes a word."""
    text = (
        'Bill\n\nShadow minister John Whitby said the bill was a "shambles". "This announcement '
        'is a further humiliating retreat by the government."'
    )
    found = [(s.speaker, s.kind, s.text) for s in find_statements(text)]
    assert found[-1] == (
        "John Whitby",
        "direct",
        "This announcement is a further humiliating retreat by the government",
    )


def test_telling_someone_that_is_a_frame() -> None:
    """BBC politics/408: 'Margaret Beckett rejected Mr Howard's comment, telling Radio 4's PM
    programme that Labour was not "rattled".' is hers; not where the first clause is a
    report of its own ("Zelensky suggested CLAUSE, telling AP that")."""
    text = (
        "Row\n\nEnvironment Secretary Margaret Beck rejected Mr Howe's comment, telling Radio "
        '4\'s PM programme that Labour was not "rattled".'
    )
    found = [(s.speaker, s.text) for s in find_statements(text)]
    assert found == [("Margaret Beck", 'Labour was not "rattled"')]
    # the quote after it is not Howe's, whose comment it was
    quoted = text + ' "We have a very real duty to try to get people to focus."'
    assert all("Howe" not in s.speaker for s in find_statements(quoted))
    text = (
        "Talks\n\nPresident Ivan Zelen recently suggested Putin had received no guarantees "
        "of support, telling reporters that the visit was not good for Russia."
    )
    texts = [s.text for s in find_statements(text)]
    assert any(t.startswith("Putin had received no guarantees of support") for t in texts)


def test_a_pronoun_after_a_phrase_with_no_comma_is_the_mention() -> None:
    """BBC entertainment/192, politics/036: "Asked whether he thought the BBC should have
    screened the controversial musical he said:" and "On the Asian tsunami he said" name
    "he", not "the controversial musical he"."""
    text = (
        "Show\n\nJerry Springer defended the show. Asked whether the BBC should have screened "
        'the musical he said: "I don\'t know if they should have had it on television."'
    )
    [st] = find_statements(text)
    assert (st.speaker, text[st.speaker_start : st.speaker_end]) == ("Jerry Springer", "he")


def test_he_or_she_in_a_sentence_a_person_opens_is_that_person() -> None:
    """BBC politics/232, politics/072: 'Deputy Mayor Nicky Gavron told the BBC's Politics
    Show she believed ...' is Gavron, though Bob Neill spoke last; not ", he said" after a
    clause with its own subject, nor "he" after a subordinator with another person between
    (politics/007: "repaid £500,000 to Lord Ashcroft after he said")."""
    text = (
        'Mayor\n\nTory Bob Neill said the mayor was "disgraceful". On Sunday, Deputy Mayor '
        "Nicky Gavron told the BBC's Politics Show she believed the mayor would say sorry."
    )
    assert find_statements(text)[-1].speaker == "Nicky Gavron"
    text = (
        'Tax\n\nMichael Howe said voters were "fed up". Tony Blare has failed to tackle '
        "these problems, he claimed."
    )
    assert find_statements(text)[-1].speaker == "Michael Howe"
    text = (
        "Fox attacks\n\nTory co-chairman Liam Foy was speaking on Sunday. The Tory co-chairman "
        'attacked the pledges as "vacuous". Dr Foy refused to discuss reports that the party '
        "had repaid £500,000 to former Tory Treasurer Lord Ashcroft after he said the party "
        "could not win the election."
    )
    assert find_statements(text)[-1].speaker != "Liam Foy"


def test_reckon_adamant_and_what_a_document_finds_or_shows() -> None:
    """BBC business/180, tech/305, business/168, tech/109: "Analysts reckon that ...", "X was
    adamant that ...", "A CBI quarterly survey found output had risen ...", "The research
    showed that ..."; not "The survey found a rise" nor "The incident showed that"."""
    cases = {
        "Analysts reckon the firm will grow.": ("Analysts", "the firm will grow"),
        "Mr Dorn, a manager, was adamant that the plan would work.": (
            "Dorn",
            "the plan would work",
        ),
        "A Kell quarterly survey found output had risen in seven years.": (
            "Kell quarterly survey",
            "output had risen in seven years",
        ),
        "The Nokia-sponsored research showed that mobiles were used for other things.": (
            "The Nokia-sponsored research",
            "mobiles were used for other things",
        ),
    }
    for sentence, expected in cases.items():
        [st] = find_statements("Head\n\n" + sentence)
        assert (st.speaker, st.text) == expected, sentence
    for sentence in ("The survey found a rise in spending.", "The crash showed that it failed."):
        assert find_statements("Head\n\n" + sentence) == [], sentence
    # figures someone cites as showing something are the innermost report, whose speaker the
    # gold sets give (rule 6: "They claim government figures show that" -> government figures)
    [st] = find_statements("Head\n\nAnalysts say the figures show the market may be slowing.")
    assert (st.speaker, st.text) == ("the figures", "the market may be slowing")


def test_according_to_after_a_conjunction_and_inside_a_clause() -> None:
    """BBC business/071, tech/121: "Now, according to Asahi Breweries, the market ... is set to
    grow", "However, according to researchers, it will ..."; politics/336, tech/138: "The
    problem, according to Mr Lane, is not ...", "Before July this year, according to
    WebSideStory, Internet Explorer was used ...": the clause after the frame is reported,
    not after a whole clause ("Prices fell 4% in May, according to Kell, their biggest ...")."""
    cases = {
        "And according to Kell data, sales fell by 3% last year.": "sales fell by 3% last year",
        "However, according to researchers, it will take many years.": ("it will take many years"),
        "Before July this year, according to Webside, Explorer was used by 95% of surfers.": (
            "Explorer was used by 95% of surfers"
        ),
        "The problem, according to Mr Lane, is not divisions over Iraq.": (
            "is not divisions over Iraq"
        ),
    }
    for sentence, expected in cases.items():
        texts = [s.text for s in find_statements("Head\n\n" + sentence)]
        assert expected in texts, sentence
    found = find_statements("Head\n\nPrices fell 4% in May, according to Kell, their biggest fall.")
    assert [s.text for s in found] == ["Prices fell 4% in May"]


def test_passive_frames_quoted_as_saying_and_alleged_to_have_said() -> None:
    """BBC business/455, politics/125, politics/404: "Geoff Dixon was quoted by The
    Australian newspaper as saying CLAUSE", "Mr Houston is alleged to have said that CLAUSE",
    'Mr Houston was quoted in the Herald newspaper saying: "..."'."""
    cases = {
        "Chief executive Geoff Dix was quoted by The Australian as saying the carrier would "
        "cut jobs.": ("Geoff Dix", "the carrier would cut jobs"),
        "Mr Hughes is alleged to have said that the vote was rigged.": (
            "Hughes",
            "the vote was rigged",
        ),
        'Mr Hughes was quoted in the Herald saying: "I feel they have over-reacted."': (
            "Hughes",
            "I feel they have over-reacted",
        ),
    }
    for sentence, expected in cases.items():
        [st] = find_statements("Head\n\n" + sentence)
        assert (st.speaker, st.text) == expected, sentence


def test_a_kin_word_makes_a_one_word_name_a_person_of_that_sex() -> None:
    """BBC entertainment/137, entertainment/190: "Mr Eavis's daughter Emily said ... she
    said" is Emily, not Michael Eavis who spoke before."""
    text = (
        'Festival\n\nMichael Eavis said the event was "a success". His daughter Emily said it '
        'would change. "It might really change the system," she said.'
    )
    assert find_statements(text)[-1].speaker == "Emily"


def test_the_company_is_the_body_the_narration_before_opens_with() -> None:
    """BBC tech/390, business/123: "OptInRealBig was fighting several lawsuits ... The company
    said filing for Chapter 11 would help": the body the sentence before has for subject, when
    no company has spoken and the headline names none; not a person ("Former Scots Guardsman
    Allan Hendry will challenge Mr Ingram. The group said")."""
    text = (
        "Spam firm files\n\nOrbix was fighting several lawsuits on Monday. The company said "
        "the filing would help it resolve its problems."
    )
    assert find_statements(text)[0].speaker == "Orbix"
    text = (
        "Regiments\n\nFormer Scots Guardsman Allan Hendry will challenge Mr Ingram. The group "
        "said it is well organised."
    )
    assert find_statements(text)[0].speaker == "The group"


def test_a_speaker_after_to_or_inside_a_relative_clause_gives_way_to_the_subject() -> None:
    """BBC entertainment/274, sport/124: "The 28-year-old host who also presents Stars In
    Their Eyes said" is not "Stars In Their Eyes"; "United's statement to the stock exchange
    said" is not the stock exchange; but "according to reports" stays as it was."""
    text = (
        "Host quits\n\nCat Deel has resigned as host of the show. The 28-year-old host who "
        "also presents Stars In Their Eyes said she wanted to concentrate on new projects."
    )
    assert "Stars" not in find_statements(text)[0].speaker
    text = (
        "Bid\n\nGlazer owns a stake in the club, and United's statement to the stock exchange "
        "said the board had noted the recent press speculation."
    )
    # (whose statement it is: United's words, as held-out 17 annotates "Mr Tanzi's statement")
    assert find_statements(text)[0].speaker == "United"
    text = (
        "Raid\n\nPolice raided a BitTorrent site that, according to reports, let 10,000 users "
        "share pirated films."
    )
    assert find_statements(text)[0].speaker == "reports"


def test_a_nickname_and_a_possessive_object_are_no_statements() -> None:
    """BBC entertainment/117: 'Antonio "LA" Reid, chairman of ..., said:' quotes no "LA";
    politics/141, tech/165: "The Conservatives announced their support for the plans on
    Monday", "The team reported their findings in the Proceedings" report no clause."""
    text = 'Deal\n\nAntonio "LA" Reed, chairman of the group, said: "It is a great day for us."'
    assert [s.text for s in find_statements(text)] == ["It is a great day for us"]
    for sentence in (
        "The Conservatives announced their support for the government plans on Monday.",
        "The New York team reported their findings in the Proceedings of the Academy.",
    ):
        assert find_statements("Head\n\n" + sentence) == [], sentence
    [st] = find_statements("Head\n\nAcme said its profits rose sharply in May.")
    assert st.text == "its profits rose sharply in May"
    sentence = (
        "He says his remark last week was misrepresented but he will not contest the election "
        "for fear of damaging the Conservative cause."
    )
    [st] = find_statements("Head\n\n" + sentence)
    assert st.text.startswith("his remark last week was misrepresented")


def test_saying_without_a_comma_and_a_titled_person_before_saying() -> None:
    """BBC politics/239, politics/191, business/203: "Home Office minister Hazel Blears
    defended the move saying it would ..." is Hazel Blears (not "Home Office"), as is
    "Former Cabinet minister Clare Short has criticised ..., saying"; "TCI and Atticus have
    opposed the bid for some time saying it would ..."; not "got a message saying they"."""
    cases = {
        "But Home Office minister Hazel Blayers defended the move saying it would help.": (
            "Hazel Blayers",
            "it would help",
        ),
        "Former Cabinet minister Clare Shorter has criticised the coalition, saying the UN "
        "should lead.": ("Clare Shorter", "the UN should lead"),
        "Unions have opposed the bid for some time saying it would cost jobs.": (
            "Unions",
            "it would cost jobs",
        ),
    }
    for sentence, expected in cases.items():
        [st] = find_statements("Head\n\n" + sentence)
        assert (st.speaker, st.text) == expected, sentence
    sentence = (
        "The blocking began early on Monday so those outside the US and trying to view the "
        "site got a message saying they are not authorised to view it."
    )
    assert find_statements("Head\n\n" + sentence) == []
    # "quoted X as saying" stays X's (the development set's Shoigu)
    text = (
        "Head\n\nThe Russian press release quoted Shoigu as saying that the interaction "
        "between Russia and China has a stabilizing effect."
    )
    assert find_statements(text)[0].speaker == "Shoigu"


def test_a_sentence_after_a_quote_is_not_its_frame() -> None:
    """BBC politics/125, tech/276: '... said he had suspended Mr Houston. "He will remain
    suspended while ..." He said that any ...': the quote, which ends its sentence, is the
    reporter's; "He said that" opens a sentence of its own, no frame of the quote."""
    text = (
        "Row\n\nUKIP's Scotland chairman Peter Neilson said he had suspended Mr Houston. "
        '"He will remain suspended while the matter is being investigated." He said that '
        "any evidence would be examined."
    )
    found = [(s.speaker, s.kind) for s in find_statements(text)]
    assert found == [
        ("Peter Neilson", "indirect"),
        ("Peter Neilson", "direct"),
        ("Peter Neilson", "indirect"),
    ]


def test_the_companys_role_is_the_person_named_with_that_role() -> None:
    """A kind of error counted on held-out 10 (no BBC speaker changed): "Acme founder John
    Doe ... The firm's founder said" is John Doe; "the club" alone is still a body."""
    text = (
        "Deal\n\nAcme founder John Doe sold the firm in 1990. Sales rose by 5%. The firm's "
        "founder said the deal was good."
    )
    assert find_statements(text)[0].speaker == "John Doe"
    text = (
        "Bid\n\nUnited boss Alex Fergus won again. Glazer made a bid. The club said it would "
        "study the bid."
    )
    assert find_statements(text)[0].speaker != "Alex Fergus"


def test_people_named_by_a_noun_keep_its_modifier_and_place() -> None:
    """BBC politics/092, business/344, politics/170: "researchers from Leeds University said",
    "market observers said", "health officials in Powys said" are the speakers, not
    "researchers", "observers" or "Leeds University" (a kind counted on held-out 10)."""
    cases = {
        "On Monday, traders in Asia said the dollar would fall.": "traders in Asia",
        "On Monday, union officials said the strike would go ahead.": "union officials",
        "But researchers from Leeds University said the numbers were wrong.": (
            "researchers from Leeds University"
        ),
    }
    for sentence, expected in cases.items():
        [st] = find_statements("Head\n\n" + sentence)
        assert st.speaker == expected, sentence


def test_more_people_nouns_are_subjects() -> None:
    """BBC tech/079, tech/336: "Privacy advocates are concerned that ...", "some pundits
    thought the Mini was designed as ..." (a kind counted on held-out 8)."""
    [st] = find_statements("Head\n\nPrivacy advocates are concerned that tracking harms trust.")
    assert (st.speaker, st.text) == ("Privacy advocates", "tracking harms trust")


def test_what_a_document_finds_is_read_off_the_parse() -> None:
    """BBC entertainment/064, politics/112: "A recent poll of US pundits found Eastwood's
    boxing drama had become the new favourite", "A second poll for the Independent on Sunday
    found that ..."; a person's finding is no statement ("The police found that the door was
    locked" is narration), nor is "find" inside a reported clause a frame of its own
    (tech/081: "suggests 87% of searchers usually find what they were looking for")."""
    [st] = find_statements("Head\n\nA survey of 300 firms found that spending was flat last year.")
    assert (st.speaker, st.text) == ("survey of 300 firms", "spending was flat last year")
    text = (
        "Search\n\nThe report suggests 87% of searchers usually find what they were looking "
        "for when using a search engine."
    )
    [st] = find_statements(text)
    assert st.speaker == "The report"
    assert find_statements("Head\n\nThe guards found the door had been locked all night.") == []


def test_a_definite_speaker_between_commas_after_a_subordinate_clause() -> None:
    """BBC tech/255: "If the site did return, the message said, it would not be hosting any
    more torrent links": both sides, by the message (QUOTES.md: a frame inside a clause)."""
    text = "Head\n\nAlthough there was no proof, the bank said, police are still investigating."
    found = [(s.speaker, s.text) for s in find_statements(text)]
    assert ("the bank", "police are still investigating") in found


def test_a_report_named_by_its_noun_with_who_made_it() -> None:
    """BBC tech/255: "following an announcement by the Motion Picture Association of America
    that it was launching legal action"; not where the sentence has a frame of its own."""
    text = "Head\n\nShares rose after an announcement by Acme that profits would double."
    assert [(s.speaker, s.text) for s in find_statements(text)] == [
        ("Acme", "profits would double")
    ]
    text = (
        "Head\n\nMichael Howe has said a claim by Peter Hayne that the Tory leader is acting "
        'like an "attack mongrel" shows Labour is rattled.'
    )
    assert find_statements(text)[0].speaker == "Michael Howe"


def test_a_name_inside_a_lower_case_word_is_no_name() -> None:
    """BBC tech/332: "Apple iPod family expands market" made "the company" the "Pod" of
    "iPod" (it comes back more often than "Apple"); a name starts a word."""
    text = (
        "Apple iPod family expands market\n\nApple has expanded its iPod family. The iPod mini "
        "can hold 6GB. The company also said the gold version of the iPod mini would be dropped. "
        "Apple sold 10 million iPods."
    )
    assert [s.speaker for s in find_statements(text)] == ["Apple"]


def test_a_justice_before_a_full_name_is_a_title() -> None:
    """BBC tech/370: "Supreme Court Justice Stephen Breyer said ... He said" is Breyer twice,
    not Gary Shapiro who spoke before; "Lord Justice Rix" stays how the judge is named."""
    text = (
        'Head\n\n"The principles stand," said Gary Shapiro, chief executive of the Consumer '
        "Electronics Association. Supreme Court Justice Stephen Breyer said that inventions "
        "could be used to copy music. He said that the technology had good uses."
    )
    assert [s.speaker for s in find_statements(text)] == ["Gary Shapiro", *["Stephen Breyer"] * 2]
    text = "Head\n\nLord Justice Rix ruled that the case could go ahead."
    assert find_statements(text)[0].speaker == "Justice Rix"


def test_he_after_a_sentence_ending_with_but_and_a_speaker() -> None:
    """BBC sport/014: "Russian Dmitriy Bogdanov won ... and then claimed the race would be
    between himself and others but McIlroy is unfazed. He admitted: ..." is McIlroy."""
    text = (
        'Head\n\nJames McIlroy said: "I am happy." Dmitriy Bogdanov won last week and then '
        "claimed the race would be his but McIlroy is unfazed.\n\n"
        'He admitted: "He looked good."'
    )
    assert [s.speaker for s in find_statements(text)][-1] == "James McIlroy"


def test_a_party_is_named_as_the_article_narrates_it() -> None:
    """BBC politics/382: "The Tories say ..." where the article also writes "the
    Conservatives" is the Conservatives (the gold sets' fullest name); politics/194, whose only
    "Conservatives" is inside a quotation about American ones, keeps "The Tories"."""
    text = (
        "Head\n\nThe Conservatives unveiled their plans on Monday. The Tories say people "
        "fleeing persecution will not be denied sanctuary."
    )
    assert find_statements(text)[0].speaker == "Conservatives"
    text = (
        'Head\n\n"Conservatives here too have made their feelings clear," he said. The Tories '
        "said she broke a convention."
    )
    assert find_statements(text)[-1].speaker == "The Tories"


def test_a_body_spelt_out_before_its_initials_keeps_no_possessive_or_bracket() -> None:
    """BBC business/238: "A survey of 280 schemes by Incomes Data Services' (IDS) said ...
    IDS said" gave "Incomes Data Services'" and a speaker ending "(IDS"."""
    text = (
        "Head\n\nA survey of 280 schemes by Incomes Data Services' (IDS) said contributions "
        "had increased. IDS said there were some schemes in good health."
    )
    assert [s.speaker for s in find_statements(text)] == [
        "survey of 280 schemes by Incomes Data Services",
        "Incomes Data Services",
    ]


def test_a_long_description_by_a_person_noun_is_who_the_article_is_about() -> None:
    """BBC entertainment/036: '"...," added the two-time Academy Award winner' is Tom Hanks,
    the person the article names most; sport/011: '"...," said the European cross-country
    champion' right after "Hayley Yelling said" is Yelling, not Paula Radcliffe, whom the
    article names more."""
    text = (
        "Head\n\nTom Hanks arrived in Rome. Fans greeted Hanks. Hanks smiled for the cameras. "
        'The crowd cheered. "Christmas is a special time," added the two-time Academy Award '
        "winner."
    )
    assert find_statements(text)[-1].speaker == "Tom Hanks"
    text = (
        "Head\n\nPaula Radcliffe may miss the race. Radcliffe is injured. Radcliffe trains in "
        "France. Team member Hayley Yelling said the team would understand. "
        '"It would be fantastic to have her," said the European cross-country champion.'
    )
    assert find_statements(text)[-1].speaker == "Hayley Yelling"


def test_an_ampersand_joins_a_name() -> None:
    """BBC business/195: "accountancy firm Ernst & Young said" was "Young"."""
    text = (
        "Head\n\nEarlier this month, accountancy firm Ernst & Young said that revenues would fall."
    )
    assert find_statements(text)[0].speaker == "Ernst & Young"


def test_the_bank_is_the_one_the_article_describes_as_a_bank_and_is_about() -> None:
    """BBC business/297: "ABN Amro, the Netherlands' largest bank, ... following Deutsche Bank
    ... The bank said" is ABN Amro, named more often than Deutsche Bank; not where the mention
    names its own ("the Falic Group")."""
    text = (
        "Head\n\nABN Amro, the Netherlands' largest bank, is to cut 2,850 jobs. ABN Amro is the "
        "third bank to cut jobs, after Deutsche Bank. ABN Amro has been hit by a fall in "
        "lending. The bank said it was on course for a rise in net income."
    )
    assert find_statements(text)[0].speaker == "ABN Amro"


def test_a_one_word_body_with_a_description_is_no_person() -> None:
    """BBC business/321: "Diageo, the world's biggest spirits company, ... Diageo said ... It
    said" is Diageo twice: the description made Diageo a person, and "it" nobody; politics/116
    "Michelle, a mother of twins, said ... she said" stays Michelle."""
    text = (
        "Head\n\nDiageo, the world's biggest spirits company, has agreed to buy Chalone. Diageo "
        "said it expects approval. It said Chalone would be integrated."
    )
    assert [s.speaker for s in find_statements(text)] == ["Diageo", "Diageo"]
    text = (
        "Head\n\nMinister Alan Johnson spoke on Monday. Michelle, a mother of twins, said she had "
        "not received a penny. Her forms have been lost, she said."
    )
    assert [s.speaker for s in find_statements(text)][-1] == "Michelle"


def test_his_aides_are_those_of_whom_the_sentence_before_is_about() -> None:
    """BBC entertainment/149: "Mr Spector ... has claimed that Lana Clarkson committed suicide.
    His lawyers, led by Bruce Cutler, have vowed ..." are Phil Spector's lawyers."""
    text = (
        "Head\n\nPhil Spector is charged with murder. Mr Spector, known for his work with the "
        "Beatles, has claimed that Lana Clarkson committed suicide. His lawyers, led by Bruce "
        "Cutler, have vowed to prove him innocent."
    )
    assert find_statements(text)[-1].speaker == "Phil Spector's lawyers"


def test_a_party_in_a_description_needs_no_party_in_the_role() -> None:
    """BBC business/185: '"...," the Democrat senator said' after "New York Senator Charles
    Schumer said" is Schumer (it was "senator for Democrat"); "the Labour leader" is not a
    "Tory leader"."""
    text = (
        "Head\n\nNew York Senator Charles Schumer said the tapes were stolen. "
        '"Baggage handlers should have checks," the Democrat senator said.'
    )
    assert [s.speaker for s in find_statements(text)] == ["Charles Schumer"] * 2
    text = (
        "Head\n\nTory leader Michael Howard said taxes would fall. "
        '"That is nonsense," the Labour leader said.'
    )
    assert find_statements(text)[-1].speaker != "Michael Howard"


def test_they_in_the_next_sentence_are_the_same_they() -> None:
    """BBC politics/382: "The Tories say ... They claim government figures show ... They also
    believe ... They say" are the Conservatives throughout (the last two were "They")."""
    text = (
        "Head\n\nThe Tories say refugees will not be denied sanctuary. They claim that TB in "
        "England has increased by 25% and that two-thirds of people with the disease were born "
        "overseas. They also believe there should be stricter controls. They say the plans "
        "will protect the NHS."
    )
    assert [s.speaker for s in find_statements(text)][1:] == ["Tories"] * 3


def test_a_described_post_just_after_its_holder_spoke_is_them() -> None:
    """BBC politics/172: '"...," said Mr Bell. The Ofsted chief said' is David Bell (it was
    "chief for Ofsted"); tech/157: '"...," said Gonzalo Frasca, computer games specialist ...
    "...," said the Uruguayan-born researcher' is Frasca; entertainment/228: "the Factory
    Records founder" after Tony Wilson spoke, a sentence about him between. Not a post the
    sentence shows is someone else's ("the prime minister says it is time for Mr Roe to say
    sorry", though Roe spoke just before and is who the article is about)."""
    text = (
        'Head\n\nChief inspector David Bell spoke on Monday. "Schools must adapt," said Mr Bell. '
        "The Ofsted chief said his report would name them."
    )
    assert find_statements(text)[-1].speaker == "David Bell"
    text = (
        'Head\n\n"It would take decades," said Gonzalo Frasca, games specialist at the '
        'university. "I was surprised," said the Uruguayan-born researcher.'
    )
    assert find_statements(text)[-1].speaker == "Gonzalo Frasca"
    # BBC entertainment/228: a sentence about him ("He made a cameo ...") between
    text = (
        'Head\n\nMr Tony Wilson said he would "rather not" appear. He made a cameo in 24 Hour '
        'Party People. "I did a lousy job," said the Factory Records founder, who has been '
        "associated with the scene since the 1970s."
    )
    assert find_statements(text)[-1].speaker == "Tony Wilson"
    text = (
        "Head\n\nKen Roe says he is standing by his remarks. Mr Roe will not apologise, Roe "
        "said. But the prime minister says it is time for Mr Roe to say sorry."
    )
    assert find_statements(text)[-1].speaker != "Ken Roe"


def test_he_in_a_sentence_opened_by_an_age_no_one_was_given_is_who_spoke_last() -> None:
    """BBC entertainment/036: '"...," said Hanks. Polar Express is based on a book. The
    48-year-old actor crossed a bridge, which he said was "almost impossible"' is Hanks, not
    "Polar Express", a film that opens the sentence before."""
    text = (
        'Head\n\n"This is Leicester Square," said Tom Hanks. Polar Express is based on a book. '
        'The 48-year-old actor crossed a bridge, which he said was "almost impossible to cross".'
    )
    assert find_statements(text)[-1].speaker == "Tom Hanks"


def test_a_lead_speaker_with_an_indefinite_article_is_named_next() -> None:
    """BBC politics/052: "..., says a top academic. Amitai Etzioni, a key influence on New
    Labour thinking, says ..." is Etzioni twice; politics/216 "a senior EU politician says.
    Javier Solana, ... said" likewise."""
    text = (
        "Head\n\nThe UK must focus on nuclear strikes, says a top academic.\n\nAmitai Etzioni, "
        "a key influence on New Labour thinking, says the emphasis is misplaced."
    )
    assert [s.speaker for s in find_statements(text)] == ["Amitai Etzioni"] * 2


def test_a_bare_post_is_the_speaker_the_article_is_about() -> None:
    """BBC politics/019: "In a furious response, the first minister said" in an article about
    Jack McConnell, who is given no other post, is McConnell; not where the sentence names
    that person as someone else ("the first minister said Mr McConnell should go")."""
    text = (
        "Head\n\nJack McConnell has been criticised. Mr McConnell said he was misquoted. Critics "
        "attacked Mr McConnell again. In a furious response, the first minister said his words "
        "had been distorted."
    )
    assert find_statements(text)[-1].speaker == "Jack McConnell"
    text = (
        "Head\n\nJack McConnell has been criticised. Mr McConnell said he was misquoted. Critics "
        "attacked Mr McConnell again. Later the first minister said Mr McConnell should go."
    )
    assert find_statements(text)[-1].speaker != "Jack McConnell"


def test_they_after_people_named_by_a_plural_noun_are_them() -> None:
    """BBC politics/051: '"...," the MPs said. They said the law should be changed' is the
    MPs; tech/220: "..., according to analysts. They suggest ..." is the analysts."""
    text = (
        'Head\n\n"It would relegate the child," the MPs said. They said the law should be changed.'
    )
    assert [s.speaker for s in find_statements(text)] == ["the MPs"] * 2
    text = "Head\n\nThe trend will grow, according to analysts. They suggest sales could triple."
    assert [s.speaker for s in find_statements(text)] == ["analysts"] * 2


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        # a company's CEO, CFO, COO or CTO before the name is a role (US news writes it so)
        (
            "Gogoro CEO Horace Luke said the company would expand into India next year.",
            "Horace Luke",
            "Gogoro CEO",
        ),
        ('"We are ready for the market," said Flexport CEO Ryan Petersen.', "Ryan Petersen", None),
        # a sentence's opening word is no part of the name after it (MultiHop-RAG's news had
        # "Because Bankman-Fried", "So Meta", "Young Emily Hand", "Sad Taylor", "SIGN UP I")
        ("Young Jeff Shiffrin said he had always loved the mountains.", "Jeff Shiffrin", None),
        # but "Young" is a name too: kept before one more word, and alone
        ("Young Kim said the bill would pass the House.", "Young Kim", None),
        (
            "Ashley Young said the team had played well. Young said he was happy.",
            "Ashley Young",
            None,
        ),
        ("So Meta said it would appeal the ruling on Tuesday.", "Meta", None),
        (
            "Because Bankman-Fried said he had no memory of the calls, the jury heard the tapes.",
            "Bankman-Fried",
            None,
        ),
        ("SIGN UP Taylor Swift said the tour would go on.", "Taylor Swift", None),
        ("Sad Taylor Swift said the album was about loss.", "Taylor Swift", None),
    ],
)
def test_a_role_or_an_opening_word_before_a_name_is_not_the_name(text, speaker, role):
    found = find_statements(text)
    assert found and {s.speaker for s in found} == {speaker}
    if role is not None:
        assert found[0].role == role


# Web news frames and names the BBC sets never had (data/gold/quotes_web1.md's development set
# and MultiHop-RAG's other articles): each a (text, the speakers found in order) pair.
@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # verbs of web news: joked, quipped, shared, made it clear (that ...)
        ("Taylor Swift laughed. “We would never do that,” Swift joked.", ["Taylor Swift"]),
        ('Mike Fisher spoke. "Our faith comes in," Fisher shared on the series.', ["Mike Fisher"]),
        (
            "The Big Ten made it clear that it had not linked him to any wrongdoing.",
            ["The Big Ten"],
        ),
        # "recommends that", "theorized that" report; "the nine-year recommended term" does not
        ("The panel recommends that owners keep dogs at home.", ["The panel"]),
        (
            'Jane Roe\'s lawyer David Oblon called the nine-year recommended term "outrageous".',
            ["David Oblon"],
        ),
        # an adverb of manner between the speaker and the verb is no part of the speaker
        ("The BPI strongly believes that every company should look at its adverts.", ["The BPI"]),
        # ... but a noun or adjective in -ly is no adverb: the speaker stays whole, or no one
        ('"We have cut prices," the former monopoly said in a statement.', ["the former monopoly"]),
        ("The fund holds most of Acme's shares. It cut its stake to 60% in October.", []),
        ("Note: All newly added deals are marked with a star.", []),
        # a description after an inverted verb, up to a preposition
        (
            "Jürgen Klopp’s side won again. “It is easy to love this team,” said the Liverpool"
            " manager after a seventh straight win.",
            ["Jürgen Klopp"],
        ),
        # a courtesy title with a full stop (US style) is no name of its own
        ('"Dogs are getting sick," said Dr. Jane Roe, a vet at the clinic.', ["Jane Roe"]),
        ("Cases are rising, said Sen. Chuck Schumer.", ["Chuck Schumer"]),
        # a question's auxiliary is no part of the name after it
        ("Is Epic using the chats as a distraction? “We will see,” Epic said.", ["Epic"]),
        # "In X's view, CLAUSE" is X's
        ("Robert Kyncl spoke on Monday. In Kyncl’s view, the market is slowing.", ["Robert Kyncl"]),
        # '"...," which continued:' goes on from a statement just before it; with none, there
        # is no one to name, not a speaker "which" (whom a later "it" went to)
        (
            "I did like Pomerantz’s argument that Google has no monopoly when “every single"
            " Samsung phone comes with two app stores,” which continued:\n\nWhen they show these"
            " charts, that’s what the users are choosing.",
            [],
        ),
        # "it" after narration that opens with a body the article keeps naming is that body,
        # not the last body that spoke
        (
            "Glenn Pomerantz said users have a choice. Google said its fees were fair. Activision"
            " told The Verge that it had never signed a deal.\n\nGoogle also took its own turn"
            " trying to paint Epic as the bad guy. First, it said that Epic had hatched a secret"
            " plan.\n\nGoogle has a lot of money, and Google runs Android.",
            ["Glenn Pomerantz", "Google", "Activision", "Google"],
        ),
        # an interview: an answer after the interviewer's question is who answered before it;
        # a name as a label, an inverted verb before it or not, names who answers
        (
            'Leo Leiderman spoke to Globes.\n\n"The war is a shock," Leiderman said.\n\nWhat has'
            ' been going through your mind?\n\n"What most preoccupies me is the families of the'
            ' soldiers."\n\nAdded Leiderman: "It will pass in the end, I think."',
            ["Leo Leiderman"] * 3,
        ),
        # ... but a label that names no one ("Rents:") does not
        (
            'Dan Smith sells homes.\n\n"Prices are falling," Smith said.\n\nRents: "Property owners'
            ' have cut prices by a tenth this year."',
            ["Dan Smith"],
        ),
    ],
)
def test_web_news_frames_and_names(text: str, speakers: list[str]) -> None:
    assert [s.speaker for s in find_statements(text)] == speakers


def test_an_interviewers_question_before_the_frame_is_no_statement() -> None:
    """'Asked about the deal, Roe says CLAUSE': what is reported follows the verb."""
    text = "Jane Roe spoke. Asked about the deal, Roe says it is good for workers."
    assert [s.text for s in find_statements(text)] == ["it is good for workers"]


@pytest.mark.parametrize(
    "text, speakers",
    [
        # a post described by whose it is ("the reform group's general secretary") is the
        # person who spoke just before, though one person holds such a post
        (
            "Headline\n\nThe Fabian Society's Jane Roe said the change was overdue. The reform"
            " group's general secretary told the BBC the rules were out of date.",
            ["Jane Roe", "Jane Roe"],
        ),
        # capitals at the end of a name make a product, not a person: "it" is Acme
        (
            "Headline\n\nThe Acme ZX went on sale. Acme has promised to ship a million units."
            " It also said it expected to sell out.",
            ["Acme", "Acme"],
        ),
        # ... but letters after a person's name are theirs
        (
            "Headline\n\nJohn Doe MP said the bill was wrong. He said it would fail.",
            ["John Doe MP", "John Doe MP"],
        ),
        # the plural head of a subject before ", saying that"
        (
            "Headline\n\nThe tobacco companies denied the charges, saying that they never lied.",
            ["The tobacco companies"],
        ),
        # who rejects what was said answers in the quotation after it
        (
            "Headline\n\nJim Roe said the court was too slow, but Tennis Ruritania's Ann Doe"
            ' rejected his comments. "We made it faster," she said.',
            ["Jim Roe", "Ann Doe"],
        ),
        # a quotation with no frame after narration that opens with another person: theirs,
        # not the last speaker's
        (
            'Headline\n\n"What a great way to finish," said Roe afterwards. US coach Jim Doe'
            ' wants his team to play more on clay. "It will help them learn." "But it is'
            ' hard with the schedule," said Doe.',
            ["Roe", "Jim Doe", "Jim Doe"],
        ),
        # names listed after a pronoun subject are no subject of the sentence
        (
            "Headline\n\nJim Roe directs films at Acme. He has worked on the Star Wars DVD"
            ' trilogy, Finding Nemo, The Incredibles and Indiana Jones. "It was a time of'
            ' change," he told the BBC.',
            ["Jim Roe"],
        ),
        # figures a speaker cites as showing something are the innermost report's speaker;
        # who cites them is still who "they" are next
        (
            "Headline\n\nThe Tories say people will not be denied sanctuary. However, they will"
            " face health checks.\n\nThey claim government figures show that TB has risen by a"
            " quarter. They also believe there should be stricter controls.",
            ["The Tories", "government figures", "Tories"],
        ),
        (
            "Headline\n\nAccording to Mr Doe, research suggests that people like big libraries.",
            ["research"],
        ),
        # a share of a group speaks for the group, as the gold sets name it
        ("Headline\n\nA survey suggests 69% of over-55s say they always vote.", ["over-55s"]),
        ("Headline\n\nA lot of the athletes said the runway was slow.", ["athletes"]),
        ("Headline\n\nMost of the analysts said the deal was fair.", ["analysts"]),
        # ... but not a pronoun, whom the rules do not resolve
        ("Headline\n\nFirms were asked. Only 42% of them say that costs matter most.", ["42%"]),
        # initials that take a letter from "of": "DOJ" is the Department of Justice
        (
            "Headline\n\nThe Department of Justice sued Acme in January. The DOJ has said that"
            " Acme gets more data than its rivals.",
            ["Department of Justice"],
        ),
        # stances the gold sets count, right before "that"
        ("Headline\n\nAcme now accepts that nicotine is harmful.", ["Acme"]),
        ("Headline\n\nSome panel members are worried that Acme would sue.", ["members"]),
        # ... not a noun between ("accepted the promise that")
        ("Headline\n\nThe bill passed after the Tories accepted a promise that it would end.", []),
        # a question's auxiliary ("Could", "Do", "Should") is no part of the name after it
        (
            "Headline\n\nSam Altman was fired on Friday. Could Altman return?\n\nAltman told"
            " me that the company does not want copyright problems.",
            ["Sam Altman"],
        ),
        # people named by what they are keep the words that say which ones
        (
            "Headline\n\nSources close to the negotiations said a deal was near. A person"
            " familiar with the matter told Reuters that it would be signed on Friday.",
            ["Sources close to the negotiations", "person familiar with the matter"],
        ),
        # what a company announces or reports is an object unless a verb follows it
        ("Headline\n\nOn Monday, the Bank of Israel announced a plan to sell reserves.", []),
        ("Headline\n\nAcme has reported a 60% rise in profit, topping expectations.", []),
        ("Headline\n\nAcme announced the plant would close next year.", ["Acme"]),
        ("Headline\n\nThe leaked screenshots suggested a punchline about the quest.", []),
        ("Headline\n\nAndy Doe has added another event to his warm-up schedule.", []),
        ("Headline\n\nThe retailer maintained its full-year guidance of growth.", []),
        # a recipient and a time between "told" and "that"
        (
            "Headline\n\nThe 51-year-old told Marca back in June of 2022 that he is not thrilled.",
            ["The 51-year-old"],
        ),
    ],
)
def test_whose_post_products_plurals_replies_and_narration(text: str, speakers: list[str]) -> None:
    assert [s.speaker for s in find_statements(text)] == speakers


@pytest.mark.parametrize(
    "sentence, clause",
    [
        ("Mike Doe said in an email Wednesday the agency is working with states.", "the agency"),
        ("Acme said Friday it has pushed out its chief executive.", "it has pushed"),
        ("Acme said in a statement to the exchange that Jim Roe will pay $58m.", "Jim Roe will"),
        # the whole quotation "he once said" closes, not its last sentence
        ('"I have never been able to write quickly. I am too critical," he once said.', "I have"),
    ],
)
def test_what_is_said_starts_after_how_and_when(sentence: str, clause: str) -> None:
    """US news's "said in an email Wednesday CLAUSE", "said Friday CLAUSE": the statement is
    the clause after them, not "in an email Wednesday ..."."""
    [st] = find_statements("Headline\n\n" + sentence)
    assert st.text.startswith(clause)


@pytest.mark.parametrize(
    "text, speakers",
    [
        # a colon's frame names who the "he said" after the same quotation is
        (
            "Headline\n\nOliver Doe said the tax was a stealth tax. Shadow minister George Roe"
            ' said: "There is a black hole in the public finances," he said. "If Labour is elected'
            ' there will be a tax increase in the Budget."',
            ["Oliver Doe", "George Roe", "George Roe"],
        ),
        # a party or a seat before a name is the person's role, not part of the name
        (
            'Headline\n\nTory MP Michael Doe said the plan was a disgrace. Mr Doe added: "It is a'
            ' scandal and we will fight it." Lib Dem Norman Roe said it was a good idea.',
            ["Michael Doe", "Michael Doe", "Norman Roe"],
        ),
        # ... not a party's own bodies
        (
            "Headline\n\nThe Republican National Committee said it would appeal the ruling.",
            ["Republican National Committee"],
        ),
        # a seat after other words of a role ("Euro MP", "London UKIP MEP"), not "MP for"
        (
            "Headline\n\nEuro MP Robert Doe said the vote was rigged. London UKIP MEP Gerard Roe"
            " said it was fair. The MP for Sittingbourne and Sheppey said it was unclear.",
            ["Robert Doe", "Gerard Roe", "MP for Sittingbourne and Sheppey"],
        ),
        # a description with a name inside it before the speaker's name
        (
            'Headline\n\n"We were expected to go through," says the former United defender Gary'
            " Pallister, who was injured. The Times' music critic Paul Roe said it was spiky.",
            ["Gary Pallister", "Paul Roe"],
        ),
        (
            'Headline\n\n"I would have tried to create a good atmosphere," said former Germany'
            " international Lothar Doe. His Arsenal team-mate Robert Roe has urged the England"
            " left-back to stay at Highbury.",
            ["Lothar Doe", "Robert Roe"],
        ),
        # ... not a verb's object or another phrase inside it
        (
            "Headline\n\nThe UN programme tackling Aids said that a strategy was a good investment."
            ' "It is the best list yet," said Richard and Judy producer Amanda Roe. "We think it'
            ' will do better," said an SEO named Cade Doe.',
            ["The UN programme tackling Aids", "Richard and Judy", "SEO"],
        ),
        # the name set beside a description, after the verb or before it
        (
            'Headline\n\n"He had a wonderful life," said his wife, Sheila. "It is a good day,"'
            " said its chairman, Sir Anthony Roe. But the work's author, US playwright Eve Doe,"
            " says it is all about empowerment.",
            ["Sheila", "Anthony Roe", "Eve Doe"],
        ),
        # ... not a title or what the description says of someone else
        (
            "Headline\n\nAt the time Lord Woolf, the Lord Chief Justice, had said it was rare."
            " The company, majority-owned by Japan's Suzuki, said costs were offset.",
            ["Woolf", "The company"],
        ),
        # a surname "of" a place or body is the person the article named in full
        (
            "Headline\n\nBrian Doe, director of the growers, said the berry was native."
            ' "There is no evidence the Pilgrims had cranberries," said Doe of Acme Cranberries.',
            ["Brian Doe", "Brian Doe"],
        ),
        # ... not a peer's title
        (
            "Headline\n\nSion Roberts said the vote was rigged. Ex-minister Lord Roberts of Conwy"
            " denied security services were involved.",
            ["Sion Roberts", "Roberts of Conwy"],
        ),
        # who is quoted is the speaker, not the paper "according to" which they said it; the
        # paper's whole name where it is the speaker
        (
            'Headline\n\nJohn Doe called the plan a "disgrace", according to the Financial Times.'
            ' "It was not a hard sell," according to the Middle East Institute.',
            ["John Doe", "Middle East Institute"],
        ),
        # a colon frames the quotation after it however long the clause before it is
        (
            'Headline\n\nFrank Doe said the club were sad to see Santini go: "We are obviously'
            ' disappointed that Jacques is leaving us. "I can assure you that the club will act'
            ' swiftly. "We wish Jacques well."',
            ["Frank Doe", "Frank Doe", "Frank Doe", "Frank Doe"],
        ),
        # "concluded", "commented" and "he once said" frame a quotation
        (
            'Headline\n\nArthur Doe was known for his research. "I have never been able to'
            ' write quickly. I am too self-critical for that," he once said. "If you think of a'
            ' robot as a companion, it is 20 years away," concluded Professor Kerstin Doe.'
            ' Station manager Steve Roe commented: "Listeners can interact in a new way."',
            ["Arthur Doe", "Kerstin Doe", "Steve Roe"],
        ),
        # ... and an indirect statement only with "that"
        (
            "Headline\n\nAcme concluded the deal with its rival on Monday. The inquiry concluded"
            " that the police had acted lawfully.",
            ["The inquiry"],
        ),
        # an official not named frames a quotation after it, and the one that follows it
        (
            'Headline\n\n"The President directed his team to pull every lever," a senior'
            ' administration official told reporters on a call. "That is what this order does.'
            ' It stands up for consumers." But a UK Government official responded: "Even with'
            ' the rebate, the UK pays more." "A lot of time is needed to clean up the mess," said'
            ' ABN Amro\'s Eddie Doe. "[But] it is not a really big thing in the economic sense."',
            [
                "senior administration official",
                "senior administration official",
                "official for UK Government",
                "Eddie Doe",
                "Eddie Doe",
            ],
        ),
        # a quotation ending in "?", "!" or "…" before its frame, which the splitter parts
        (
            'Headline\n\n"How can you go against the movie?" Mr Kashyap\'s lawyer Mihir Doe'
            ' said. "We grew up there, a school play, a parade…” Eli Roe explains.',
            ["Mihir Doe", "Eli Roe"],
        ),
        # ... not a next sentence that reports something of its own
        (
            'Headline\n\nJulian Doe said: "How could you have thought that?" Mr Roe replied that'
            " they were not anti-Semitic.",
            ["Julian Doe", "Roe"],
        ),
        # a subordinator opening the subject is no part of it
        (
            "Headline\n\nCurtis Doe walked out. A baffled Ajagba celebrated his “win”, while Doe"
            ' later explained he was upset over a contract. Labour say a vote could "let the'
            ' Tories in", while the Tories say it would mean "higher taxes".',
            ["Curtis Doe", "Labour", "the Tories"],
        ),
        # a description opening with capitals before a name ("Aviator star", "UK advertising
        # giant"), not a name's particle, a verb or "X of Y's partner"
        (
            'Headline\n\n"It was great," said Aviator star Alan Doe. "It was fine," Florida state'
            ' archivist Jody Roe said. "A map is a working document," explains Herbert Roe of'
            " Respond's Belgian partner Keyobs. Jurgen den Hartog said the vote was fair.",
            ["Alan Doe", "Jody Roe", "Herbert Roe", "Jurgen den Hartog"],
        ),
        # a participle opening the sentence describes the speaker ("Fuming Robinson said")
        (
            "Headline\n\nAndy Doe was angry. Fuming Doe said the referee was wrong. Rolling"
            " Stone said the album was its best.",
            ["Andy Doe", "Rolling Stone"],
        ),
        # what a person is, written before the name like a title, is no part of the name
        (
            "Headline\n\nStriker Nicolas Doe said he was happy. DJ Norman Roe said the club was"
            " great. The American Film Institute said the year was strong.",
            ["Nicolas Doe", "Norman Roe", "American Film Institute"],
        ),
    ],
)
def test_double_frames_and_party_titles(text: str, speakers: list[str]) -> None:
    assert [s.speaker for s in find_statements(text)] == speakers


def test_a_capitalised_description_stops_at_a_verb_and_a_body_keeps_its_nationality():
    """Guards of the name clean-ups read off BBC's and MultiHop-RAG's speakers: "Trump had said
    Tuesday said" is no description of a "Tuesday"; "American" inside "Pew Internet and
    American Life Project" is no person's nationality ("Project" ends no person's name)."""
    text = (
        "Headline\n\nOthers are upset.\n\n“Jim Doe will be a great speaker,” Trump had said"
        " Tuesday said outside a courthouse."
    )
    [st] = find_statements(text)
    assert st.speaker.startswith("Trump")
    text = (
        "Headline\n\nThe Pew Internet and American Life Project said that one in ten adults owns"
        " a music player."
    )
    assert [s.speaker for s in find_statements(text)] == ["Pew Internet and American Life Project"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # an -ly adverb opening the sentence is no part of the name after it, by its ending
        # ("McNally" keeps its capital N)
        (
            'Headline\n\nVincent Doe paints. Eventually Vincent won a prize. "I was happy," he'
            " says. Jim McNally said the show was good. Historically Intel said its chips were"
            " fast.",
            ["Vincent Doe", "Jim McNally", "Intel"],
        ),
        # "states" is a verb only where no noun's words stand around it ("European states
        # which joined", "EU states have to"), so the frame after the clause names who said it
        (
            "Headline\n\nThe eight central European states which joined the EU will see 4.6%"
            " growth, the United Nations Economic Commission for Europe (UNECE) said. EU states"
            " have to approve the bill. Kentucky is one of the 18 states that allows you to"
            " place prop bets."
            ' "It is great," the Acme Association states.',
            ["United Nations Economic Commission for Europe", "Acme Association"],
        ),
        # a name in the sentence's leading phrase is no subject "he" could be
        (
            "Headline\n\nSpurs lost again.\n\nOn Acme Sport, ex-Spurs boss Tim Doe tore strips"
            ' off Spurs.\n\n"They are having a bad run," he said.',
            ["Tim Doe"],
        ),
        # "with X, 16, saying he": who is saying; a first name described by "who" or an age
        # is a person, who "she" is next
        (
            "Headline\n\nBBC Newsbeat spoke to fans at a convention, with Oliver, 16, saying he"
            ' thought it might be good news.\n\n"It will expand the market," he said.\n\n'
            'Meanwhile Sophie, who was named creator of the year, told the BBC she "just wants'
            ' the games to win".\n\n"We want everyone to play," she said.',
            ["Oliver", "Oliver", "Sophie", "Sophie"],
        ),
        # a quotation ended by a full stop, then its frame with no stop of its own, up to the
        # next quotation or the paragraph's end (web news); not a frame with a clause
        (
            'Headline\n\nPhotographer Josh Doe saw red auroras.\n\n"On the night of this shoot,'
            ' I was scouting locations." Doe told Space.com "With most of the South-West under'
            ' cloud, clear skies persisted."\n\n"It was an exceptional night." Jim Roe told'
            ' Space.com\n\nMany took to X.\n\n"This bloke has delivered for us." Ann Poe, of'
            ' Leeds, said it was "as if he is coming round".',
            ["Josh Doe", "Josh Doe", "Jim Roe", "Jim Roe", "Ann Poe"],
        ),
        # a list of tributes: a name, what the person is, a colon and the quotation
        (
            "Headline\n\nRooney leads tributes\n\nWayne Doe, former Everton and England"
            ' forward: "Devastated to hear the sad news."\n\nJamie Roe, ex-Liverpool defender:'
            ' "Really sad news this."',
            ["Wayne Doe", "Jamie Roe"],
        ),
        # "according to" a web address: the whole address; a person named with it first
        (
            "Headline\n\nThe storm was triggered by two CMEs, according to spaceweather.com."
            " The team is keen on a new manager, according to Paul Doe of Cleveland.com.\n\n"
            "Harbaugh will have a hearing on Nov. 17, according to ESPN.com. That will decide"
            " it.",
            ["spaceweather.com", "Paul Doe", "ESPN.com"],
        ),
        # "determined", "disclosed", "contended" report a clause after "that"
        (
            "Headline\n\nJada Doe disclosed that she had been separated. Wang and Roe"
            " determined that the money was gone. The Acme Association contends that the rule is"
            " unfair."
            " The court determined the outcome.",
            ["Jada Doe", "Wang and Roe", "Acme Association"],
        ),
        # a first name says who "she" is when the last speaker is a man
        (
            "Headline\n\nSophie Doe met her rival Mark Roe in the city on a cold day for the"
            ' talks.\n\nRoe said the talks went well. "It was fine," she said.',
            ["Mark Roe", "Sophie Doe"],
        ),
        # a surname is the person's full name, not a longer one a common word before it made
        # ("Mogul Doe" beside "music mogul"); an unknown first name is no common word
        (
            "Headline\n\nThe music mogul Tony Doe founded the label in the city in 1978 with"
            ' friends.\n\nMogul Doe, who died on Friday, was a local hero. "I loved the city,"'
            " Doe once said.\n\nRhys Roe and Matt Roe are brothers. Rhys Roe played on"
            " Sunday. Roe said the pitch was poor.\n\nGrant Poe won a grant to study at the"
            " college in the town last year.\n\nThe classy striker scored twice. Classy Poe was"
            ' happy after the game. "It was great," Poe said.',
            ["Tony Doe", "Rhys Roe", "Grant Poe"],
        ),
        # a caption run into the next sentence ends no person's name ("New York In"), and a
        # gallery is no person
        (
            "Headline\n\nPhotographs by Tyler Doe hang in the hall this month.\n\nCredit:"
            " Courtesy of the artist and Jack Roe Gallery, New York In the other works, his"
            " figures are arranged in groups.\n\n“I think that I am part of a longer lineage of"
            " artists,” he tells me.",
            ["Tyler Doe"],
        ),
        # a work's title in quotation marks is no one's words ("a video titled", "her
        # memoir,"), and the frame after it reports what follows
        (
            "Headline\n\nJo Doe has spoken about her life in a new interview on Monday.\n\nHer"
            " husband appeared in a video titled “Official statement” shared on Instagram. In"
            ' her memoir, "The Woman in Me," Doe claimed that she agreed to the deal.',
            ["Jo Doe"],
        ),
        # ... nor after a word that makes it the noun ("EU states that signed", "the states")
        (
            "Headline\n\nAll EU states that signed the pact must act on it this year.",
            [],
        ),
        # a name inside each of two descriptions before the speaker's name
        (
            'Headline\n\n"It is fine," said ABN Amro chief Asian strategist Eddie Doe.',
            ["Eddie Doe"],
        ),
    ],
)
def test_who_a_pronoun_is_and_what_opens_a_name(text: str, speakers: list[str]) -> None:
    assert [s.speaker for s in find_statements(text)] == speakers


def test_a_first_name_says_nothing_of_a_surname_that_a_couple_shares():
    """Where "Mr Doe" and "Mrs Doe" are both in an article, "she" is not taken past the Does
    to the last man named since (Liam Roe) because a first name calls "Michael Doe" a man. (Which
    Doe she is, the resolver still reads as the surname's fullest name here; BBC's politics/011,
    whole, gives Sandra Howard.)"""
    text = (
        "Mrs Doe gets key election role\n\nMichael Doe's ex-model wife, Sandra, is to play a"
        " leading role in the Conservative election campaign.\n\nMrs Doe will make solo visits"
        " to target seats as well as accompanying her husband. Mr Doe will host a news"
        ' conference every morning, Tory co-chairman Liam Roe said. "We want Michael to be as'
        ' accessible as possible," Mr Roe said.\n\nOn Mrs Doe\'s role, Mr Roe said: "Sandra has'
        ' already been campaigning with Michael." Mrs Doe has also appeared along side her'
        " husband on TV chat shows. During an interview on ITV1's This Morning she said she"
        " often criticised her husband."
    )
    last = find_statements(text)[-1]
    assert last.text == "she often criticised her husband"
    assert last.speaker != "Liam Roe"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a name only someone's quotation gives is not who "he" is; a surname the article
        # reports as a he ("Poe said he") is a person's, and "the Russian" is that person
        (
            "Headline\n\nPoe beat Mark Roe in four sets on Sunday.\n\nRoe, a semi-finalist last"
            " year, looked set to push Poe all the way. Poe said he was trying to keep calm. The"
            ' Russian hit himself on the head once. "If you go crazy against players like Roe,'
            ' you never come back," he said. The Russian added that his ankle was fine.',
            ["Poe", "Poe", "Poe"],
        ),
        # "she" is not the last person named where a first name makes him a man
        (
            "Headline\n\nTaylor Doe has revealed when her romance with Travis Roe started.\n\n"
            "The 33-year-old singer spoke about it in an interview. Speaking to the magazine,"
            " she said she met Roe in July.",
            ["Taylor Doe"],
        ),
        # a quantifier is no part of who speaks
        (
            "Headline\n\nRates were left on hold. But some economists predict a rise will come"
            " later this year. Several sources said the chairman would go.",
            ["economists", "sources"],
        ),
        # "against San Francisco, the coach said": a new subject, no apposition
        (
            "Headline\n\nHead coach Pete Doe said that Smith will be back. When asked if that"
            ' means for the game against San Francisco, the coach said, "I would think so."',
            ["Pete Doe", "Pete Doe"],
        ),
        # a description, then the person's name set off by commas, after a quotation
        (
            "Headline\n\nThe rules are hard to follow. “We are already struggling with our"
            " capacity to comply,” the Acme Foundation’s VP for global advocacy, Jane Doe,"
            " says.",
            ["Jane Doe"],
        ),
        # "it" when no body has spoken and no subject says: the body named by its initials
        (
            "Headline\n\nThe figures collected by the Mobile Data Association (MDA) showed that"
            " 2.4 billion were sent in December. The records even surpassed the MDA's own"
            " predictions, it said.",
            ["Mobile Data Association"],
        ),
        # a name that opens in lowercase, after what it is
        (
            "Headline\n\nThe film did well. According to ad tracking firm iSpot, TV ads for the"
            " film ran only a few dozen times.",
            ["iSpot"],
        ),
        # a phrase the sentence opens with is no subject; what follows its comma is
        (
            "Headline\n\nThe plan is due. In their November report, MPs from the committee"
            " scrutinising the Office for the Deputy Prime Minister, responsible for housing,"
            " said most illegal camps were caused by a lack of places to stop.",
            ["MPs from the committee scrutinising the Office for the Deputy Prime Minister"],
        ),
        # people a participle describes, not the noun at its end
        (
            "Headline\n\nThe film was due to open on Friday. But 36 people accused in"
            " connection with the blasts said it should not be screened until the trial is"
            " over.",
            ["people accused in connection with the blasts"],
        ),
        # "it" after a description that opens the sentence before: the company it is
        (
            "Headline\n\nAcme has taken more legal action to stop leaks.\n\nThe computer"
            " giant has sued three men for releasing preview versions of its software. It said"
            " two versions were put onto the net in October.",
            ["Acme"],
        ),
        # a report up to ", with X saying", then X's
        (
            "Headline\n\nThe minister said the plan would work well this year, with analysts"
            " saying the deficit could widen.",
            ["The minister", "analysts"],
        ),
        # a body's possessive is no speaker: its manager is
        (
            "Headline\n\n“The job of a keeper is to save,” says United’s manager.",
            ["United’s manager"],
        ),
        # after a quotation's frame, "pointing out that CLAUSE": the same speaker's
        (
            "Headline\n\n“We agree,” Jane Doe says, pointing out that the charity has just a"
            " handful of lawyers.",
            ["Jane Doe", "Jane Doe"],
        ),
        # a title with "I", "Me" or "My" in it is no person's name ("Drive Me Home")
        (
            "Headline\n\nMary Doe wrote a song last year.\n\nThe song, Drive Me Home, topped"
            ' the chart in May. "It was a hit," she said.',
            ["Mary Doe", "Mary Doe"],
        ),
    ],
)
def test_who_speaks_past_quoted_names_quantifiers_and_descriptions(
    text: str, speakers: list[str]
) -> None:
    assert [s.speaker for s in find_statements(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a kin word names the person the article names with it ("her grief-stricken father,
        # Thomas Roe,"), then too ("her father said")
        (
            'Headline\n\nInstead, "she will have her birthday in the tunnels," her'
            " grief-stricken father, Thomas Roe, told Fox News Digital.\n\nEmily woke up after"
            ' a sleepover at a friend\'s house.\n\nShe still "had pajamas on," her father said.',
            ["Thomas Roe", "Thomas Roe"],
        ),
        # an age no one is given is the person the story is about
        (
            "Doe puts retirement on hold\n\nLindsay Doe has put any talk of retirement on hold"
            " after a largely injury-free 2004 campaign.\n\nThe 28-year-old world number one"
            " had said that she would quit at the end of last year.",
            ["Lindsay Doe"],
        ),
        # "Tory claims" are the Conservatives' where the article narrates them so; "the
        # Conservatives who said" said it, not the quoted misjudgement before them
        (
            "Poe defends poster campaign\n\nLabour's election chief Alan Poe has defended the"
            ' posters amid Tory claims the ads were "sly". The posters were labelled a "big'
            ' misjudgement" by the Conservatives who said Labour\'s "first shot in the election'
            ' has badly backfired".',
            ["Conservatives", "the Conservatives"],
        ),
        # "who" after a name of the form "X of Y" is X of Y's; a common noun for a name the
        # parse read is not who "who" is
        (
            "Headline\n\nBut that ruling was later overturned by the Court of Appeal who said"
            " there was a state of emergency. The cast includes Anjelica Doe, Owen Roe (a"
            " Zissou super-fan who believes he is Zissou's son), and Jeff Poe.",
            ["Court of Appeal", "Owen Roe"],
        ),
        # a title's full stop does not end an "according to" phrase
        (
            "Headline\n\nSymptoms can include moodiness, according to Dr. Julia Roe, a licensed"
            " clinical psychologist.",
            ["Julia Roe"],
        ),
        # a company description before any company spoke: the company described by a company word
        (
            "Game firm holds auditions\n\nVideo game firm Acmeware is to hold open"
            " auditions.\n\nThe company, which makes role playing games, is seeking people aged"
            ' 18 to 99. The Canada-based company says it was looking for "a wide variety of'
            ' people".',
            ["Acmeware"],
        ),
        # a group keeps the words that say which one: a lowercase word before, "at ..." after
        (
            "Headline\n\nWhile it is important to meet the family, relationship experts believe"
            " there are talks you should have first. Despite frustration, sources at four"
            " different Big Ten schools said they do not expect a punishment.",
            ["relationship experts", "sources at four different Big Ten schools"],
        ),
        # no "also" in who speaks; a person's description is not who "it" is next
        (
            "Headline\n\nThe EU’s top diplomat also took a public shot at Acme for ending free"
            " access to its APIs for researchers, saying the action could threaten the study of"
            " disinformation.\n\nAcme was contacted for a response to the analysis. It replied"
            " with an automated email reading: “Busy now, please check back later.”",
            ["The EU’s top diplomat", "Acme"],
        ),
        # the phrase a sentence opens with is no subject; the name after its comma is
        (
            "Headline\n\nAt an event held for press prior to the device's launch, Greg Roe, a"
            " product designer at Valve, said the new model is the definitive version.",
            ["Greg Roe"],
        ),
        # ... and, where a description stands there, the name set off beside it
        (
            "Headline\n\nSo what does Acme say? In a post on X, Acme's official search"
            " liaison, Danny Roe, said ad systems do not affect the organic results.",
            ["Danny Roe"],
        ),
        # "the tech company" is the company its sentence opens with ("Shares in"), never the
        # document "it" was
        (
            "Headline\n\nAt the meeting, the remuneration report received a first strike."
            " Consumer staples were weaker, as it vowed to pass on costs.\n\nShares in Acmesoft"
            " climbed 5 per cent in after-hours trading after the tech company said its sales"
            " jumped 13 per cent.",
            ["the remuneration report", "Acmesoft"],
        ),
        # "A third Big Ten head coach" is a description: kept whole, and who "he" is next
        (
            'Headline\n\nA third Big Ten head coach told The Athletic that this is "one of the'
            ' most egregious breaches" of the rules.\n\n"They have been cheating the game for'
            ' years," he said.',
            ["third Big Ten head coach", "third Big Ten head coach"],
        ),
        # "the source" is who spoke so described
        (
            "Headline\n\nA source briefed on the coaches' call said the coaches are"
            ' concerned.\n\n"No matter what happens, the clouds will follow," the source said.',
            ["source briefed on the coaches' call", "source briefed on the coaches' call"],
        ),
        # "the singer-songwriter": a person noun in either half of the word, so the person
        # the story is about; a faith ("raised Roman Catholic") is no one's name
        (
            "Headline\n\nMary Doe has been married since 1966. Doe first met Dean when she"
            " was 18.\n\nLike any couple, they had lows, but the singer-songwriter revealed a"
            " good laugh keeps the chemistry alive.",
            ["Mary Doe"],
        ),
        (
            "Headline\n\nThe family of Thomas Roe waits. He was born in Dublin and raised"
            ' Roman Catholic before moving to Israel.\n\n"It was paradise," he said.',
            ["Thomas Roe"],
        ),
        # what people named by their trade expect, feel or question is reported ...
        (
            "Headline\n\nLow interest rates have driven demand, and analysts expect the trend"
            " to continue. Many observers feel that it is underserved by airlines.",
            ["analysts", "observers"],
        ),
        # ... not what they know or are asked, nor what is expected of them
        (
            "Headline\n\nThe regulator is looking into whether the executives knew that Acme"
            " was considering a bid. Team officials declined comment when asked if Roe had"
            " taken a physical.\n\nEven though a record number of Americans are expected to"
            " travel during the holiday season, experts recommend that dog owners keep their"
            " pets out of kennels and other areas, such as dog parks. Under the new"
            " regulations, expected to be in force in the spring, officials will be able to"
            ' serve "temporary stop notices" on sites.',
            [],
        ),
        # turns of phrase, no one's report; "Time" the magazine still speaks
        (
            "Headline\n\nTo say that the launch went well would be an understatement. Who says"
            " we only get to celebrate vampires at Halloween? That is to say that the chip is"
            " plenty powerful for most uses. Time will tell how this one plays out. Time said"
            " the company would cut jobs.",
            ["Time"],
        ),
        # a document keeps the participle that says which one
        (
            "Headline\n\nThe corona does not extend as far as we thought, a study published in"
            " November revealed.",
            ["study published in November"],
        ),
    ],
)
def test_who_speaks_by_kin_age_party_groups_and_descriptions(
    text: str, speakers: list[str]
) -> None:
    assert [s.speaker for s in find_statements(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # initials are part of a name ("U.S.", "A.J."), not a full stop that ends it
        (
            "Headline\n\nPrices rose 5%, according to the Case-Shiller U.S. National Home Price"
            ' Index. "We won," said A.J. Doe.',
            ["Case-Shiller U.S. National Home Price Index", "A.J. Doe"],
        ),
        # "the Office of ... and Research" is one body
        (
            "Headline\n\nBofA Research tracks the market. Sales dropped 50%, according to the"
            " Office of Policy Development and Research.",
            ["Office of Policy Development and Research"],
        ),
        # "they" are the group that spoke earlier in the same sentence
        (
            "Headline\n\nIn a report to clients on Wednesday, analysts at Fujibank noted that Acme"
            ' shares are up about 20%, a rally that is likely "in anticipation of potential share'
            ' gains," they wrote.',
            ["analysts at Fujibank", "analysts at Fujibank"],
        ),
        # the firm its trade's people describe
        (
            'Headline\n\nTelecom analysts Ovix welcomed the move, saying Acme had "given a lot of'
            ' ground".',
            ["Ovix"],
        ),
        # whose statement it is, and "It added" next (not the Times); not a day's
        (
            "Headline\n\nAcme founder Calisto Roe has apologised, the Times reported.\n\nMr"
            ' Roe\'s statement said: "I apologise to all who have suffered." It added: "It is'
            ' my duty to collaborate."\n\n"We will appeal," Wednesday\'s statement said.',
            ["Times", "Calisto Roe", "Calisto Roe", "Wednesday's statement"],
        ),
        # "the former monopoly": the company the story is about, not the regulator
        (
            "Acme offers equal access to rivals\n\nAcme has offered to cut its prices. The move"
            " comes after telecom regulator Ofcom said in November that the firm must offer"
            ' competitors "real equality of access". Its rivals accused Acme of misusing its'
            ' status as the former telecoms monopoly.\n\n"Central to the proposals are plans to'
            ' offer lower prices," the former monopoly said in a statement.',
            ["Acme", "Ofcom", "Acme"],
        ),
        # an acronym the article spells out, in "the CSA" and "a spokeswoman for the RAD"
        (
            "Headline\n\nThe Conseil Superieur de l'Audiovisuel (CSA), the French regulator, warned"
            " of delays. The CSA said the current aim of reaching 85% of the population was"
            " achievable. The Royal Academy of Dance (RAD) runs the exams. A spokeswoman for the"
            ' RAD said: "It is our responsibility."',
            [
                "Conseil Superieur de l'Audiovisuel",
                "spokeswoman for the Royal Academy of Dance",
            ],
        ),
        # "their coach", a team's: the one the article names
        (
            "Headline\n\nArsenal manager Mikel Roe was pleased.\n\nThe fans had watched what their"
            ' coach described as "a brutal experience". This, he said, was a victory of merit.',
            ["Mikel Roe", "Mikel Roe"],
        ),
        # a surname with two letters swapped is the person's
        (
            'Headline\n\nMercedes Sotos-Prieto led the study.\n\n"Short naps are good," said'
            " Sotos-Preito.",
            ["Mercedes Sotos-Prieto"],
        ),
        # "a spokesman" just after a body spoke is its spokesman; not "a spokesperson from"
        # another body
        (
            "Headline\n\nAcmenet backed the price cuts but said regulation was still needed."
            ' "This is a reminder to Ofcom," a spokesman said.',
            ["Acmenet", "Acmenet spokesman"],
        ),
        (
            "Headline\n\nAcmeplay said the game was banned. In a statement to the outlet, a"
            " spokesperson from Roblox confirmed the existence of the game, but explained that"
            ' the "video was never on our platform".',
            ["Acmeplay", "spokesperson"],
        ),
        # "the BBC has said" ... "a spokeswoman": "BBC spokeswoman"; a body's name that ends
        # in "spokeman" (sic) is no body's, nor "L.A." a first name ("to L.A. Roe reports")
        (
            'Headline\n\nThe show will not return to screens, the BBC has said. "There are'
            ' currently no plans for another series," a spokeswoman said.',
            ["the BBC", "BBC spokeswoman"],
        ),
        (
            'Headline\n\nA Acme Steel spokeman said that no decisions have been made. "We are'
            ' trying to create a sustainable industry," a spokesman said.',
            ["Acme Steel spokeman", "spokesman"],
        ),
        (
            "Headline\n\nThe talks were first reported by Ken Roe of The Athletic.\n\nThe Rays"
            " are reportedly working on a trade that would send Tyler Glasnow to L.A. Roe"
            " reports that the proposed deal would also include Manny Margot.",
            ["Ken Roe"],
        ),
        # a misspelt surname two people share: the one named last before
        (
            "Headline\n\nMalgorzata Kujda plays bass. Jarek Kujda, one of the founders, has"
            ' been into music for a while.\n\n"We prepare some patterns before a concert," said'
            " Kudja.",
            ["Jarek Kujda"],
        ),
        # "Director of Public Prosecutions, Ken Roe QC, who sits on the council, said": a
        # title before the name, which is who speaks; what he said follows the frame
        (
            "Headline\n\nLord Woolf spoke first. Director of Public Prosecutions, Ken Roe QC,"
            " who sits on the council, said the principle is set down by parliament.",
            ["Ken Roe QC"],
        ),
        # ... but "an EU spokesman" keeps the initials the gold sets write ("EU spokesman")
        (
            'Headline\n\nThe European Union (EU) delayed the law. "We could not put it on," an'
            " EU spokesman told Reuters.",
            ["spokesman for EU"],
        ),
        # ... but two titled people joined by "and" stay two
        (
            "Headline\n\nMinister of National Defense Li Roe and Russian Defense Minister"
            " Sergei Doe said the ties between the two armies were strong.",
            ["Li Roe and Sergei Doe"],
        ),
    ],
)
def test_who_speaks_by_initials_spelt_out_acronyms_owned_statements_and_spokespeople(
    text: str, speakers: list[str]
) -> None:
    """Read off held-out 17 and web 7 (seventeenth session's fresh sets), once scored."""
    assert [s.speaker for s in find_statements(text)] == speakers


@pytest.mark.parametrize(
    ("text", "statements"),
    [
        # a quotation after '"...," Mr Roe's statement said.' continues it
        (
            'Headline\n\nAcme founder Calisto Roe has apologised.\n\n"I apologise to all who have'
            ' suffered so much," Mr Roe\'s statement said. "It is my duty to collaborate fully with'
            ' prosecutors." Mr Roe spent months in jail.',
            [
                ("Calisto Roe", "I apologise to all who have suffered so much"),
                ("Calisto Roe", "It is my duty to collaborate fully with prosecutors"),
            ],
        ),
        # a quotation after a reported sentence is its speaker's, where the quotation before it
        # closed ('... any more." Ms Trew ... said'), though BBC texts leave marks open inside it
        (
            "Headline\n\nHazel Doe gave up ballet at the age of 10. \"It's not a very cool thing to"
            ' do," she said. "I used to love it, but it becomes much more disciplined. "I started'
            ' getting into other things, like swimming." Ms Trew, who runs a dance school in'
            " Gateshead, admitted it would be difficult to reverse the trend and said many young"
            ' ballet dancers were no longer willing to make the sacrifices. "You have to be very'
            ' dedicated."',
            [
                ("Hazel Doe", "It's not a very cool thing to do"),
                ("Hazel Doe", "I used to love it, but it becomes much more disciplined"),
                ("Hazel Doe", "I started getting into other things, like swimming"),
                (
                    "Trew",
                    "it would be difficult to reverse the trend and said many young ballet dancers"
                    " were no longer willing to make the sacrifices",
                ),
                ("Trew", "You have to be very dedicated"),
            ],
        ),
        # after a leading subordinate or purpose clause, what is reported is the clause after
        # the frame; "confessed" frames a report
        (
            "Headline\n\nTom Roe met the press.\n\nWhile her mission was personal, Roe said his"
            " wife was focused on the future. To make their marriage work, Roe confessed he made a"
            " promise at the start. Although there was no proof, the bank said, police are"
            " investigating.",
            [
                ("Tom Roe", "his wife was focused on the future"),
                ("Tom Roe", "he made a promise at the start"),
                ("the bank", "Although there was no proof"),
                ("the bank", "police are investigating"),
            ],
        ),
        # a title before the name is no clause reported ("Director of Public Prosecutions, Ken
        # Roe QC, who sits on the council, said CLAUSE")
        (
            "Headline\n\nDirector of Public Prosecutions, Ken Roe QC, who sits on the council,"
            " said the principle is set down by parliament.",
            [("Ken Roe QC", "the principle is set down by parliament")],
        ),
        # an offer with an infinitive is reported (held-out 6, 9 and 17's misses); one with an
        # object, or beside a quotation, is not
        (
            "Headline\n\nScandal-hit jet fuel supplier China Aviation Oil has offered to repay"
            " its creditors $220m of its losses.",
            [("China Aviation Oil", "to repay its creditors $220m of its losses")],
        ),
        (
            "Headline\n\nDraftKings offers new users a 20% deposit match. The new API offers"
            " six preset voices to choose from. Weapon swapping builds offer what is almost"
            " certainly the most unique playstyle for Barbarians.",
            [],
        ),
        (
            "Headline\n\nThe letter couldn't offer a starker contrast to the firm's view that"
            ' "prohibition would undermine the purpose of copyright law".',
            [],
        ),
    ],
)
def test_what_follows_an_owned_statement_a_closed_quotation_or_a_leading_clause(
    text: str, statements: list[tuple[str, str]]
) -> None:
    """Read off held-out 17 and web 7 (seventeenth session's fresh sets), once scored."""
    assert [(s.speaker, s.text) for s in find_statements(text)] == statements
