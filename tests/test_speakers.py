"""Search by speaker: the speaker filter inside both retrievers, the statements each passage
lists, the speakers a question names, grouping by speaker and by publication date, through
the library, the API, the form and the CLI, over real indexes of the bundled articles."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from conftest import run_qa

from qa import fusion
from qa.retrieve import SearchOptions
from qa.speakers import SpeakerIndex, key
from qa.types import Filters

TAN = "004_d4f96920548e75e4.txt"

# -- names as people type them (pure) ----------------------------------------------------------

NAMES = [
    ("Sergei Shoigu", 5),
    ("Sergey Shoigu", 1),
    ("Li Shangfu", 4),
    ("Li", 6),
    ("Vladimir Putin", 3),
    ("Putin", 2),
    ("Tan Kefei", 3),
    ("Stan Smith", 2),
    ("Tony Blair", 9),
    ("Ian Blair", 2),
    ("Blair", 1),
    ("Singer Bruce Springsteen", 1),
    ("Bruce Springsteen", 4),
    ("the Chinese Defence Ministry", 2),
    ("he", 7),
    ("Li Shangfu and Sergei Shoigu", 1),
    ("Iraq", 2),
]


@pytest.fixture(scope="module")
def names() -> SpeakerIndex:
    return SpeakerIndex(NAMES)


def _matched(index: SpeakerIndex, typed: str) -> set[str]:
    return {n for m in index.match(typed) for n in m.names}


def test_key_folds_case_accents_titles_and_spellings():
    assert key("Mr Tony BLAIR") == ("tony", "blair")
    assert key("José Mourinho") == ("jose", "mourinho")
    assert key("the Defence Ministry") == ("defense", "ministry")
    # a party under its everyday and formal names: "Tories" finds the Conservatives'
    # statements, which the extractor names so where the article also does
    assert key("the Tories") == key("Conservatives") == ("conservative",)
    assert key("Lib Dems") == key("Liberal Democrats") == ("liberal", "democrat")
    assert key("Tory leader Michael Howard")[0] == "conservative"


def test_a_typed_name_matches_whole_words_in_any_case(names):
    assert _matched(names, "tan") == {"Tan Kefei"}  # not Stan Smith
    assert _matched(names, "KEFEI") == {"Tan Kefei"}
    assert _matched(names, "Mr Blair") == {"Tony Blair", "Ian Blair", "Blair"}
    assert _matched(names, "defense ministry") == {"the Chinese Defence Ministry"}
    assert _matched(names, "nobody") == set()
    assert _matched(names, "he") == set()  # an unresolved pronoun is nobody's name


def test_spellings_and_short_forms_of_one_person_are_one_speaker(names):
    # Transliterations, a surname alone where one full name ends with it, a first-named
    # surname ("Li" of "Li Shangfu"), a description before a full name.
    assert _matched(names, "Sergei Shoigu") >= {"Sergei Shoigu", "Sergey Shoigu"}
    assert _matched(names, "Vladimir Putin") == {"Vladimir Putin", "Putin"}
    assert _matched(names, "Li Shangfu") >= {"Li Shangfu", "Li"}
    assert _matched(names, "Bruce Springsteen") == {"Bruce Springsteen", "Singer Bruce Springsteen"}
    assert names.name_of("Putin") == "Vladimir Putin"
    assert names.name_of("Singer Bruce Springsteen") == "Bruce Springsteen"
    # Two full names end in Blair: "Blair" alone is neither.
    assert names.name_of("Blair") == "Blair"
    assert "Sergei Shoigu" not in _matched(names, "Li Shangfu and Sergei Shoigu") - {
        "Li Shangfu and Sergei Shoigu"
    }


@pytest.mark.parametrize(
    "question, expected",
    [
        ("What did Shoigu say about exercises?", ["Sergei Shoigu"]),
        ("What has Defence Minister Sergei Shoigu said?", ["Sergei Shoigu"]),
        ("Putin's view on sanctions", ["Vladimir Putin"]),
        ("what was said by Tan Kefei about the drills", ["Tan Kefei"]),
        ("according to Tony Blair, what will happen", ["Tony Blair"]),
        # Iraq is the topic here, not a speaker; no verb of saying names nobody.
        ("What did Tony Blair say about Iraq?", ["Tony Blair"]),
        ("Shoigu and the exercises", []),
        # The subject of any verb after "did": what a speaker decided is what they said.
        ("Why did Tony Blair decide against it?", ["Tony Blair"]),
        ("Has the war around Iraq changed?", []),
        # A name is never cut in the middle, and "by" alone names a maker.
        ("What did Ian Smith say?", []),
        ("the chip developed by Putin Labs", []),
        ("Does the article on Iraq suggest a war?", []),
    ],
)
def test_speakers_a_question_names_as_the_ones_who_spoke(names, question, expected):
    assert [m.name for m in names.find(question)] == expected


def test_a_body_named_in_a_question_brings_its_unnamed_spokespeople():
    """s32 of data/gold/said.jsonl: "What limits did Ofcom say ..." is answered by what "a
    spokesman for Ofcom" said; a report of Ofcom's or another body's spokesman is not Ofcom."""
    index = SpeakerIndex(
        [
            ("Ofcom", 3),
            ("spokesman for Ofcom", 2),
            ("Ofcom spokeswoman", 1),
            ("preliminary Ofcom report", 1),
            ("spokesman for BT", 1),
            ("Tony Blair", 2),
        ]
    )
    (found,) = index.find("What limits did Ofcom say it might impose?")
    assert found.name == "Ofcom"
    assert set(found.names) == {"Ofcom", "spokesman for Ofcom", "Ofcom spokeswoman"}
    (person,) = index.find("What did Tony Blair say?")
    assert person.names == ("Tony Blair",)


