-- claimgraph store, schema version 4: indexes for the read queries of claimgraph.api.reads, which
-- bench/bench_queries.py times at a million claims. Plain and expression indexes, which both engines
-- build and use the same way.

-- An actor named as written, ASCII case folded, and the code it resolved to (resolve_about: the code a
-- name such as "North Korean troops" most often stands for), read from the index alone (PostgreSQL needs
-- the column itself in the index to read an expression index alone).
CREATE INDEX actors_text_lower ON actors (lower(text), code, text);

-- A code's mentions with their text (an actor page's names, its mention count), from the index alone;
-- it serves every lookup by code that actors_code served.
DROP INDEX actors_code;
CREATE INDEX actors_code ON actors (code, text);
