"""The `claimgraph` command: a thin layer over the library that parses flags and formats output."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from claimgraph import __version__
from claimgraph.errors import ClaimgraphError, ConfigError, InputError
from claimgraph.models import Article, Stance
from claimgraph.settings import Settings, load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Who claimed what, about whom, when and where: attributed claims from news articles.")
# Piped output keeps a readable width instead of Rich's 80-column fallback.
out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True, highlight=False, soft_wrap=True)
log = logging.getLogger("claimgraph")


class State:
    settings: Settings = Settings()


state = State()


def _version(value: bool) -> None:
    if value:
        out.print(f"claimgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[str | None, typer.Option(
        "--db", help="The store: a SQLite file or a postgresql:// URL [default: ./claimgraph.db].")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline [default: best installed English one].")] = None,
    attribution: Annotated[str | None, typer.Option(
        help="tagger, rules or auto [default: auto, the learned tagger when installed].")] = None,
    device: Annotated[str | None, typer.Option(
        help="Where the attribution tagger runs: cpu, cuda, cuda:N or auto [default: cpu].")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Articles per spaCy batch [default: 16].")] = None,
    processes: Annotated[int | None, typer.Option(
        help="Worker processes that extract, each loading the model once [default: 1].")] = None,
    log_level: Annotated[str | None, typer.Option(help="DEBUG, INFO, WARNING or ERROR.")] = None,
    actors: Annotated[str | None, typer.Option(
        "--actors", metavar="FILE", help="TSV of extra actors (format of data/actor_aliases.tsv).")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Options shared by every command; each also reads CLAIMGRAPH_<NAME> and ./claimgraph.toml."""
    state.settings = load_settings({"db": db, "model": model, "attribution": attribution, "device": device,
                                    "batch_size": batch_size,
                                    "processes": processes, "log_level": log_level, "actors": actors})
    logging.basicConfig(level=state.settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    if state.settings.actors:  # a bad actors file stops every command before it starts
        from claimgraph.extract.actors import ActorRegistry

        ActorRegistry.load(state.settings.actors)
    if state.settings.device not in {"cpu", "auto"}:  # a GPU that is not there stops every command too
        from claimgraph.ml import installed

        if not installed():
            raise ConfigError("the device setting places the attribution tagger, which needs the ml extra",
                              input=f"device={state.settings.device}", hint="pip install 'claimgraph[ml]'")
        from claimgraph.ml.tagger import resolve_device

        resolve_device(state.settings.device)


def _parse_date(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        raise ConfigError(f"bad date {value!r}", input=flag, hint="use YYYY-MM-DD, e.g. 2025-04-27") from None


def _report(error: ClaimgraphError) -> None:
    err.print(Text(f"error: {error}", style="red"))


# --- ingest -------------------------------------------------------------------------------------

@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Files, directories or http(s) URLs: text, Markdown, articles JSONL, HTML, RSS/Atom feeds, "
             "WARC/ARC (gzipped or not) and URL lists (.urls, or .txt of URLs); the kind is detected.")],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for text files.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for text files.")] = None,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Fetch the page of each feed entry that has no full content.")] = False,
    dedup: Annotated[bool, typer.Option(
        "--dedup/--no-dedup", help="Link copies (exact and near duplicates) to their original.")] = True,
) -> None:
    """Read articles, extract their claims and store them (an article already stored is skipped)."""
    from claimgraph.store import open_store

    pub = _parse_date(published, "--published")
    errors = new = claims = seen = copies = versions = 0
    articles: list[Article] = []
    with _progress() as bar:
        reading = bar.add_task("reading", total=None, articles=0, claims=0, errors=0)
        for item in _read(paths, pub, outlet, follow_links):
            if isinstance(item, InputError):
                errors += 1
                bar.console.print(Text(f"error: {item}", style="red"), soft_wrap=True)
            else:
                articles.append(item)
            bar.update(reading, advance=1, articles=len(articles), errors=errors)
        bar.update(reading, total=len(articles) + errors, completed=len(articles) + errors, visible=False)
        with open_store(state.settings.db) as store:
            from claimgraph.store.stories import StoryIndex

            stories = StoryIndex(store)
            stories.catch_up()  # articles stored before stories were kept, or by a batch load
            unique = _unique(articles)
            todo = []
            for a in unique:
                if store.has_article(a.id):
                    store.record_evidence(a)  # the same text from other bytes is more evidence for it
                else:
                    todo.append(a)
            seen = len(articles) - len(todo)
            if todo:
                task = bar.add_task("extracting", total=len(todo), articles=0, claims=0, errors=errors)
                for extraction in _extract(todo):
                    if store.add(extraction, dedup=dedup, stories=stories):
                        new += 1
                        claims += len(extraction.claims)
                        links = store.links(extraction.article.id)
                        copies += links.duplicate_of is not None
                        versions += links.previous_version is not None
                    bar.update(task, advance=1, articles=new, claims=claims)
    notes = "".join(f"; {n} {what}" for n, what in ((copies, "copies of stored articles"),
                                                     (versions, "new versions of stored pages")) if n)
    out.print(f"ingested {new} articles ({claims} claims) into {state.settings.db}; "
              f"{seen} already stored; {errors} errors{notes}", soft_wrap=True)
    if errors:
        raise typer.Exit(1)


