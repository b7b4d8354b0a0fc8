-- claimgraph store, schema version 5, SQLite's part: claims_fts rows keyed by claims.key, so a match
-- gives its claim without reading the FTS row's stored columns, and a claim's row goes with the claim.

DROP TRIGGER claims_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TABLE claims_fts;
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    claim_id UNINDEXED,
    article_id UNINDEXED,
    content_text,
    source_text,
    source_resolved,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO claims_fts (rowid, claim_id, article_id, content_text, source_text, source_resolved)
SELECT key, id, article_id, content_text, source_text, source_resolved FROM claims;

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, claim_id, article_id, content_text, source_text, source_resolved)
    VALUES (new.key, new.id, new.article_id, new.content_text, new.source_text, new.source_resolved);
END;

CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claims_fts WHERE rowid = old.key;
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE article_id = old.id;
END;
