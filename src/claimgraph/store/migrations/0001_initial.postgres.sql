-- claimgraph store, schema version 1, PostgreSQL's part.
--
-- Full-text search in place of SQLite's FTS5 tables: generated tsvector columns with GIN indexes, so
-- they follow every insert, update and delete with no trigger. The 'simple' configuration lower-cases
-- words and neither stems nor drops stop words, as FTS5's unicode61 tokenizer (it keeps diacritics).
ALTER TABLE articles ADD COLUMN fts tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED;
CREATE INDEX articles_fts ON articles USING GIN (fts);
ALTER TABLE claims ADD COLUMN content_fts tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', content_text)) STORED;
CREATE INDEX claims_content_fts ON claims USING GIN (content_fts);

-- Insertion order, which SQLite keeps as the implicit rowid and the shared queries order by.
ALTER TABLE articles ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
