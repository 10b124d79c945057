-- The warehouse's layers, one schema each, in the order data flows through them.
-- DuckDB 1.5 has no `comment on schema` ("Adding comments to schemas is not implemented"),
-- so what each schema holds is said here instead; tables and columns get their comments as they arrive.

-- etl: the batch ledger and the rejects, i.e. what was read from the inbox and what became of it.
create schema if not exists etl;

-- raw: typed, deduplicated copies of the contract files, one table per file kind.
create schema if not exists raw;

-- core: the star schema (dimensions and facts) built from raw.
create schema if not exists core;

-- marts: KPIs, scores and rankings computed from core, recomputed by business day.
create schema if not exists marts;

-- app: what the site writes itself: users, settings, decisions and the audit log.
create schema if not exists app;
