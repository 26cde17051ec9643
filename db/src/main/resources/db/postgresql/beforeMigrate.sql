-- PostgreSQL only (a Flyway callback; SQLite never reads this folder). The migrations in db/migration are
-- written once for both engines; the two differences they cannot express portably are bridged here.
--
-- 1. BLOB is SQLite's (and the SQL standard's) name for a byte string; PostgreSQL calls it bytea.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                   WHERE t.typname = 'blob' AND n.nspname = current_schema()) THEN
        CREATE DOMAIN blob AS bytea;
    END IF;
END
$$;
