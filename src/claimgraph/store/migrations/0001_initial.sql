-- claimgraph store, schema version 1.
-- Plain types only (TEXT, INTEGER, REAL; JSON as TEXT) so the tables port to PostgreSQL;
-- the FTS5 tables and their triggers are SQLite's own.
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

-- Full-text search. The FTS tables hold their own copy of the text (no external content:
-- the base tables have TEXT keys, and implicit rowids may change on VACUUM). Triggers keep
-- them in step: rows are indexed on insert and dropped, per article, when the article goes.
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    claim_id UNINDEXED,
    article_id UNINDEXED,
    content_text,
    source_text,
    source_resolved,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    article_id UNINDEXED,
    title,
    text,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (claim_id, article_id, content_text, source_text, source_resolved)
    VALUES (new.id, new.article_id, new.content_text, new.source_text, new.source_resolved);
END;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (article_id, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE article_id = old.id;
    DELETE FROM claims_fts WHERE article_id = old.id;
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    DELETE FROM articles_fts WHERE article_id = old.id;
    INSERT INTO articles_fts (article_id, title, text) VALUES (new.id, new.title, new.text);
END;
