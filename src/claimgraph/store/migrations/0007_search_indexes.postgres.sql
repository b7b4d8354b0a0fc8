-- PostgreSQL's part: the articles stored last, by insertion order (SQLite's rowid is its table's key), for the
-- ranked article search's window (claimgraph.store.queries.RECENT_ARTICLES).
CREATE INDEX articles_rowid ON articles (rowid);
