-- claimgraph store, schema version 3: stories (claimgraph.link.stories), linked as articles arrive.
-- Plain types only, so the tables port to PostgreSQL. See claimgraph.store.stories.

-- The story an article joined (kept current when stories merge) and the order it was linked in;
-- copies (duplicate_of) take their original's story and no link_seq: one wire story, one source.
ALTER TABLE articles ADD COLUMN story_id TEXT;
ALTER TABLE articles ADD COLUMN link_seq INTEGER;
CREATE INDEX articles_story ON articles (story_id);
CREATE UNIQUE INDEX articles_link_seq ON articles (link_seq);

-- A story merged into another when an article bridged them: old ids still lead somewhere.
CREATE TABLE story_merges (
    story_id TEXT PRIMARY KEY,
    merged_into TEXT NOT NULL,
    link_seq INTEGER NOT NULL
);

-- The linker's memory (LinkerState.to_dict() as JSON) after the article numbered link_seq; one row,
-- rewritten every few articles in the transaction of the article that triggers it. On open the
-- articles linked after it are linked again, in link_seq order, to rebuild the rest.
CREATE TABLE link_state (
    id INTEGER PRIMARY KEY,
    link_seq INTEGER NOT NULL,
    state TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
