-- claimgraph store, schema version 2, PostgreSQL's part: insertion order of evidence, which SQLite
-- keeps as the implicit rowid and `Store.evidence` orders by.
ALTER TABLE evidence ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
