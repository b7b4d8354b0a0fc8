"""Stories kept in the store, and each claim's life in a story (link/life.py, store/stories.py)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from claimgraph import cli
from claimgraph.link import StoryLinker
from claimgraph.link.life import evidence_sentence, story_life
from claimgraph.models import ActorRef, Article, Claim, ClaimKind, Event, Extraction, Stance, TextSpan
from claimgraph.store import open_store
from claimgraph.store.stories import StoryIndex, story_articles, story_life_of, story_list
from conftest import ROOT

WCEP = ROOT / "samples" / "wcep-north-korea-russia-ukraine.jsonl"
# Wikipedia Current Events Portal (CC BY-SA 4.0, "Wikipedia contributors, Portal:Current events"),
# as bundled in samples/: Ukraine captures North Korean soldiers; 3,000 more sent, says South Korea's
# military; North Korea then Russia confirm; South Korean intelligence: 15,000 soldiers.
SCENARIO = ("2025-01-11_004", "2025-03-27_000", "2025-04-27_001", "2025-04-30_002")


def wcep_articles(docs: tuple[str, ...] | None = None) -> list[Article]:
    rows = [json.loads(line) for line in WCEP.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Article.from_text(r["text"], doc=r["doc"], title=r["title"], outlet=r["outlet"], url=r["url"],
                              published=date.fromisoformat(r["published"]))
            for r in rows if docs is None or r["doc"] in docs]


# --- stories in the store (no model: the linker reads the text) ------------------------------------

def test_stories_survive_reopening_and_match_one_linker(tmp_path: Path):
    articles = wcep_articles()[:40]
    expected = StoryLinker()
    ids = [expected.add(Extraction(article=a)) for a in articles]
    want = {a.id: expected.resolve(s, a.id) for a, s in zip(articles, ids, strict=True)}
    assert expected.state.moves  # re-clustering moves articles in this stream: the store must follow
    db = tmp_path / "s.db"
    for part in (articles[:13], articles[13:27], articles[27:]):  # reopened between parts, mid-snapshot
        with open_store(db) as store:
            index = StoryIndex(store, snapshot_every=5)
            for a in part:
                assert store.add(Extraction(article=a), stories=index)
    with open_store(db) as store:
        got = dict(store.conn.execute("SELECT id, story_id FROM articles").fetchall())
        seqs = [r[0] for r in store.conn.execute("SELECT link_seq FROM articles ORDER BY link_seq")]
        snapshot = store.conn.execute("SELECT link_seq FROM link_state").fetchall()
    assert got == want
    assert seqs == list(range(1, 41))
    assert snapshot == [(40,)]


def test_a_copy_follows_its_original_when_re_clustering_moves_it(tmp_path: Path):
    articles = wcep_articles()[:24]
    expected = StoryLinker()
    ids = [expected.add(Extraction(article=a)) for a in articles]
    original = next(a for a in articles if a.id in expected.state.moves)
    copy = Article.from_text(original.text.upper(), doc="copy", published=original.published)
    with open_store(tmp_path / "s.db") as store:
        index = StoryIndex(store)
        for a in articles:
            store.add(Extraction(article=a), stories=index)
            if a is original:  # stored before the arrival that moves its original
                store.add(Extraction(article=copy), stories=index)
        got = dict(store.conn.execute("SELECT id, story_id FROM articles").fetchall())
    moved_to = expected.resolve(ids[articles.index(original)], original.id)
    assert got[original.id] == got[copy.id] == moved_to != expected.resolve(ids[articles.index(original)])


def test_a_snapshot_of_an_older_linker_is_linked_again(tmp_path: Path, caplog):
    """A store written by linker v2 (state version 2, no moves) is relinked from its articles on open."""
    articles = wcep_articles()[:30]
    expected = StoryLinker()
    ids = [expected.add(Extraction(article=a)) for a in articles]
    db = tmp_path / "s.db"
    with open_store(db) as store:
        index = StoryIndex(store, snapshot_every=10)
        for a in articles:
            store.add(Extraction(article=a), stories=index)
        old = json.loads(store.conn.execute("SELECT state FROM link_state").fetchone()[0])
        old = {**old, "version": 2, "stories": [{**s, "members": [m[3] for m in s["members"]]} for s in old["stories"]]}
        del old["moves"]
        store.conn.execute("UPDATE link_state SET state = ?", (json.dumps(old),))
        store.conn.execute("UPDATE articles SET story_id = 'v2-' || story_id")
        store.conn.commit()
    with open_store(db) as store, caplog.at_level("WARNING"):
        StoryIndex(store).linker()
        got = dict(store.conn.execute("SELECT id, story_id FROM articles").fetchall())
        state = json.loads(store.conn.execute("SELECT link_seq, state FROM link_state").fetchone()[1])
    assert "story linker state version 2, expected 3" in caplog.text and "linking every stored article" in caplog.text
    assert got == {a.id: expected.resolve(s, a.id) for a, s in zip(articles, ids, strict=True)}
    assert state == expected.state.to_dict()


def test_catch_up_links_articles_stored_without_stories(tmp_path: Path):
    articles = wcep_articles()[:12]
    with open_store(tmp_path / "s.db") as store:
        for a in articles:
            store.add(Extraction(article=a))
        assert store.conn.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 12
        assert StoryIndex(store).catch_up() == 12
        assert StoryIndex(store).catch_up() == 0
        listed = story_list(store.conn, min_articles=1)
        assert sum(s.articles for s in listed) == 12
        first = listed[0]
        assert len(story_articles(store.conn, first.id)) == first.articles


def test_a_copy_takes_its_originals_story(tmp_path: Path):
    original = wcep_articles(("2025-03-27_000",))[0]
    copy = Article.from_text(original.text.upper(), doc="copy", published=original.published)  # same once normalised
    assert copy.id != original.id
    with open_store(tmp_path / "s.db") as store:
        index = StoryIndex(store)
        store.add(Extraction(article=original), stories=index)
        store.add(Extraction(article=copy), stories=index)
        rows = store.conn.execute("SELECT id, story_id, link_seq, duplicate_of FROM articles ORDER BY rowid").fetchall()
    assert rows[1][3] == original.id and rows[1][1] == rows[0][1] and rows[1][2] is None


# --- claim life on hand-built records ----------------------------------------------------------------

def _claim(a: Article, n: int, source: str, actor: str, cue: str, stance: Stance, content: str) -> Claim:
    s, c, t = a.text.index(source), a.text.index(cue), a.text.index(content)
    return Claim(id=f"{a.id[:6]}-{n}", article_id=a.id, start=min(s, c, t), end=t + len(content),
                 kind=ClaimKind.INDIRECT, stance=stance, content=(TextSpan(t, t + len(content), content),),
                 source=TextSpan(s, s + len(source), source), source_actor=actor, cue=TextSpan(c, c + len(cue), cue),
                 cue_lemma=cue.split()[-1].rstrip("sd"), report_time=a.published.isoformat() if a.published else None)


def _article(text: str, day: str, *claims: tuple[str, str, str, Stance, str]) -> Extraction:
    a = Article.from_text(text, published=date.fromisoformat(day))
    made = tuple(_claim(a, i, *c) for i, c in enumerate(claims))
    at = text.index("troops")
    actors = (ActorRef(a.id, text.index("Freedonian"), text.index("Freedonian") + 10, "Freedonian", "FRD", "demonym"),)
    event = Event(a.id, at, at + 6, "troops", "MOBILIZE", actor=("FRD",), recipient=("SYL",))
    return Extraction(article=a, claims=made, actors=actors, events=(event,))


HAND = [
    _article("Sylvania says Freedonian troops crossed the border.", "2025-01-02",
             ("Sylvania", "SYL", "says", Stance.ASSERT, "Freedonian troops crossed the border")),
    _article("Freedonia denied that Freedonian troops crossed the border.", "2025-01-05",
             ("Freedonia", "FRD", "denied", Stance.DENY, "that Freedonian troops crossed the border")),
    _article("Freedonia admitted that Freedonian troops crossed the border.", "2025-02-01",
             ("Freedonia", "FRD", "admitted", Stance.ACKNOWLEDGE, "that Freedonian troops crossed the border")),
]


@pytest.mark.parametrize(("as_of", "status", "positions"), [
    (date(2025, 1, 3), "asserted", ["asserts"]),
    (date(2025, 1, 20), "disputed", ["asserts", "denies"]),
    (None, "confirmed_by_party", ["asserts", "denies", "acknowledges"]),
])
def test_life_status_follows_the_parties_over_time(as_of, status, positions):
    life = story_life("s1", HAND, as_of=as_of)
    (prop,) = life.propositions
    assert prop.status == status
    assert [p.position for p in prop.positions] == positions
    assert prop.actors == ("FRD", "SYL")
    if as_of is None:
        assert [c.kind for c in prop.contradictions] == ["parties", "reversal"]
        assert prop.positions[-1].concerned


@pytest.mark.parametrize(("text", "piece", "sentence"), [
    ("One. U.S. officials said so. Three.", "officials", "U.S. officials said so."),
    ("First line\nSecond “quoted.” Next", "quoted", "Second “quoted.”"),
])
def test_evidence_sentence(text: str, piece: str, sentence: str):
    at = text.index(piece)
    assert evidence_sentence(text, at, at + len(piece)).text == sentence


# --- the founding scenario: North Korean troops fighting for Russia -----------------------------------

def _run(capsys, *args: str) -> str:
    old = sys.argv
    sys.argv = ["claimgraph", *args]
    try:
        cli.main()
    except SystemExit as e:
        assert not e.code, capsys.readouterr().err
    finally:
        sys.argv = old
    return capsys.readouterr().out


@pytest.mark.model
@pytest.mark.slow
def test_north_korean_troops_story(nlp, seed_text: str, tmp_path: Path, capsys):
    from claimgraph.extract import extract_articles

    seed = Article.from_text(seed_text, published=date(2025, 4, 27))  # the date ../shared/seed/README.md gives
    articles = [*wcep_articles(SCENARIO), seed]
    db = tmp_path / "life.db"
    with open_store(db) as store:
        index = StoryIndex(store, snapshot_every=2)
        for x in extract_articles(articles, nlp):
            store.add(x, stories=index)
        sid = store.conn.execute("SELECT story_id FROM articles WHERE id = ?", (seed.id,)).fetchone()[0]
        life = story_life_of(store, sid)
        early = story_life_of(store, sid, as_of=date(2025, 4, 1))
    assert life is not None and early is not None
    main = life.propositions[0]
    assert main.status == "confirmed_by_party"
    assert {"PRK", "RUS"} <= set(main.actors)
    by = [(p.date, p.party, p.position) for p in main.positions]
    # who asserted it and when
    assert ("2025-03-27", "KORMIL", "asserts") in by
    assert ("2025-04-27", "UKRGOV+WST", "asserts") in by
    # the parties concerned confirm it: Russia (the founding article and the portal), North Korea
    confirmations = [p for p in main.positions if p.position in {"acknowledges", "confirms"} and p.concerned]
    assert {p.party for p in confirmations} >= {"RUS", "PRK"}
    assert any(p.party == "RUS" and p.article_id == seed.id and p.sentence.text.startswith("Russia has, for the first")
               for p in confirmations)
    # troop estimates per source, in date order, each with its evidence sentence
    troops = [(e.date, e.party, e.text) for e in main.estimates if e.unit == "troops" and not e.vague]
    assert troops == [("2025-03-27", "KORMIL", "3,000 more soldiers"),
                      ("2025-04-27", "USAGOV", "more than 11,000 North Korean soldiers"),
                      ("2025-04-30", "KORSPY", "15,000 soldiers")]
    for e in main.estimates:
        text = next(a.text for a in articles if a.id == e.article_id)
        assert text[e.sentence.start:e.sentence.end] == e.sentence.text and e.text in e.sentence.text
    # Russia's claim on Kursk and Kyiv's answer: a contradiction between parties
    assert any(c.kind == "parties" and "UKRGOV disputes what RUS claims" in c.note
               for p in life.propositions for c in p.contradictions)
    # before Russia and North Korea spoke, it was only asserted
    assert early.propositions[0].status == "asserted"
    assert all(p.date is not None and p.date <= "2025-04-01" for p in early.propositions[0].positions)

    shown = _run(capsys, "--db", str(db), "story", sid)
    assert "confirmed by the party concerned" in shown
    for line in ("South Korea’s military [KORMIL] asserts", "North Korea [PRK] confirms (party concerned)",
                 "'more than 11,000 North Korean soldiers' (U.S. officials [USAGOV])",
                 "'15,000 soldiers' (South Korean intelligence [KORSPY])"):
        assert line in shown
    assert shown.index("'3,000 more soldiers'") < shown.index("'more than 11,000") < shown.index("'15,000 soldiers'")
    listed = _run(capsys, "--db", str(db), "stories", "--actor", "PRK", "--status", "confirmed_by_party", "--json")
    assert [json.loads(line)["id"] for line in listed.splitlines()] == [sid]


def test_two_stores_on_one_file_link_as_one(tmp_path: Path):
    """Two ingesting processes (here two connections) interleave: each replays what the other linked."""
    articles = wcep_articles()[:20]
    expected = StoryLinker()
    ids = [expected.add(Extraction(article=a)) for a in articles]
    want = {a.id: expected.resolve(s, a.id) for a, s in zip(articles, ids, strict=True)}
    db = tmp_path / "s.db"
    with open_store(db) as one, open_store(db) as two:
        indexes = [(one, StoryIndex(one, snapshot_every=3)), (two, StoryIndex(two, snapshot_every=3))]
        for i, a in enumerate(articles):
            store, index = indexes[i % 3 == 0]
            store.add(Extraction(article=a), stories=index)
        got = dict(one.conn.execute("SELECT id, story_id FROM articles").fetchall())
    assert got == want