def test_a_body_named_by_its_initials_is_the_body_the_articles_spell_out():
    """s34 of data/gold/said.jsonl: "What has the BPI said ..." where the articles' speakers
    are "British Phonographic Industry" and "spokesman for BPI"; initials no name holds, or
    two bodies share, name nobody."""
    index = SpeakerIndex(
        [
            ("British Phonographic Industry", 3),
            ("spokesman for BPI", 1),
            ("Office of Fair Trading", 1),
            ("Old Firm Trust", 1),
            ("OFT spokeswoman", 1),
            ("Tony Blair", 2),
        ]
    )
    (found,) = index.find("What has the BPI said about indie labels?")
    assert found.name == "British Phonographic Industry"
    assert set(found.names) == {"British Phonographic Industry", "spokesman for BPI"}
    assert index.find("What did the OFT say about the deal?") == []
    assert index.find("What did TB say?") == []


# -- the filter inside both retrievers ----------------------------------------------------------


def _statements_by(retriever, hit, wanted: set[str]) -> list[str]:
    text = retriever.store.article_texts([hit.article_id])[hit.article_id]
    return [
        s.speaker
        for s in retriever.store.statements(hit.article_id, text)
        if s.speaker in wanted and s.char_start < hit.char_end and hit.char_start < s.char_end
    ]


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
@pytest.mark.parametrize("typed", ["tan", "KEFEI", "Tan Kefei"])
def test_speaker_filter_keeps_only_passages_with_their_statements(retriever, mode, typed):
    options = SearchOptions(k=50, mode=mode, per_source=0, filters=Filters(speaker=typed))
    found = retriever.query("military cooperation", options)
    assert [m.name for m in found.speaker_filter] == ["Tan Kefei"]
    allowed = retriever.store.filter_ids(Filters(speakers=("Tan Kefei",)))
    # Every passage holding one of Tan's statements comes back (the filter runs inside the
    # retriever: k hits whenever k passages match), and only those.
    assert sorted(h.passage_id for h in found.hits) == sorted(allowed.tolist())
    for hit in found.hits:
        assert _statements_by(retriever, hit, {"Tan Kefei"}), hit.passage_id
    assert {h.source for h in found.hits} >= {TAN}


def test_speaker_filter_combines_with_the_other_filters(retriever):
    both = Filters(speaker="tan", source=TAN)
    hits = retriever.search("cooperation", SearchOptions(k=50, per_source=0, filters=both))
    assert hits and {h.source for h in hits} == {TAN}
    alone = retriever.search(
        "cooperation", SearchOptions(k=50, per_source=0, filters=Filters(speaker="tan"))
    )
    assert len(alone) > len(hits)


