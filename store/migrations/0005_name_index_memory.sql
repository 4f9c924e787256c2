-- The name index gathers up to 8 MiB of entries in memory before it writes them out as
-- a segment (FTS5's default is 1 MiB). Filling it in one pass at the end of a bulk load
-- then writes fewer, larger segments and merges them less: 1.6 s became 1.2 s for a
-- million persons (store BenchmarkBulkLoad). An ordinary transaction holds far less, so
-- nothing else changes; the memory is only taken while a big fill runs.
INSERT INTO person_names (person_names, rank) VALUES ('hashsize', 8388608);
