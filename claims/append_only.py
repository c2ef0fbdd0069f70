"""The audit trail enforced by the database (issue #11), so that neither a queryset update,
raw SQL nor a cascade can rewrite it. The model layer refuses the same writes earlier, with
a readable error (claims.models.AppendOnlyError); these triggers are what holds when a
write goes around the models. Installed by claims/migrations/0006_append_only.py.

- Reviews and corrections: no DELETE; no UPDATE except re-pointing `claim_id` at another
  claim of the same article (claims_merge). Every other column must stay as written.
- Claims: `article_id` never changes; `settlement_id`, `claimant_side`, `kind` and `side`
  change only as the claim's latest correction naming that field records ([before,
  after]), so a change without a correction, or other than the recorded one, is refused.
  A claim with reviews or corrections cannot be deleted.

Errors are integrity violations (SQLSTATE 23000 on PostgreSQL, RAISE(ABORT) on SQLite),
which Django raises as IntegrityError on both. TRUNCATE is left alone: test flushes use it,
and it needs table ownership, as dropping these triggers does.
"""

RECORD_TABLES = ("claims_review", "claims_correction")
CORRECTED_COLUMNS = ("settlement_id", "claimant_side", "kind", "side")

PG_FORWARD = """
CREATE OR REPLACE FUNCTION claims_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '% rows are append-only: they cannot be deleted', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (to_jsonb(NEW) - 'claim_id') IS DISTINCT FROM (to_jsonb(OLD) - 'claim_id') THEN
        RAISE EXCEPTION '% rows are append-only: they cannot be changed', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.claim_id IS DISTINCT FROM OLD.claim_id AND
       (SELECT article_id FROM claims_claim WHERE id = NEW.claim_id) IS DISTINCT FROM
       (SELECT article_id FROM claims_claim WHERE id = OLD.claim_id) THEN
        RAISE EXCEPTION '% rows move only to a claim of the same article (a merge)',
            TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER claims_review_append_only BEFORE UPDATE OR DELETE ON claims_review
    FOR EACH ROW EXECUTE FUNCTION claims_record_append_only();
CREATE OR REPLACE TRIGGER claims_correction_append_only BEFORE UPDATE OR DELETE ON claims_correction
    FOR EACH ROW EXECUTE FUNCTION claims_record_append_only();

CREATE OR REPLACE FUNCTION claims_claim_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    field text;
    recorded jsonb;
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM claims_review WHERE claim_id = OLD.id)
           OR EXISTS (SELECT 1 FROM claims_correction WHERE claim_id = OLD.id) THEN
            RAISE EXCEPTION 'claim % has reviews or corrections: it is superseded or merged, '
                'never deleted', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.article_id IS DISTINCT FROM OLD.article_id THEN
        RAISE EXCEPTION 'a claim stays with the article it was read from'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    FOREACH field IN ARRAY ARRAY['settlement_id', 'claimant_side', 'kind', 'side'] LOOP
        IF to_jsonb(NEW) ->> field IS DISTINCT FROM to_jsonb(OLD) ->> field THEN
            SELECT c.changes -> field INTO recorded FROM claims_correction c
                WHERE c.claim_id = NEW.id AND c.changes ? field ORDER BY c.id DESC LIMIT 1;
            IF recorded IS NULL
               OR recorded ->> 0 IS DISTINCT FROM to_jsonb(OLD) ->> field
               OR recorded ->> 1 IS DISTINCT FROM to_jsonb(NEW) ->> field THEN
                RAISE EXCEPTION 'claim %: % changes only through a correction recording it',
                    NEW.id, field USING ERRCODE = 'integrity_constraint_violation';
            END IF;
        END IF;
    END LOOP;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER claims_claim_guard BEFORE UPDATE OR DELETE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_guard();
"""

PG_REVERSE = """
DROP TRIGGER IF EXISTS claims_claim_guard ON claims_claim;
DROP FUNCTION IF EXISTS claims_claim_guard();
DROP TRIGGER IF EXISTS claims_review_append_only ON claims_review;
DROP TRIGGER IF EXISTS claims_correction_append_only ON claims_correction;
DROP FUNCTION IF EXISTS claims_record_append_only();
"""

