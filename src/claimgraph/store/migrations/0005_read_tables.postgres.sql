-- claimgraph store, schema version 5, PostgreSQL's part: an article's tsvector kept in its row (compressed)
-- rather than in the TOAST table, where ranking a search's matches fetched each one separately: ranking
-- 10,000 matches took 36 ms, 15 ms this way. Rows written before this migration keep their layout until
-- the table is rewritten (VACUUM FULL articles).
ALTER TABLE articles ALTER COLUMN fts SET STORAGE MAIN;
