-- claimgraph store, schema version 7: indexes for the search page at a million claims.
-- A name searched for ("Ukraine") becomes its commonest code from the kept counts of actor_names instead of
-- from every mention (claimgraph.api.reads.resolve_about: 7-9 ms for a name with 100,000 mentions).
CREATE INDEX actor_names_text ON actor_names (lower(text), code, mentions);
-- Which leaves the index on every mention's lower-cased text (migration 4) read by no query, yet written for
-- each mention stored.
DROP INDEX actors_text_lower;