def test_unknown_speaker_returns_nothing_and_says_so(client):
    body = client.get("/api/ask?q=weapons&speaker=Nobody%20Atall").get_json()
    assert body["passages"] == [] and body["match"] == "none"
    assert body["speaker_filter"] == {"asked": "Nobody Atall", "speakers": []}


# -- the answer: statements per passage, speakers with counts -----------------------------------


def test_each_passage_lists_the_statements_inside_it(client):
    body = client.post("/api/ask", json={"question": "weapons supply", "k": 8}).get_json()
    listed = 0
    for p in body["passages"]:
        article = client.get(f"/api/articles/{p['article_id']}").get_json()
        start, end = p["citation"]["char_start"], p["citation"]["char_end"]
        expected = [q for q in article["quotes"] if q["char_start"] < end and start < q["char_end"]]
        got = [{k: v for k, v in s.items() if k != "known_as"} for s in p["statements"]]
        assert got == expected
        for s in p["statements"]:
            assert article["text"][s["char_start"] : s["char_end"]] == s["text"]
        listed += len(p["statements"])
    assert listed >= 5
    # The speakers of the answer with their counts, most statements first.
    speakers = body["speakers"]
    assert speakers and speakers == sorted(speakers, key=lambda s: -s["statements"])
    tan = next(s for s in speakers if s["speaker"] == "Tan Kefei")
    said_by_tan = {
        (p["article_id"], s["char_start"])
        for p in body["passages"]
        for s in p["statements"]
        if s["known_as"] == "Tan Kefei"
    }
    assert tan["statements"] == len(said_by_tan)


def test_a_speaker_named_in_the_question_is_understood_and_counts(retriever, client):
    question = "What did Shoigu say about exercises?"
    body = client.post("/api/ask", json={"question": question}).get_json()
    assert body["understood"]["speakers"] == ["Sergei Shoigu"]
    top = body["passages"][0]
    assert any(s["known_as"] == "Sergei Shoigu" for s in top["statements"])
    # Passages with Shoigu's statements get exactly the speaker boost, the rest nothing.
    plain = SearchOptions(k=10, understand=False)
    on = {
        h.passage_id: h.score for h in retriever.search(question, replace(plain, understand=True))
    }
    off = {h.passage_id: h.score for h in retriever.search(question, plain)}
    names = {n for m in retriever.speakers.match("Sergei Shoigu") for n in m.names}
    boosted = 0
    for hit in retriever.search(question, plain):
        if hit.passage_id not in on:
            continue
        expected = fusion.DEFAULT.speaker_boost if _statements_by(retriever, hit, names) else 0
        assert on[hit.passage_id] - off[hit.passage_id] == pytest.approx(expected, abs=1e-5)
        boosted += expected > 0
    assert boosted >= 1
    off_body = client.post("/api/ask", json={"question": question, "understand": False})
    assert off_body.get_json()["understood"]["speakers"] == []


# -- grouping -----------------------------------------------------------------------------------


def test_group_by_speaker_gives_each_speaker_their_statements_best_first(client):
    body = client.post(
        "/api/ask", json={"question": "military cooperation with Russia", "group_by": "speaker"}
    ).get_json()
    groups = body["groups"]
    assert 2 <= len(groups) <= 5  # k groups at most
    assert len({g["speaker"] for g in groups}) == len(groups)
    ranks = {p["rank"]: p for p in body["passages"]}
    assert sorted(ranks) == list(range(1, len(ranks) + 1))
    for group in groups:
        assert group["statements"]
        for s in group["statements"]:
            assert s["known_as"] == group["speaker"]
            article = client.get(f"/api/articles/{s['article_id']}").get_json()
            assert article["text"][s["char_start"] : s["char_end"]] == s["text"]
            assert s["citation"]["char_start"] == s["char_start"]
            # The passage that holds it is in the answer.
            holder = [p for p in body["passages"] if p["article_id"] == s["article_id"]]
            assert any(
                p["citation"]["char_start"] < s["char_end"]
                and s["char_start"] < p["citation"]["char_end"]
                for p in holder
            )
    # Groups come in the order of their best passage's score.
    scores = [g["score"] for g in groups]
    assert scores == sorted(scores, reverse=True)


def test_group_by_speaker_with_a_speaker_filter_is_one_group(client):
    body = client.get("/api/ask?q=relations&group_by=speaker&speaker=kefei").get_json()
    assert [g["speaker"] for g in body["groups"]] == ["Tan Kefei"]
    assert body["groups"][0]["role"] == "defence ministry spokesman"
    assert len(body["groups"][0]["statements"]) >= 2


