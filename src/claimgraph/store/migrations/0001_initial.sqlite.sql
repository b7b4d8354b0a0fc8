-- claimgraph store, schema version 1, SQLite's part: full-text search with FTS5.

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
