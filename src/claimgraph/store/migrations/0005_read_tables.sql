-- claimgraph store, schema version 5: tables the read queries of claimgraph.api.reads walk instead of
-- scanning (bench/bench_queries.py; docs/performance.md, "Query latency"). They are derived from the
-- stored records and written with them, in the article's transaction (claimgraph.store.derived), so an
-- interrupted ingest leaves them whole and re-ingesting an article changes nothing. This migration
-- creates them; claimgraph.store.derived.fill then fills them from the stored rows in the same
-- transaction (sqlite.MIGRATION_FILLS), deriving them as an ingest does. Plain types only, so the
-- tables port to PostgreSQL.

-- An integer key per claim: the full-text index's row id (SQLite) and claim_order's link to its claim. And
-- its article's date ('' when undated), so full-text matches are put in listing order from the rows the
-- match reads (PostgreSQL) before any article is looked up.
ALTER TABLE claims ADD COLUMN key INTEGER;
ALTER TABLE claims ADD COLUMN published TEXT NOT NULL DEFAULT '';
UPDATE claims SET key = k.n, published = k.published
FROM (SELECT c.id, row_number() OVER (ORDER BY c.article_id, c.seq) AS n, coalesce(a.published, '') AS published
      FROM claims AS c JOIN articles AS a ON a.id = c.article_id) AS k
WHERE k.id = claims.id;
CREATE UNIQUE INDEX claims_key ON claims (key);

-- Every claim listed under each term a claim listing selects by, in the listing's order (newest article
-- first, undated last, then article id and place in the article), so a listing walks one term's entries
-- and stops when its page is full. Terms: role 'all' with code '' (every claim); 'by' and 'about' with
-- every prefix of every "+"-part of the source's code or of a code mentioned in the claim but not as its
-- source ("UKRGOV+WST": U, UK, UKR, UKRG, UKRGO, UKRGOV, W, WS, WST), as a code filter matches them.
CREATE TABLE claim_order (
    role TEXT NOT NULL CHECK (role IN ('all', 'by', 'about')),
    code TEXT NOT NULL,
    published TEXT NOT NULL,  -- the article's date; '' when undated, which sorts last newest first
    article_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    claim_key INTEGER NOT NULL  -- claims.key
);
CREATE UNIQUE INDEX claim_order_walk ON claim_order (role, code, published DESC, article_id, start_char, seq,
                                                     claim_key);
-- A claim's own terms, with its place in the order: a second code filter tested row by row, a full-text
-- match put in order (its 'all' entry) without reading the claim, deleting an article.
CREATE INDEX claim_order_claim ON claim_order (claim_key, role, code, published, article_id, start_char, seq);
-- An article's copy link read from the index alone, for each claim a listing passes over.
CREATE INDEX articles_duplicate ON articles (id, duplicate_of);

-- Mentions per actor code (NULL codes left out), and in how many articles: the actor list and page.
CREATE TABLE actor_codes (
    code TEXT PRIMARY KEY,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL
);
-- Mentions per code and text as written: an actor's commonest names, the actor list's search.
CREATE TABLE actor_names (
    code TEXT NOT NULL,
    text TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (code, text)
);

-- Place mentions grouped as the place list groups them: by what they resolved to (`place_key`, JSON
-- [iso, name, lat, lon], or [null, text, null, null] when unresolved: claimgraph.store.derived.place_key),
-- whether they are a location to map (Place.on_map, 1 or 0) and the text as written; per article, with
-- the first one's annotations.seq, which orders ties as the list met them (article id, then seq).
CREATE TABLE place_mentions (
    place_key TEXT NOT NULL,
    on_map INTEGER NOT NULL,
    text TEXT NOT NULL,
    article_id TEXT NOT NULL,
    first_seq INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (place_key, on_map, text, article_id)
);
-- a place's articles in id order, and its first mention
CREATE INDEX place_mentions_place ON place_mentions (place_key, on_map, article_id, first_seq);
CREATE INDEX place_mentions_article ON place_mentions (article_id);
-- Their sums over all articles: per place (the list's order and counts) and per text (a place's commonest).
CREATE TABLE place_counts (
    place_key TEXT NOT NULL,
    on_map INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (place_key, on_map)
);
CREATE TABLE place_texts (
    place_key TEXT NOT NULL,
    on_map INTEGER NOT NULL,
    text TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (place_key, on_map, text)
);
