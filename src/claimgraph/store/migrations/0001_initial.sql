-- claimgraph store, schema version 1.
-- The part both engines run: plain types only (TEXT, INTEGER, REAL, BLOB; JSON as TEXT), which the
-- PostgreSQL store reads as text, integer, double precision and bytea. Full-text search is each
-- engine's own: 0001_initial.sqlite.sql (FTS5 tables, triggers), 0001_initial.postgres.sql (tsvector).
-- `seq` keeps each article's records in the order the extractors gave them.

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    doc TEXT,
    url TEXT,
    outlet TEXT,
    title TEXT,
    published TEXT,
    language TEXT NOT NULL,
    origin TEXT,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    kind TEXT NOT NULL,
    stance TEXT NOT NULL,
    source_text TEXT,
    source_start INTEGER,
    source_end INTEGER,
    source_resolved TEXT,
    source_actor TEXT,
    person TEXT,
    cue_text TEXT,
    cue_lemma TEXT,
    content_text TEXT NOT NULL,
    hedges TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX claims_article ON claims (article_id, seq);
CREATE INDEX claims_source_actor ON claims (source_actor);
CREATE INDEX claims_stance ON claims (stance);

CREATE TABLE actors (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    code TEXT,
    kind TEXT NOT NULL,
    person TEXT,
    role TEXT,
    record TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX actors_article_span ON actors (article_id, start_char);
CREATE INDEX actors_code ON actors (code);

-- TimeRef, Place, Quantity and Event records; `type` is time | place | quantity | event.
CREATE TABLE annotations (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type TEXT NOT NULL CHECK (type IN ('time', 'place', 'quantity', 'event')),
    seq INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (article_id, type, seq)
);
