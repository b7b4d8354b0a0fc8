"""Story linking (link/stories.py): real event summaries, built by hand into Extractions (no model).

The texts are Wikipedia Current Events Portal summaries of January 2025 (../shared/corpus/
wcep_portal_2025_2026), CC BY-SA 4.0, "Wikipedia contributors, Portal:Current events".
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from claimgraph.export.formats import eval_record, jsonl_record
from claimgraph.link import LinkerState, StoryLinker, StoryOptions
from claimgraph.link.stories import article_features
from claimgraph.models import Article, Extraction, TimeRef
from conftest import ROOT

GOMA_1 = ("March 23 Movement rebels begin their advance into the city of Goma, North Kivu Province, "
          "Democratic Republic of the Congo.")
GOMA_2 = ("M23 rebels take full control of Goma International Airport in Goma, North Kivu, Democratic Republic "
          "of the Congo, according to senior diplomatic and Congolese security officials.")
YOON = ("The Constitutional Court of South Korea adjourns the opening session of Yoon Suk Yeol's impeachment "
        "trial after Yoon failed to attend the session due to alleged safety concerns.")
TENNIS = ("In tennis, Madison Keys wins her first major title after defeating the two-time defending champion "
          "Aryna Sabalenka, 6–3, 2–6, 7–5, to win the women's singles title at the Australian Open.")
NEW_ORLEANS = ("A man kills 14 people and injures 35 others, including two police officers, in a vehicle-ramming "
               "and shooting attack on Bourbon Street in New Orleans, Louisiana, United States, before being shot "
               "dead. The FBI says that it found an Islamic State flag in the suspect's vehicle.")

STREAM = [("2025-01-01", NEW_ORLEANS), ("2025-01-14", YOON), ("2025-01-25", TENNIS), ("2025-01-26", GOMA_1),
          ("2025-01-28", GOMA_2)]


def _x(text: str, day: str) -> Extraction:
    return Extraction(article=Article.from_text(text, published=date.fromisoformat(day), doc=text[:12]))


def _link(linker: StoryLinker, stream: list[tuple[str, str]]) -> list[str]:
    return [linker.add(_x(text, day)) for day, text in stream]


def test_reports_of_one_event_share_a_story_and_unrelated_ones_do_not():
    linker = StoryLinker()
    ids = [linker.resolve(s) for s in _link(linker, STREAM)]
    goma = set(ids[3:])
    assert len(goma) == 1
    assert len(set(ids[:3])) == 3 and not goma & set(ids[:3])


def test_a_dated_report_far_outside_the_window_starts_its_own_story():
    linker = StoryLinker(StoryOptions(window_days=30))
    first = linker.add(_x(GOMA_1, "2025-01-26"))
    assert linker.add(_x(GOMA_2, "2025-01-28")) == first
    assert linker.add(_x(GOMA_2, "2025-09-01")) != first


def test_state_round_trips_through_json_and_linking_resumes_identically():
    whole = StoryLinker()
    expected = _link(whole, STREAM)
    first = StoryLinker()
    _link(first, STREAM[:4])
    saved = json.dumps(first.state.to_dict())
    resumed = StoryLinker(state=LinkerState.from_dict(json.loads(saved)))
    assert resumed.state == first.state
    assert _link(resumed, STREAM[4:]) == expected[4:]
    assert resumed.state.to_dict() == whole.state.to_dict()


def test_an_unknown_state_version_is_refused():
    data = StoryLinker().state.to_dict() | {"version": 99}
    with pytest.raises(ValueError, match="version 99"):
        LinkerState.from_dict(data)


@pytest.mark.parametrize(("value", "features"), [
    ("2025-01-26", {"y:2025", "d:2025-01-26"}),
    ("2025-01", {"y:2025"}),
    ("XXXX-WXX-5", set()),
    (None, set()),
])
def test_resolved_times_become_year_and_day_features(value, features):
    article = Article.from_text("Rebels enter Goma on Sunday.")
    x = Extraction(article=article, times=(TimeRef(article.id, 20, 26, "Sunday", "DATE", value),))
    assert {k for k in article_features(x) if k[0] in "yd"} == features


def test_names_inside_sentences_count_and_headlines_in_title_case_do_not():
    feats = article_features(_x("Rebels Seize Goma Airport From Army\nThe rebels of M23 held Goma on Monday.",
                                "2025-01-28"))
    assert {k for k in feats if k.startswith("n:")} == {"n:goma", "n:monday"}


def test_the_eval_line_carries_the_story_only_when_stories_were_linked():
    x = _x(GOMA_1, "2025-01-26")
    assert "story" not in eval_record(x) and "story" not in jsonl_record(x)
    assert eval_record(x, story="s3")["story"] == "s3"
    assert jsonl_record(x, story="s3")["story"] == "s3"


@pytest.mark.model
@pytest.mark.parametrize(("flags", "linked"), [((), True), (("--no-stories",), False)])
def test_extract_eval_links_stories_in_input_order(capsys, tmp_path, flags, linked):
    from test_cli import run

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"doc": f"d{i}", "text": text, "published": day}) + "\n"
                           for i, (day, text) in enumerate(STREAM)), encoding="utf-8")
    out_path = tmp_path / "pred.jsonl"
    code, _, err = run(capsys, "--attribution", "rules", "extract", str(src), "--format", "eval",
                       "-o", str(out_path), *flags)
    assert code == 0, err
    rows = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"] for r in rows] == [f"d{i}" for i in range(len(STREAM))]
    if not linked:
        assert all("story" not in r for r in rows)
        return
    stories = [r["story"] for r in rows]
    assert stories[3] == stories[4] and len(set(stories)) == len(STREAM) - 1


@pytest.mark.model
def test_extract_eval_and_ingest_give_each_article_the_same_story(capsys, tmp_path):
    """`extract --format eval` reads every story at the end, following merges and moves; `ingest` applies
    them to the store as each article arrives. Over 40 summaries, where re-clustering moves articles,
    the two agree article by article."""
    from test_cli import run

    src = tmp_path / "in.jsonl"
    rows = (ROOT / "samples" / "wcep-north-korea-russia-ukraine.jsonl").read_text(encoding="utf-8").splitlines()
    src.write_text("\n".join(rows[:40]) + "\n", encoding="utf-8")
    pred, db = tmp_path / "pred.jsonl", tmp_path / "s.db"
    code, _, err = run(capsys, "--attribution", "rules", "extract", str(src), "--format", "eval", "-o", str(pred))
    assert code == 0, err
    code, _, err = run(capsys, "--attribution", "rules", "--db", str(db), "ingest", "--no-dedup", str(src))
    assert code == 0, err
    written = {r["doc"]: r["story"] for r in map(json.loads, pred.read_text(encoding="utf-8").splitlines())}
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT doc, story_id FROM articles"))
    assert len(written) == 40 and written == stored


def _dated(text: str, year: str) -> Extraction:
    article = Article.from_text(f"{text} It happened in {year}.", doc=f"{text[:8]}{year}")
    at = len(text) + len(" It happened in ")
    return Extraction(article=article, times=(TimeRef(article.id, at, at + 4, year, "DATE", year),))


def test_reports_naming_other_years_are_held_apart_by_the_year_penalty():
    linker = StoryLinker(StoryOptions(year_penalty=1.0))
    first = linker.add(_dated(GOMA_1, "2012"))
    assert linker.resolve(linker.add(_dated(GOMA_1, "2012"))) == linker.resolve(first)
    assert linker.resolve(linker.add(_dated(GOMA_1, "2008"))) != linker.resolve(first)


def test_a_story_keeps_a_bounded_sample_of_its_articles():
    options = StoryOptions(members=4, seed_members=1)
    linker = StoryLinker(options)
    ids = {linker.resolve(linker.add(_x(GOMA_1 if i % 2 else GOMA_2, "2025-01-26"))) for i in range(12)}
    assert len(ids) == 1
    story = linker.state.stories[ids.pop()]
    assert story.size == 12 and len(story.members) == options.members
    assert all(len([k for k in m.counts if k.startswith("w:")]) <= options.member_features for m in story.members)
    assert [m.seq for m in story.members] == [1, *range(10, 13)]  # the first, then the latest


def test_stories_months_older_than_the_newest_article_are_retired_from_memory():
    # January's summaries, then the same events reported again in December: by then January's stories
    # are `retire_days` behind the newest article and leave the linker's memory (so its state, and every
    # snapshot of it, holds recent months, not every year read); December's reports make new stories.
    linker = StoryLinker(StoryOptions(retire_days=90, retire_after=2, retire_every=1))
    january = {linker.resolve(s) for s in _link(linker, STREAM)}
    assert set(linker.state.stories) == january
    december = [(day.replace("2025-01", "2025-12"), text) for day, text in STREAM]
    later = {linker.resolve(s) for s in _link(linker, december)}
    state = linker.state
    assert state.latest == "2025-12-28"
    assert not later & january and set(state.stories) == later
    assert len(later) == len(january)  # linked alike: the same events, one story per event
    assert all(set(p) <= later for p in state.postings.values())
    assert LinkerState.from_dict(json.loads(json.dumps(state.to_dict()))).latest == "2025-12-28"


def test_stories_are_kept_while_their_events_are_recent():
    linker = StoryLinker(StoryOptions(retire_days=90, retire_after=1, retire_every=1))
    first = linker.add(_x(GOMA_1, "2025-01-26"))
    linker.add(_x(YOON, "2025-04-20"))  # 84 days on: Goma's story is not yet 90 days behind
    assert first in linker.state.stories
    linker.add(_x(TENNIS, "2025-04-30"))
    assert first not in linker.state.stories


def test_a_backfill_of_old_reports_keeps_the_stories_it_is_joining():
    # An archive from January ingested after December's news: January's stories are months behind the
    # newest article, but articles keep joining them, so they stay and the archive links as it would alone.
    linker = StoryLinker(StoryOptions(retire_days=90, retire_after=3, retire_every=1))
    linker.add(_x(YOON, "2025-12-20"))
    first = linker.add(_x(GOMA_1, "2025-01-26"))
    linker.add(_x(TENNIS, "2025-01-25"))
    assert linker.resolve(linker.add(_x(GOMA_2, "2025-01-28"))) == linker.resolve(first)


def test_a_later_report_splits_a_story_and_the_moved_article_is_followed():
    """GOMA_2 (2008) first joins the undated GOMA_1; a 2012 report of GOMA_1 arrives, the three are
    clustered again, and the 2008 report leaves for a story of its own."""
    linker = StoryLinker(StoryOptions(year_penalty=1.0))
    undated, of_2008, of_2012 = _x(GOMA_1, "2025-01-26"), _dated(GOMA_2, "2008"), _dated(GOMA_1, "2012")
    first = linker.add(undated)
    joined = linker.add(of_2008)
    assert joined == first and linker.moved == {}
    assert linker.add(of_2012) == first
    moved_to = linker.moved[of_2008.article.id]
    assert moved_to != first and linker.state.moves == {of_2008.article.id: moved_to}
    assert linker.resolve(joined, of_2008.article.id) == moved_to  # the article is followed
    assert linker.resolve(joined) == first  # the story id alone names the story it left
    assert linker.resolve(first, undated.article.id) == first
    assert {s.id: s.size for s in linker.state.stories.values()} == {first: 2, moved_to: 1}


def test_merges_and_moves_of_each_arrival_keep_a_copy_of_every_articles_story_up_to_date():
    """What a store keeping each article's story applies after each arrival (merged stories renamed,
    then `moved` articles set) gives at the end what `resolve(story, article)` gives."""
    rows = [json.loads(line) for line in (ROOT / "samples" / "wcep-north-korea-russia-ukraine.jsonl")
            .read_text(encoding="utf-8").splitlines() if line.strip()][:120]
    articles = [Article.from_text(r["text"], doc=r["doc"], published=date.fromisoformat(r["published"])) for r in rows]
    linker = StoryLinker()
    stored: dict[str, str] = {}
    returned = {}
    for a in articles:
        before = len(linker.state.merged)
        returned[a.id] = linker.add(Extraction(article=a))
        for old, into in list(linker.state.merged.items())[before:]:
            stored = {aid: linker.resolve(into) if sid == old else sid for aid, sid in stored.items()}
        stored.update((aid, linker.resolve(sid)) for aid, sid in linker.moved.items())
        stored[a.id] = linker.resolve(returned[a.id])
    assert linker.state.merged and linker.state.moves  # both happen in this stream
    assert stored == {aid: linker.resolve(sid, aid) for aid, sid in returned.items()}


def test_a_bridging_report_merges_two_stories_into_the_older():
    """Two reports too far apart in time to be compared start two stories; one dated between them
    brings both into its re-clustering, and the three form one story."""
    linker = StoryLinker()
    first = linker.add(_x(GOMA_1, "2025-01-26"))
    second = linker.add(_x(GOMA_2, "2025-03-28"))  # 61 days later: outside the 60-day window
    assert second != first
    assert linker.add(_x(GOMA_2, "2025-02-26")) == first
    assert linker.state.merged == {second: first} and linker.resolve(second) == first
    assert [s.size for s in linker.state.stories.values()] == [3]


def test_a_retired_story_is_not_re_clustered_merged_into_or_resurrected():
    """A story made of two merged ones is retired; a late report of its event then starts a story of
    its own, though it falls within the window of the retired one: nothing leads back to it."""
    linker = StoryLinker(StoryOptions(retire_days=90, retire_after=0, retire_every=1))
    first = linker.add(_x(GOMA_1, "2025-01-26"))
    second = linker.add(_x(GOMA_2, "2025-03-28"))
    linker.add(_x(GOMA_2, "2025-02-26"))  # the bridge: `second` merges into `first`
    assert linker.state.merged == {second: first}
    linker.add(_x(YOON, "2025-12-20"))
    assert set(linker.state.stories) == {linker.resolve(linker.add(_x(YOON, "2025-12-21")))}  # `first` retired
    late = linker.add(_x(GOMA_2, "2025-03-29"))
    assert late not in (first, second) and linker.moved == {}
    assert first not in linker.state.stories and linker.state.merged == {second: first}
    assert all(linker.resolve(sid) in linker.state.stories for p in linker.state.postings.values() for sid in p)