RECORD_COLUMNS = {
    "claims_review": (
        "id",
        "origin_claim_id",
        "created_at",
        "verdict",
        "note",
        "evidence_url",
        "reviewer_id",
    ),
    "claims_correction": ("id", "origin_claim_id", "created_at", "changes", "note", "editor_id"),
}


def _sqlite_forward() -> list[str]:
    """The same rules for the embedded demo. SQLite triggers have no loops or variables,
    so each rule is its own trigger with a WHEN clause."""
    statements = []
    for table, columns in RECORD_COLUMNS.items():
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)
        statements += [
            f"""CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} rows are append-only: they cannot be
                deleted'); END""",
            f"""CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
                WHEN {changed} OR (NEW.claim_id IS NOT OLD.claim_id AND
                    (SELECT article_id FROM claims_claim WHERE id = NEW.claim_id) IS NOT
                    (SELECT article_id FROM claims_claim WHERE id = OLD.claim_id))
                BEGIN SELECT RAISE(ABORT, '{table} rows are append-only: they cannot be
                changed'); END""",
        ]
    statements += [
        """CREATE TRIGGER IF NOT EXISTS claims_claim_no_delete_with_history
            BEFORE DELETE ON claims_claim
            WHEN EXISTS (SELECT 1 FROM claims_review WHERE claim_id = OLD.id)
              OR EXISTS (SELECT 1 FROM claims_correction WHERE claim_id = OLD.id)
            BEGIN SELECT RAISE(ABORT, 'a claim with reviews or corrections is superseded or
            merged, never deleted'); END""",
        """CREATE TRIGGER IF NOT EXISTS claims_claim_article_fixed
            BEFORE UPDATE OF article_id ON claims_claim
            WHEN NEW.article_id IS NOT OLD.article_id
            BEGIN SELECT RAISE(ABORT, 'a claim stays with the article it was read from'); END""",
    ]
    for column in CORRECTED_COLUMNS:
        latest = f"""(SELECT json_extract(c.changes, '$.{column}') FROM claims_correction c
                      WHERE c.claim_id = NEW.id AND json_type(c.changes, '$.{column}') IS NOT NULL
                      ORDER BY c.id DESC LIMIT 1)"""
        statements.append(
            f"""CREATE TRIGGER IF NOT EXISTS claims_claim_{column}_corrected
                BEFORE UPDATE OF {column} ON claims_claim
                WHEN NEW.{column} IS NOT OLD.{column} AND (
                    {latest} IS NULL
                    OR CAST(json_extract({latest}, '$[0]') AS TEXT)
                        IS NOT CAST(OLD.{column} AS TEXT)
                    OR CAST(json_extract({latest}, '$[1]') AS TEXT)
                        IS NOT CAST(NEW.{column} AS TEXT))
                BEGIN SELECT RAISE(ABORT, 'a claim''s {column} changes only through a correction
                recording it'); END"""
        )
    return statements


def _sqlite_reverse() -> list[str]:
    names = [f"{t}_no_delete" for t in RECORD_TABLES] + [f"{t}_no_update" for t in RECORD_TABLES]
    names += ["claims_claim_no_delete_with_history", "claims_claim_article_fixed"]
    names += [f"claims_claim_{c}_corrected" for c in CORRECTED_COLUMNS]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


def _statements(vendor: str, *, forward: bool) -> list[str]:
    if vendor == "postgresql":
        return [PG_FORWARD if forward else PG_REVERSE]
    if vendor == "sqlite":
        return _sqlite_forward() if forward else _sqlite_reverse()
    raise NotImplementedError(f"No append-only triggers for {vendor}")


def install(connection) -> None:
    """Create (or re-create) the triggers; safe to run again."""
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, forward=True):
            cursor.execute(statement)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, forward=False):
            cursor.execute(statement)
