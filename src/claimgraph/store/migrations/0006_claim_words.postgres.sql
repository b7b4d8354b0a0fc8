-- claimgraph store, schema version 6, PostgreSQL's part (SQLite's FTS5 table already stands apart): a claim's
-- words move out of its row into a narrow table of their own, claims_fts, beside the columns of the listing
-- order. A full-text claim search reads every match's row to test the phrase and sort the matches; from the
-- claims table (about 1,200 bytes a row with the JSON record) that was 19,000 scattered pages for a word in
-- 26,000 claims, more than shared_buffers keeps at a million claims; claims_fts is a quarter of its size.
-- A trigger keeps it in step with every insert, update and delete of a claim, in the same transaction.
CREATE TABLE claims_fts (
    key INTEGER PRIMARY KEY,  -- claims.key
    published TEXT NOT NULL,
    article_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    content_fts tsvector NOT NULL  -- 'simple' configuration, as before
);
INSERT INTO claims_fts (key, published, article_id, start_char, seq, content_fts)
SELECT key, published, article_id, start_char, seq, content_fts FROM claims;
CREATE INDEX claims_fts_words ON claims_fts USING GIN (content_fts);
ALTER TABLE claims DROP COLUMN content_fts;  -- its index goes with it

CREATE FUNCTION claims_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM claims_fts WHERE key = OLD.key;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO claims_fts (key, published, article_id, start_char, seq, content_fts)
        VALUES (NEW.key, NEW.published, NEW.article_id, NEW.start_char, NEW.seq,
                to_tsvector('simple', NEW.content_text));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_fts_sync AFTER INSERT OR UPDATE OR DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION claims_fts_sync();
