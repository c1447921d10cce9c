-- Extensions the schema relies on: pg_trgm for patient search by name, btree_gist for the
-- theater's no-overlap exclusion constraints. PGlite ships both; PostgreSQL has them in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
