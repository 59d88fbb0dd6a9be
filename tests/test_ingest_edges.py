"""`qa index` over hostile inputs: one bad file never stops a build, nothing is lost without a
warning, and every skipped file is named with its reason.

File names that are not UTF-8, JSON nested past the recursion limit, numbers Python refuses,
FIFOs, links out of the folder, dangling links, link loops, unreadable files and folders,
`javascript:` urls; and text in every common legacy charset decoded to what was written."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import run_qa

from qa.decode import decode
from qa.load import load_documents

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
BBC_199 = Path("/work/shared/corpora/bbc-news/sport/199.txt")
MIB = 1024 * 1024

# Real sentences in the charsets legacy news files come in. Western text must come out as
# windows-1252 (Spanish was read as cp1250 "Espańa"), and the others must stay what they are.
SAMPLES = {
    "Spanish, cp1252": (
        "cp1252",
        "El señor García dijo que España crecerá este año un 2 %. «Es una buena noticia», "
        "afirmó, y añadió: “El precio subirá a 15 €”. La economía española sigue fuerte.",
    ),
    "French, Latin-1": (
        "latin-1",
        "Le président a déclaré que l'économie française était à un tournant. « Nous devons "
        "agir », a-t-il ajouté lors d'une réunion à Paris où les élus ont débattu du budget.",
    ),
    "German, cp1252": (
        "cp1252",
        "Die Bundesregierung hat am Dienstag beschlossen, die Förderung für Elektroautos zu "
        "verlängern. Der Minister sagte, es gehe um „mehr Klimaschutz“. Kosten: 3 Mrd. €.",
    ),
    "Danish, Latin-1": (
        "latin-1",
        "Regeringen vedtog onsdag forslaget til næste års finanslov. Finansministeren sagde, "
        "at underskuddet bliver mindre end sidste år.",
    ),
    "English with a pound sign, cp1252": (
        "cp1252",
        "Chelsea paid a £15.8m transfer fee for the striker last summer, and the club’s "
        "chairman said the deal was “good value” for a player of his quality.",
    ),
    "Polish, cp1250": (
        "cp1250",
        "Prezydent Łodzi powiedział, że żółć i gęś to ulubione słowa językoznawców. Mieszkańcy "
        "Łódź i okolic świętowali w niedzielę, a władze miasta ogłosiły nowe inwestycje.",
    ),
    "Czech, cp1250": (
        "cp1250",
        "Česká vláda ve středu schválila návrh zákona o státním rozpočtu. Ministr financí "
        "řekl, že schodek bude nižší než loni a že příjmy z daní rostou rychleji.",
    ),
    "Hungarian, cp1250": (
        "cp1250",
        "A kormány szerdán elfogadta a jövő évi költségvetés tervezetét. A pénzügyminiszter "
        "szerint a hiány kisebb lesz, mint tavaly, és az adóbevételek gyorsabban nőnek.",
    ),
    "Turkish, cp1254": (
        "cp1254",
        "Hükümet çarşamba günü gelecek yılın bütçe taslağını onayladı. Maliye bakanı, açığın "
        "geçen yıldan daha küçük olacağını ve vergi gelirlerinin hızlı arttığını söyledi.",
    ),
    "Russian, cp1251": (
        "cp1251",
        "Правительство России в среду утвердило проект бюджета на следующий год. Министр "
        "финансов заявил, что дефицит будет меньше, чем в прошлом году.",
    ),
    "Russian, KOI8-R": (
        "koi8-r",
        "Правительство России в среду утвердило проект бюджета на следующий год. Министр "
        "финансов заявил, что дефицит будет меньше, чем в прошлом году.",
    ),
    "Greek, cp1253": (
        "cp1253",
        "Η κυβέρνηση ενέκρινε την Τετάρτη το σχέδιο του προϋπολογισμού για το επόμενο έτος. "
        "Ο υπουργός Οικονομικών δήλωσε ότι το έλλειμμα θα είναι μικρότερο από πέρσι.",
    ),
    "Japanese, Shift-JIS": (
        "shift_jis",
        "政府は水曜日、来年度の予算案を閣議決定した。財務大臣は、赤字は昨年より小さくなり、"
        "税収は予想よりも速く伸びていると述べた。",
    ),
    "Chinese, GBK": (
        "gbk",
        "政府周三批准了明年的预算草案。财政部长表示，赤字将比去年小，税收增长速度快于预期。",
    ),
    "Chinese, Big5": (
        "big5",
        "政府週三批准了明年的預算草案。財政部長表示，赤字將比去年小，稅收增長速度快於預期。",
    ),
}
# What a byte order mark says wins, as in browsers; UTF-16 was skipped as "binary" (NULs).
MARKED = {
    "UTF-8 with BOM": "utf-8-sig",
    "UTF-16 LE with BOM": "utf-16",  # Python writes the machine's order with a BOM
    "UTF-16 BE with BOM": "utf-16-be",
    "UTF-32 with BOM": "utf-32",
}
TEXT = "Die Förderung für Elektroautos wird verlängert, sagte der Minister in Łódź. € 3 Mrd."


def _decode(data: bytes) -> tuple[str | None, list[str]]:
    warnings: list = []
    text = decode(data, "sample", warnings)
    return text, [w.message for w in warnings]


def test_every_sample_decodes_to_its_text():
    wrong = {}
    for name, (encoding, text) in SAMPLES.items():
        got, notes = _decode(text.encode(encoding))
        if got != text:
            wrong[name] = (notes, (got or "")[:40])
        else:
            assert notes and notes[0].startswith("not UTF-8, decoded as "), notes
    for name, codec in MARKED.items():
        data = TEXT.encode(codec)
        if codec == "utf-16-be":  # Python writes no mark for an explicit byte order
            data = b"\xfe\xff" + data
        got, notes = _decode(data)
        if got != TEXT or notes:
            wrong[name] = (notes, (got or "")[:40])
    assert not wrong, wrong


@pytest.mark.skipif(not BBC_199.exists(), reason="the BBC corpus is not in /work/shared here")
def test_bbc_article_with_a_pound_sign_is_western_text():
    """Its one non-ASCII byte is 0xA3, "£" in windows-1252; the detector alone said Shift-JIS."""
    text, notes = _decode(BBC_199.read_bytes())
    assert notes == ["not UTF-8, decoded as cp1252"]
    assert "a £15.8m signing" in text


def test_utf16_without_bom_is_text_but_binary_stays_binary():
    text, notes = _decode(TEXT.encode("utf-16-le"))
    assert text == TEXT and notes == ["not UTF-8 and no byte order mark, decoded as UTF-16"]
    text, notes = _decode(("\n".join([TEXT] * 3)).encode("utf-16-be"))
    assert text == "\n".join([TEXT] * 3)
    for binary in (bytes(range(256)) * 10, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)):
        assert _decode(binary) == (None, ["binary file (NUL bytes), skipped"])


# --- One real build over a folder of bad inputs ---------------------------------------------

BODIES = {
    name: f"{subject} The council voted on the plan on Monday. Residents said they were {mood}."
    for name, subject, mood in (
        ("good-record", "The city budget was approved after a long debate.", "relieved"),
        ("far-future", "A new tram line will open next spring.", "pleased"),
        ("surrogate", "The harbour bridge will close for repairs in May.", "worried"),
        ("js", "The library will stay open late on Fridays.", "delighted"),
        ("data", "School meals will be free for every pupil from autumn.", "grateful"),
        ("proto", "The old market hall is to become a concert venue.", "curious"),
    )
}
PAGE_TEXT = (
    "The north pier reopened on Tuesday after a two-year repair that cost the harbour board "
    "four million pounds. Fishermen said the new deck was wider and safer than the old one. "
)
# Text in a "comments" block: trafilatura returns nothing, so the fallback parser reads the
# page, and it took og:url as it was.
PAGE = (
    '<html><head><meta property="og:url" content="javascript:alert(document.cookie)"></head>'
    f'<body><div id="comments">{PAGE_TEXT * 3}</div></body></html>'
)


def _hostile_folder(tmp_path: Path) -> tuple[Path, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "private.txt").write_text(
        "Private notes. The access code PRIVATE-TOKEN-7731 must never be published anywhere.\n"
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ARTICLES / "000_c66550dc802b1081.txt", corpus / "good.txt")
    # File names that are not UTF-8, which map to the same name if bad bytes become U+FFFD.
    for byte, article in (
        (b"\xff", "001_b734b12dec5ae5c6.txt"),
        (b"\xfe", "002_ef682113773a2775.txt"),
    ):
        bad = os.fsencode(corpus) + b"/bad" + byte + b"name.txt"
        Path(os.fsdecode(bad)).write_bytes((ARTICLES / article).read_bytes())
    # Nesting past the recursion limit; a bad first line took the good JSONL lines with it.
    (corpus / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (corpus / "mixed.jsonl").write_text(
        "[" * 3000
        + "]" * 3000
        + "\n"
        + json.dumps({"id": "good-record", "text": BODIES["good-record"]})
        + "\n"
    )
    # A number past Python's 4,300-digit limit (ValueError), a date too large for a float
    # (OverflowError), an id with a lone surrogate (UnicodeEncodeError in SQLite).
    (corpus / "bigint.json").write_text('{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}")
    (corpus / "odd.jsonl").write_text(
        json.dumps({"id": "far-future", "text": BODIES["far-future"], "date": 10**400})
        + "\n"
        + json.dumps({"id": "caf\ud800", "text": BODIES["surrogate"]})
        + "\n"
    )
    (corpus / "huge.txt").write_bytes(b"All work and no play. " * (int(1.3 * MIB) // 22 + 1))
    (corpus / "urls.json").write_text(
        json.dumps(
            [
                {"id": "js", "text": BODIES["js"], "url": "javascript:alert(1)"},
                {"id": "data", "text": BODIES["data"], "url": "data:text/html,<script>x</script>"},
                {"id": "proto", "text": BODIES["proto"], "url": "//news.example/market-hall"},
            ]
        )
    )
    (corpus / "page.html").write_text(PAGE)
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "escape.txt").symlink_to(outside / "private.txt")
    (corpus / "escape-dir").symlink_to(outside)
    (corpus / "dangling.txt").symlink_to(corpus / "missing.txt")
    (corpus / "alias.txt").symlink_to("good.txt")
    (corpus / "self").symlink_to(".")
    (corpus / "loop-a.txt").symlink_to("loop-b.txt")
    (corpus / "loop-b.txt").symlink_to("loop-a.txt")
    return corpus, outside


def test_one_build_survives_every_bad_input(tmp_path):
    corpus, outside = _hostile_folder(tmp_path)
    out = run_qa(
        "index", corpus, "--index-dir", tmp_path / "idx", "--quiet", env={"QA_MAX_FILE_MB": "1"}
    )
    assert out.returncode == 0, out.stderr[-3000:]
    err = out.stderr
    expected = [
        'bad\\xffname.txt: file name is not valid UTF-8, indexed as "bad\\xffname.txt"',
        'bad\\xfename.txt: file name is not valid UTF-8, indexed as "bad\\xfename.txt"',
        "deep.json: JSON nested too deeply, skipped",
        "mixed.jsonl:1: JSON line nested too deeply, skipped",
        "bigint.json: malformed JSON (ValueError: Exceeds the limit",
        "huge.txt: too large (1.3 MiB > the 1 MiB limit; set QA_MAX_FILE_MB to allow it), skipped",
        "urls.json:1: url 'javascript:alert(1)' is not an http(s) url, dropped",
        "urls.json:2: url 'data:text/html,<script>x</script>' is not an http(s) url, dropped",
        "page.html: page url 'javascript:alert(document.cookie)' is not an http(s) url, dropped",
        "pipe.txt: not a regular file (a FIFO), skipped",
        f"escape.txt -> {outside / 'private.txt'}: link points outside {corpus} "
        "(pass the target itself to index it), skipped",
        f"escape-dir -> {outside}: link points outside {corpus}",
        f"dangling.txt -> {corpus / 'missing.txt'}: broken link (No such file or directory)",
        "alias.txt: a link to a file read as good.txt, not read twice",
        f"self: link to {corpus}, a folder read already",
        "loop-a.txt: link loop (too many levels of symbolic links), skipped",
    ]
    missing = [line for line in expected if line not in err]
    assert not missing, (missing, err)
    summary = out.stdout.strip().splitlines()[-1]
    for reason in (
        "1 JSON nested too deeply",
        "1 JSON line nested too deeply",
        "1 malformed JSON",
        "1 too large",
        "1 not a regular file",
        f"2 link points outside {corpus}",
        "1 broken link",
        "2 link loop",
    ):
        assert reason in summary, (reason, summary)

    conn = sqlite3.connect(tmp_path / "idx" / "current" / "meta.sqlite")
    urls = dict(conn.execute("SELECT source, url FROM articles"))
    assert set(urls) == {
        "good.txt",
        "bad\\xffname.txt",
        "bad\\xfename.txt",
        "good-record",
        "far-future",
        "caf\ufffd",
        "js",
        "data",
        "proto",
        "page.html",
    }
    assert urls["js"] is None and urls["data"] is None and urls["page.html"] is None
    assert urls["proto"] == "https://news.example/market-hall"
    leaked = conn.execute("SELECT count(*) FROM articles WHERE text LIKE '%PRIVATE-TOKEN%'")
    assert leaked.fetchone() == (0,)


# --- Paths given directly, unreadable entries ------------------------------------------------


def test_paths_named_on_the_command_line(tmp_path):
    """A link the user names is read (they chose it); a FIFO is named, never opened (reading
    one blocks until a writer comes); a dangling link is named as such."""
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("The ferry timetable changes on Sunday. Extra crossings run at night.")
    (tmp_path / "named-link.txt").symlink_to(elsewhere)
    os.mkfifo(tmp_path / "named-pipe.txt")
    (tmp_path / "named-dangling.txt").symlink_to(tmp_path / "gone.txt")
    paths = [tmp_path / n for n in ("named-link.txt", "named-pipe.txt", "named-dangling.txt")]
    warnings: list = []
    docs = list(load_documents(paths, warnings))
    assert [d.source for d in docs] == ["named-link.txt"]
    assert [str(w) for w in warnings] == [
        f"{tmp_path / 'named-pipe.txt'}: not a regular file (a FIFO), skipped",
        f"{tmp_path / 'named-dangling.txt'}: broken link (No such file or directory), skipped",
    ]


@contextmanager
def _unprivileged() -> Iterator[None]:
    """Run the body as `nobody` when the tests run as root: root reads a mode-000 file anyway
    (CAP_DAC_OVERRIDE), so only an unprivileged process meets "Permission denied"."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def test_unreadable_files_and_folders_are_named():
    # Not under tmp_path: pytest makes that folder 0700, which `nobody` cannot enter at all.
    base = Path(tempfile.mkdtemp(prefix="qa-unreadable-"))
    try:
        base.chmod(0o755)
        (base / "ok.txt").write_text("The museum opens a new wing on Saturday. Entry is free.")
        (base / "secret.txt").write_text("Unreadable.")
        (base / "locked").mkdir()
        (base / "locked" / "inside.txt").write_text("Never listed.")
        (base / "secret.txt").chmod(0)
        (base / "locked").chmod(0)
        with _unprivileged():
            try:
                (base / "secret.txt").read_bytes()
            except PermissionError:
                pass
            else:
                pytest.skip("this process reads mode-000 files: permissions cannot be tested")
            warnings: list = []
            docs = list(load_documents([base], warnings))
        assert [d.source for d in docs] == ["ok.txt"]
        assert sorted(str(w) for w in warnings) == [
            f"{base / 'locked'}: unreadable folder (Permission denied), skipped",
            f"{base / 'secret.txt'}: unreadable (Permission denied), skipped",
        ]
    finally:
        (base / "locked").chmod(0o755)
        shutil.rmtree(base)