def _unique(articles: list[Article]) -> list[Article]:
    return list({a.id: a for a in articles}.values())


def _read(paths: Iterable[str], published: date | None, outlet: str | None,
          follow_links: bool = False) -> Iterator[Article | InputError]:
    from claimgraph.ingest import read_inputs

    return read_inputs(paths, published=published, outlet=outlet, follow_links=follow_links)


def _extract(articles: list[Article]) -> Iterator[Any]:
    """Extractions in input order, in `processes` worker processes (one: in this process)."""
    from claimgraph.extract.parallel import extract_parallel

    s = state.settings
    return extract_parallel(articles, s.processes, model=s.model, batch_size=s.batch_size,
                            attribution=s.attribution, actors=s.actors or None, device=s.device)


def _progress() -> Progress:
    """A Rich progress display on a terminal: articles, claims and errors as they come; silent when piped."""
    return Progress(TextColumn("{task.description:10}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[articles]} articles · {task.fields[claims]} claims · "
                               "{task.fields[errors]} errors"), TimeElapsedColumn(),
                    console=err, disable=not err.is_terminal, transient=False)


# --- extract ------------------------------------------------------------------------------------

@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Articles JSONL, text or Markdown files, directories.")],
    format: Annotated[str, typer.Option("--format", "-f", help="eval (../shared/eval/FORMATS.md) or jsonl.")] = "jsonl",
    output: Annotated[str, typer.Option("--output", "-o", help="Output file, '-' for standard output.")] = "-",
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for text files.")] = None,
    stories: Annotated[bool | None, typer.Option(
        "--stories/--no-stories",
        help="Link articles that report the same event, in input order, and give each line its \"story\" id "
             "[default: on for eval, off for jsonl].")] = None,
) -> None:
    """Extract claims without storing anything: one JSON line per article, in input order."""
    from claimgraph.export import FORMATS

    if format not in FORMATS:
        raise ConfigError(f"unknown format {format!r}", input="--format", hint=f"choose one of {', '.join(FORMATS)}")
    writer = FORMATS[format]
    articles: list[Article] = []
    errors = 0
    for item in _read(paths, _parse_date(published, "--published"), None):
        if isinstance(item, InputError):
            errors += 1
            _report(item)
        else:
            articles.append(item)
    stream: TextIO = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        if stories if stories is not None else format == "eval":
            _write_with_stories(stream, writer, _extract(articles) if articles else [])
        else:
            for extraction in _extract(articles) if articles else []:
                stream.write(json.dumps(writer(extraction), ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdout:
            stream.close()
    if output != "-":
        err.print(f"wrote {len(articles)} articles to {output}; {errors} errors")
    if errors:
        raise typer.Exit(1)


def _write_with_stories(stream: TextIO, writer: Any, extractions: Iterable[Any]) -> None:
    """Link each article as it comes, then write the lines with their final story ids (a later
    article can merge two stories or move an article to another, so the lines wait for the last one)."""
    from claimgraph.link import StoryLinker

    linker = StoryLinker()
    linked = [(x, linker.add(x)) for x in extractions]
    for x, story in linked:
        stream.write(json.dumps(writer(x, story=linker.resolve(story, x.article.id)), ensure_ascii=False) + "\n")


# --- claims -------------------------------------------------------------------------------------

def _actor_codes(text: str | None) -> list[str]:
    """"PRK" stays a code; "North Korea" becomes PRK through the actor registry."""
    if not text:
        return []
    from claimgraph.store.queries import looks_like_code

    if looks_like_code(text):
        return [text]
    from claimgraph.extract.actors import ActorRegistry

    hit = ActorRegistry.load(state.settings.actors).resolve(text)
    return [hit.code] if hit and hit.code else []


@app.command()
def claims(
    about: Annotated[str | None, typer.Option(
        help="An actor (code like PRK, or a name) or words in the content.")] = None,
    by: Annotated[str | None, typer.Option(help="Source actor code (RUSGOV, RUS) or words of the source.")] = None,
    stance: Annotated[str | None, typer.Option(help="assert, acknowledge, claim, deny, dispute, speculate.")] = None,
    since: Annotated[str | None, typer.Option(help="Articles published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Articles published on or before YYYY-MM-DD.")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article (id or unique prefix).")] = None,
    place: Annotated[str | None, typer.Option(
        help="Claims whose content names this place: an ISO code (RU, RU-KRS) or a name (Kursk, Kyiv).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many claims.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line instead of a table.")] = False,
) -> None:
    """Search stored claims."""
    from claimgraph.store import open_store

    if stance is not None and stance not in {s.value for s in Stance}:
        raise ConfigError(f"unknown stance {stance!r}", input="--stance",
                          hint=f"choose one of {', '.join(s.value for s in Stance)}")
    with open_store(state.settings.db) as store:
        article_id = None
        if article:
            found = store.article(article)
            if found is None:
                raise ConfigError(f"no article {article!r} in the store", input="--article",
                                  hint="list articles with 'claimgraph stats' or search with 'claimgraph claims'")
            article_id = found.id
        rows = store.claims(about_codes=_actor_codes(about), about_text=about, by=by, stance=stance,
                            since=_parse_date(since, "--since"), until=_parse_date(until, "--until"),
                            article_id=article_id, limit=limit, place=place)
        facts = _facts(store, rows)
    if as_json:
        from claimgraph.models import to_dict

        for row, (times, quantities, places) in zip(rows, facts, strict=True):
            record = to_dict(row.claim)
            record.update(article_title=row.title, outlet=row.outlet, published=to_dict(row.published), url=row.url,
                          copies=row.copies, times=to_dict(times), quantities=to_dict(quantities),
                          places=to_dict(places))
            out.print(json.dumps(record, ensure_ascii=False), markup=False, soft_wrap=True)
        return
    table = Table(title=f"{len(rows)} claims", expand=True)
    table.add_column("published", no_wrap=True)
    table.add_column("source [actor]", ratio=2)
    table.add_column("cue (stance)", width=14)
    table.add_column("content", ratio=5)
    table.add_column("when · where · how many", ratio=2)
    table.add_column("article", no_wrap=True)
    for row, (times, quantities, places) in zip(rows, facts, strict=True):
        c = row.claim
        source = c.source.text if c.source else "(unattributed)"
        if c.source_resolved:
            source += f" = {c.source_resolved}"
        if c.source_actor:
            source += f" [{c.source_actor}]"
        cue = f"{c.cue.text if c.cue else ''} ({c.stance.value})"
        notes = [f"{t.text} = {t.value}" for t in times if t.value]
        notes += [f"{p.text} = {p.metonym_of or p.iso}" for p in places if p.iso or p.metonym_of]
        notes += [f"{q.text} = {'' if q.qualifier == '=' else q.qualifier}{q.value:g}{' ' + q.unit if q.unit else ''}"
                  for q in quantities if q.value is not None]
        copies = f"\n+{row.copies} {'copy' if row.copies == 1 else 'copies'}" if row.copies else ""
        table.add_row(str(row.published or ""), source, cue, _short(c.content_text, 200), "\n".join(notes),
                      row.article_id[:8] + copies)
    out.print(table)


def _facts(store: Any, rows: list[Any]) -> list[tuple[list[Any], list[Any], list[Any]]]:
    """The times, quantities and places inside each claim's content, from its article's stored records."""
    cache: dict[str, Any] = {}
    facts = []
    for row in rows:
        if row.article_id not in cache:
            cache[row.article_id] = store.extraction(row.article_id)
        x = cache[row.article_id]

        def inside(rec: Any, claim: Any = row.claim) -> bool:
            return any(f.start <= rec.start and rec.end <= f.end for f in claim.content)

        facts.append(([t for t in x.times if inside(t)], [q for q in x.quantities if inside(q)],
                      [p for p in x.places if inside(p)]))
    return facts


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# --- article ------------------------------------------------------------------------------------

@app.command("article")
def show_article(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or a unique prefix of it.")],
    plain: Annotated[bool, typer.Option(help="Mark spans with brackets instead of colours.")] = False,
) -> None:
    """Show an article with its claims marked: [source], <cue>, «content»."""
    from claimgraph.store import open_store

    with open_store(state.settings.db) as store:
        art = store.article(article_id)
        if art is None:
            raise ConfigError(f"no article {article_id!r} in the store", input="ID",
                              hint="ids are shown by 'claimgraph claims' (article column)")
        x = store.extraction(art.id)
    meta = " · ".join(str(v) for v in (art.title, art.outlet, art.published, art.url) if v)
    out.print(Text(f"{art.id}  {meta}", style="bold"), soft_wrap=True)
    out.print(_marked(art.text, x.claims, plain or not out.is_terminal), soft_wrap=True)
    out.print()
    out.print(Text("[source]  <cue>  «content»", style="dim"))


ROLE_STYLE = {"source": ("[", "]", "bold cyan"), "cue": ("<", ">", "magenta")}
CONTENT_STYLE = ("«", "»", "green")


def _marked(text: str, claims: Iterable[Any], plain: bool) -> Text:
    """The article with contents marked, and sources and cues marked inside or outside them."""
    in_content = [False] * len(text)
    role = [""] * len(text)
    for c in claims:
        for sp in c.content:
            in_content[sp.start:sp.end] = [True] * (sp.end - sp.start)
        for name, sp in (("source", c.source), ("cue", c.cue)):
            if sp is not None:
                role[sp.start:sp.end] = [name] * (sp.end - sp.start)
    result = Text()
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and (role[j], in_content[j]) == (role[i], in_content[i]):
            j += 1
        chunk = text[i:j]
        if plain:
            if in_content[i] and (i == 0 or not in_content[i - 1]):
                result.append(CONTENT_STYLE[0])
            if role[i]:
                opener, closer, _ = ROLE_STYLE[role[i]]
                chunk = f"{opener}{chunk}{closer}"
            result.append(chunk)
            if in_content[i] and (j == len(text) or not in_content[j]):
                result.append(CONTENT_STYLE[1])
        else:
            style = ROLE_STYLE[role[i]][2] if role[i] else CONTENT_STYLE[2] if in_content[i] else ""
            result.append(chunk, style=style)
        i = j
    return result


# --- stories ------------------------------------------------------------------------------------

STATUS_TEXT = {"asserted": "asserted", "disputed": "disputed", "confirmed": "confirmed",
               "confirmed_by_party": "confirmed by the party concerned", "retracted": "retracted"}


@app.command("stories")
def list_stories(
    actor: Annotated[str | None, typer.Option(help="An actor (code like PRK, or a name) named in the story.")] = None,
    place: Annotated[str | None, typer.Option(help="ISO 3166 code or prefix of a place named (RU, RU-KRS).")] = None,
    since: Annotated[str | None, typer.Option(help="Stories with an article published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Stories with an article published on or before YYYY-MM-DD.")]
    = None,
    status: Annotated[str | None, typer.Option(help=f"Status of the main claim: {', '.join(STATUS_TEXT)}.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="What was known on YYYY-MM-DD: only articles published by then.")] = None,
    min_articles: Annotated[int, typer.Option(help="Stories of at least this many articles.")] = 2,
    limit: Annotated[int, typer.Option(help="At most this many stories.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line instead of a table.")] = False,
) -> None:
    """List stories (articles linked as they were ingested), most articles first, with their main claim's status."""
    from claimgraph.link.life import story_life
    from claimgraph.store import open_store
    from claimgraph.store.stories import StoryIndex, story_articles, story_list

    if status is not None and status not in STATUS_TEXT:
        raise ConfigError(f"unknown status {status!r}", input="--status",
                          hint=f"choose one of {', '.join(STATUS_TEXT)}")
    when = _parse_date(as_of, "--as-of")
    codes = _actor_codes(actor) if actor else []
    if actor and not codes:
        raise ConfigError(f"no actor is called {actor!r}", input="--actor",
                          hint="give a code such as PRK or RUSGOV, or see 'claimgraph actors'")
    rows: list[tuple[Any, Any]] = []
    with open_store(state.settings.db) as store:
        StoryIndex(store).catch_up()
        for s in story_list(store.conn, actor=codes[0] if codes else None, place=place,
                            since=_parse_date(since, "--since"), until=_parse_date(until, "--until"), as_of=when,
                            min_articles=min_articles):
            if len(rows) == limit:
                break
            life = story_life(s.id, (store.extraction(a) for a in story_articles(store.conn, s.id, when)), as_of=when)
            main = life.propositions[0] if life.propositions else None
            if status is not None and (main is None or main.status != status):
                continue
            rows.append((s, main))
    if as_json:
        for s, main in rows:
            record = {"id": s.id, "articles": s.articles, "copies": s.copies, "first": to_iso(s.first),
                      "last": to_iso(s.last), "title": s.title, "status": main.status if main else None,
                      "claim": main.label if main else None, "as_of": as_of}
            out.print(json.dumps(record, ensure_ascii=False), markup=False, soft_wrap=True)
        return
    table = Table(title=f"{len(rows)} stories" + (f" as of {as_of}" if as_of else ""), expand=True)
    for column, options in (("story", {"no_wrap": True}), ("articles", {"justify": "right"}),
                            ("first – last", {"no_wrap": True}), ("status", {"ratio": 1}),
                            ("title · main claim", {"ratio": 5})):
        table.add_column(column, **options)  # type: ignore[arg-type]
    for s, main in rows:
        status_text = STATUS_TEXT[main.status] if main else ""
        text = (s.title or "") + (f"\n{_short(main.label, 160)}" if main else "")
        table.add_row(s.id, str(s.articles), f"{s.first or ''} – {s.last or ''}", status_text, text)
    out.print(table)


def to_iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@app.command("story")
def show_story(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="A story id from 'claimgraph stories' (s12).")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="What was known on YYYY-MM-DD: only articles published by then.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the story's life as JSON.")] = False,
) -> None:
    """A story's claims over time: each party's position with its evidence, status, estimates, contradictions."""
    from claimgraph.models import to_dict
    from claimgraph.store import open_store
    from claimgraph.store.stories import StoryIndex, story_life_of

    when = _parse_date(as_of, "--as-of")
    with open_store(state.settings.db) as store:
        StoryIndex(store).catch_up()
        life = story_life_of(store, story_id, when)
    if life is None:
        raise ConfigError(f"no story {story_id!r} in the store", input=story_id,
                          hint="list stories with 'claimgraph stories'")
    if as_json:
        out.print(json.dumps(to_dict(life), ensure_ascii=False), markup=False, soft_wrap=True)
        return
    known = f" as of {life.as_of}" if life.as_of else ""
    out.print(f"story {life.story_id}{known}: {len(life.articles)} articles, {life.first or '?'} – {life.last or '?'}",
              markup=False, soft_wrap=True)
    for p in life.propositions:
        out.print("", markup=False)
        frame = f" · {p.event_type}" if p.event_type else ""
        concerned = f" · parties concerned {', '.join(p.actors)}" if p.actors else ""
        out.print(f"{p.id} {STATUS_TEXT[p.status]}{frame}{concerned}: {_short(p.label, 120)}",
                  markup=False, soft_wrap=True)
        for pos in p.positions:
            who = f"{pos.source} [{pos.party}]" if pos.source and pos.source != pos.party else pos.party
            mark = " (party concerned)" if pos.concerned else ""
            out.print(f"  {pos.date or '????-??-??'}  {who} {pos.position}{mark}: {_short(pos.content, 100)}",
                      markup=False, soft_wrap=True)
            out.print(f"              evidence {pos.article_id[:8]} {pos.sentence.start}-{pos.sentence.end}: "
                      f"{_short(pos.sentence.text, 160)}", markup=False, soft_wrap=True)
        units: dict[str, list[Any]] = {}
        for e in p.estimates:
            units.setdefault(e.unit, []).append(e)
        for unit, estimates in units.items():
            values = [e.value for e in estimates if not e.vague]
            span = f"{min(values):,.0f} – {max(values):,.0f}" if values else "vague only"
            out.print(f"  estimates of {unit or 'numbers'}: {span}", markup=False, soft_wrap=True)
            for e in estimates:
                out.print(f"    {e.date or '????-??-??'}  {e.text!r} ({e.source or e.party} [{e.party}])"
                          f"  evidence {e.article_id[:8]} {e.start}-{e.end}", markup=False, soft_wrap=True)
        for c in p.contradictions:
            out.print(f"  contradiction ({c.kind}): {c.note}", markup=False, soft_wrap=True)


# --- actors -------------------------------------------------------------------------------------

ACTOR_KINDS = ("country", "metonym", "region", "organisation", "person")


@app.command("actors")
def list_actors(
    search: Annotated[str | None, typer.Argument(
        metavar="[TEXT]", help="Only actors whose code, name, role or an alias contains TEXT.")] = None,
    kind: Annotated[str | None, typer.Option(help=f"Only this kind: {', '.join(ACTOR_KINDS)}.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line instead of a table.")] = False,
) -> None:
    """List the actor registry (bundled, plus the --actors file): code, kind, name, role, aliases."""
    from dataclasses import asdict

    from claimgraph.extract.actors import ActorRegistry

    if kind is not None and kind not in ACTOR_KINDS:
        raise ConfigError(f"unknown kind {kind!r}", input="--kind", hint=f"choose one of {', '.join(ACTOR_KINDS)}")
    needle = (search or "").casefold()
    entries = [e for e in ActorRegistry.load(state.settings.actors).entries()
               if (kind is None or e.kind == kind)
               and (not needle or any(needle in v.casefold() for v in (e.code, e.name, e.role, *e.aliases)))]
    if as_json:
        for e in entries:
            out.print(json.dumps(asdict(e), ensure_ascii=False), markup=False, soft_wrap=True)
        return
    table = Table(title=f"{len(entries)} actors", expand=True)
    for column, options in (("code", {"no_wrap": True}), ("kind", {"no_wrap": True}), ("name", {"ratio": 2}),
                            ("role", {"ratio": 2}), ("aliases", {"ratio": 4})):
        table.add_column(column, **options)  # type: ignore[arg-type]
    for e in entries:
        dates = f" ({e.since or '…'} – {e.until or 'now'})" if e.since or e.until else ""
        table.add_row(e.code, e.kind, e.name, e.role + dates, ", ".join(e.aliases))
    out.print(table)


# --- gazetteer ----------------------------------------------------------------------------------

@app.command("places")
def list_places(
    name: Annotated[str, typer.Argument(help="A place name as an article writes it: 'Moscow', 'Kursk region'.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line instead of a table.")] = False,
) -> None:
    """Every place the offline gazetteer knows by a name, most prominent first (built on first use)."""
    from dataclasses import asdict

    from claimgraph.geo import Gazetteer

    readings = sorted(Gazetteer.default().lookup(name), key=lambda e: (-e.population, e.id))
    if as_json:
        for e in readings:
            out.print(json.dumps(asdict(e) | {"iso": e.iso}, ensure_ascii=False), markup=False, soft_wrap=True)
        return
    if not readings:
        raise ConfigError(f"no place is called {name!r}", input=name,
                          hint="try another spelling; names match without accents, dots or case")
    table = Table(title=f"{len(readings)} places called {name!r}")
    for column in ("name", "feature", "iso", "lat", "lon", "population", "matched by"):
        table.add_column(column, no_wrap=column != "name")
    for e in readings:
        kind = e.feature + (" (capital)" if e.capital else "")
        table.add_row(e.name, kind, e.iso or "", f"{e.lat:.4f}", f"{e.lon:.4f}", f"{e.population:,}", e.how)
    out.print(table)


# --- stats --------------------------------------------------------------------------------------

@app.command()
def stats(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Summarise the store: articles, claims by kind and stance, top sources."""
    from claimgraph.store import open_store

    with open_store(state.settings.db) as store:
        numbers = store.stats()
    if as_json:
        out.print(json.dumps(numbers, ensure_ascii=False, default=str), markup=False, soft_wrap=True)
        return
    table = Table(title=f"store {numbers.get('path', state.settings.db)}", show_header=False)
    table.add_column("what")
    table.add_column("value")
    for key, value in numbers.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "0"  # counts by kind; none: 0
        elif isinstance(value, list):
            value = ", ".join(" ".join(str(x) for x in v) if isinstance(v, (list, tuple)) else str(v) for v in value)
        table.add_row(key.replace("_", " "), str(value))
    out.print(table)


# --- serve and export ---------------------------------------------------------------------------

@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on; 0.0.0.0 exposes the store to the network.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        help="Turn on POST /api/ingest for requests bearing this token [default: $CLAIMGRAPH_TOKEN; off].")] = None,
) -> None:
    """Serve the web pages and the HTTP API (OpenAPI at /docs) over the store, read-only."""
    try:
        import uvicorn

        from claimgraph.api import create_app
    except ImportError as e:
        raise ConfigError(f"serving needs the web extra ({e.name} is missing)", input="serve",
                          hint="pip install 'claimgraph[web]'") from None
    application = create_app(state.settings.db, token=token or state.settings.token or None)
    ingest = "on (bearer token)" if token or state.settings.token else "off"
    err.print(f"serving {state.settings.db} on http://{host}:{port}/ (API docs /docs; ingest {ingest})")
    uvicorn.run(application, host=host, port=port, log_level=state.settings.log_level.lower())


@app.command()
def export(
    format: Annotated[str, typer.Option(
        "--format", "-f", help="jsonl, csv, parquet, claimreview, plover (events) or prov (PROV-JSON).")],
    output: Annotated[str, typer.Option("--output", "-o", help="Output file, '-' for standard output.")] = "-",
    about: Annotated[str | None, typer.Option(help="An actor (code or name) or words in the content.")] = None,
    by: Annotated[str | None, typer.Option(help="Source actor code or words of the source.")] = None,
    stance: Annotated[str | None, typer.Option(help="assert, acknowledge, claim, deny, dispute, speculate.")] = None,
    since: Annotated[str | None, typer.Option(help="Articles published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Articles published on or before YYYY-MM-DD.")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article (id or unique prefix).")] = None,
) -> None:
    """Export stored claims (or, for plover, their articles' events) with the filters of `claims`."""
    from claimgraph.api.reads import ClaimFilters, ReadOnlyStore, check_store
    from claimgraph.export.store import EXPORTS, export_bytes

    if format not in EXPORTS:
        raise ConfigError(f"unknown format {format!r}", input="--format", hint=f"choose one of {', '.join(EXPORTS)}")
    if stance is not None and stance not in {s.value for s in Stance}:
        raise ConfigError(f"unknown stance {stance!r}", input="--stance",
                          hint=f"choose one of {', '.join(s.value for s in Stance)}")
    filters = ClaimFilters(about=about, by=by, stance=stance, since=_parse_date(since, "--since"),
                           until=_parse_date(until, "--until"), article=article)
    check_store(state.settings.db)
    with ReadOnlyStore(state.settings.db) as store:
        data = export_bytes(store, format, filters)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        with open(output, "wb") as f:
            f.write(data)
        err.print(f"wrote {len(data)} bytes of {format} to {output}")


# --- batch --------------------------------------------------------------------------------------

@app.command()
def batch(
    paths: Annotated[list[str], typer.Argument(
        help="Inputs as for ingest: articles JSONL, WARC/ARC, text, Markdown, HTML, feeds, directories.")],
    out_dir: Annotated[str, typer.Option("--out", metavar="DIR", help="Folder for the Parquet tables and manifest.")],
    scheduler: Annotated[str | None, typer.Option(
        metavar="ADDRESS", help="A running Dask scheduler (tcp://host:8786) [default: start a local cluster].")] = None,
    workers: Annotated[int | None, typer.Option(
        help="Worker processes of the local cluster, one thread each [default: 2].")] = None,
    shard_size: Annotated[int, typer.Option(help="Articles per shard (one task, one Parquet part).")] = 32,
    load: Annotated[str | None, typer.Option(
        metavar="DB", help="Then load the records into this SQLite store, as 'claimgraph ingest' would.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for text files.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for text files.")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an earlier batch output in DIR.")] = False,
) -> None:
    """Extract on a Dask cluster (local or --scheduler) into Parquet tables; --load stores them too."""
    from pathlib import Path

    from claimgraph.batch import BatchOptions, run_batch

    if scheduler and workers is not None:
        raise ConfigError("--workers sizes a local cluster only", input="--workers",
                          hint="size an existing cluster with `dask worker --nworkers N`, or leave out --scheduler")
    s = state.settings
    options = BatchOptions(out=Path(out_dir), scheduler=scheduler, workers=workers or 2, shard_size=shard_size,
                           model=s.model, attribution=s.attribution, actors=s.actors or None, batch_size=s.batch_size,
                           device=s.device,
                           published=_parse_date(published, "--published"), outlet=outlet, overwrite=overwrite)
    with _progress() as bar:
        task = bar.add_task("extracting", total=None, articles=0, claims=0, errors=0)
        done = {"articles": 0, "claims": 0, "errors": 0}

        def on_error(e: InputError) -> None:
            done["errors"] += 1
            bar.console.print(Text(f"error: {e}", style="red"), soft_wrap=True)
            bar.update(task, errors=done["errors"])

        def on_shard(shard: Any) -> None:
            done["articles"] += shard.articles
            done["claims"] += shard.claims
            bar.update(task, advance=shard.articles, articles=done["articles"], claims=done["claims"])

        result = run_batch(paths, options, on_error=on_error, on_shard=on_shard)
    cluster = scheduler or f"{result.workers} local workers"
    out.print(f"wrote {result.articles} articles ({result.claims} claims) in {result.shards} shards to {out_dir} "
              f"in {result.elapsed_s:.1f} s ({cluster}, start-up {result.startup_s:.1f} s); "
              f"{len(result.errors)} errors", soft_wrap=True)
    if load:
        from claimgraph.batch import load_into
        from claimgraph.store import open_store

        with open_store(load) as store:
            loaded = load_into(store, out_dir)
        out.print(f"loaded {loaded.new} articles ({loaded.claims} claims) into {load}; "
                  f"{loaded.seen} already stored", soft_wrap=True)
    if result.errors:
        raise typer.Exit(1)


def main() -> None:
    """Entry point: every ClaimgraphError becomes one line on stderr and exit status 2."""
    try:
        rc = app(standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else 0)
    except ClaimgraphError as e:
        _report(e)
        sys.exit(2)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        err.print("interrupted; every article stored so far is complete, rerun to add the rest")
        sys.exit(130)
    except Exception as e:  # usage errors from typer's bundled click: show them as click would
        show, exit_code = getattr(e, "show", None), getattr(e, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            sys.exit(exit_code)
        if type(e).__name__ == "Abort":
            sys.exit(1)
        raise
