-- claimgraph store, schema version 2: evidence (raw bytes' SHA-256 and where they came from),
-- versions of an article at one URL, and duplicates (exact and near) with a persistent LSH index.
-- Plain types only, so the tables port to PostgreSQL.

-- The snapshot an article was first read from, and what the text says about copies and versions.
ALTER TABLE articles ADD COLUMN raw_sha256 TEXT;
ALTER TABLE articles ADD COLUMN source_kind TEXT;
ALTER TABLE articles ADD COLUMN retrieved TEXT;
-- SHA-256 of the normalised text (claimgraph.ingest.dedup.normalise); NULL for articles stored before v2.
ALTER TABLE articles ADD COLUMN text_hash TEXT;
-- The original this article copies (exact: same normalised text; near: MinHash similarity), or NULL.
ALTER TABLE articles ADD COLUMN duplicate_of TEXT REFERENCES articles (id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN duplicate_kind TEXT CHECK (duplicate_kind IN ('exact', 'near'));
ALTER TABLE articles ADD COLUMN similarity REAL;
-- The earlier text at the same URL, when this article is a changed version of a page.
ALTER TABLE articles ADD COLUMN previous_version TEXT REFERENCES articles (id) ON DELETE SET NULL;
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_text_hash ON articles (text_hash);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);
CREATE INDEX articles_previous_version ON articles (previous_version);

-- Every snapshot an article's text was read from: the same text from another file, feed or crawl
-- adds a row here, so each claim can be traced to the exact bytes, wherever they were seen.
CREATE TABLE evidence (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    raw_sha256 TEXT NOT NULL,
    origin TEXT NOT NULL,
    source_kind TEXT,
    url TEXT,
    outlet TEXT,
    retrieved TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (article_id, raw_sha256, origin)
);
CREATE INDEX evidence_raw ON evidence (raw_sha256);

-- MinHash signatures (NUM_PERM little-endian uint64) and their LSH band buckets, for near duplicates.
CREATE TABLE minhashes (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);
CREATE TABLE lsh_buckets (
    bucket BLOB NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (bucket, article_id)
);
CREATE INDEX lsh_buckets_article ON lsh_buckets (article_id);

-- Articles stored before version 2 keep their evidence: where they were read from, hash unknown.
INSERT INTO evidence (article_id, raw_sha256, origin, url, outlet, seen_at)
SELECT id, '', coalesce(origin, ''), url, outlet, ingested_at FROM articles;