def test_group_by_date_is_a_timeline_oldest_first(news_client):
    body = news_client.post(
        "/api/ask",
        json={"question": "what was said about military cooperation?", "group_by": "date"},
    ).get_json()
    days = [g["date"] for g in body["groups"]]
    assert days == sorted(days) and len(days) == len(set(days)) >= 3
    flat = [a for g in body["groups"] for a in g["articles"]]
    assert len(flat) == 5
    for g in body["groups"]:
        assert all(a["published"] == g["date"] for a in g["articles"])
    # The passages in reading order follow the timeline.
    published = [p["citation"]["published"] for p in body["passages"]]
    assert published == sorted(published)


# -- the form and the CLI -----------------------------------------------------------------------


def test_form_filters_by_speaker_and_shows_who_said_it(client):
    page = client.post("/", data={"q": "relations", "speaker": "tan"}).get_data(as_text=True)
    assert "Speaker “tan”: Tan Kefei" in page
    assert (
        page.count('class="said"') >= 2 and "Tan Kefei</span> (defence ministry spokesman)" in page
    )
    assert 'value="tan"' in page  # the filter stays in the form


def test_form_groups_by_speaker(client):
    page = client.post("/", data={"q": "military cooperation", "group_by": "speaker"}).get_data(
        as_text=True
    )
    assert page.count('class="group speaker-group"') >= 2
    assert '<option value="speaker" selected>' in page


def test_form_shows_a_timeline(news_client):
    page = news_client.post(
        "/", data={"q": "what was said about military cooperation?", "group_by": "date"}
    ).get_data(as_text=True)
    assert '<div class="timeline">' in page
    days = re.findall(r'<h2 class="day"><time datetime="([0-9-]+)">', page)
    assert days == sorted(days) and len(days) >= 3


def test_cli_speaker_filter_and_grouping(index_dir):
    out = run_qa("ask", "relations", "--index-dir", str(index_dir), "--speaker", "tan")
    assert out.returncode == 0, out.stderr
    assert "speaker 'tan': Tan Kefei" in out.stdout
    assert "- Tan Kefei (defence ministry spokesman):" in out.stdout
    grouped = run_qa(
        "ask", "relations", "--index-dir", str(index_dir), "--group-by", "speaker", "--json"
    )
    assert grouped.returncode == 0, grouped.stderr
    groups = json.loads(grouped.stdout)["groups"]
    assert groups and all("statements" in g for g in groups)


def test_speaker_groups_are_saved_with_the_build_and_read_back_the_same(names, retriever):
    from qa import layout

    again = SpeakerIndex.from_state(json.loads(json.dumps(names.to_state())))
    for typed in ("tan", "Mr Blair", "Sergei Shoigu", "Vladimir Putin", "Li Shangfu", "he"):
        assert again.match(typed) == names.match(typed)
    for question in ("What did Shoigu say about exercises?", "Putin's view on sanctions"):
        assert again.find(question) == names.find(question)
    assert all(again.name_of(n) == names.name_of(n) for n, _ in NAMES)
    # The real build carries its groups, and the retriever reads them rather than
    # computing: the same index as computing from the store.
    saved = json.loads((retriever.build / layout.SPEAKERS).read_text())
    computed = SpeakerIndex(retriever.store.speakers())
    assert saved == json.loads(json.dumps(computed.to_state()))
    assert retriever.speakers.display == computed.display


def test_the_store_refuses_a_speaker_it_was_not_given_resolved(retriever):
    # Ignored, a typed speaker would allow every passage; Retriever.query resolves it first.
    with pytest.raises(ValueError, match="resolved speaker names"):
        retriever.store.filter_ids(Filters(speaker="tan"))


def test_cli_timeline_prints_the_days_in_order(news_index_dir):
    out = run_qa(
        "ask",
        "what was said about military cooperation?",
        "--index-dir",
        str(news_index_dir),
        "--group-by",
        "date",
    )
    assert out.returncode == 0, out.stderr
    days = re.findall(r"^== (\S+) ==$", out.stdout, re.M)
    assert len(days) >= 3 and days == sorted(days)
