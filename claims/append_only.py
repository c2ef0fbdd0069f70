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

- A claim's `status` is what its reviews say: unverified, confirmed or disputed is the
  latest review's verdict (by time, then id: claims.status.rules.claim_review_status), so a
  status changes only by writing a review first (claims.services.reviews). `superseded`
  comes and goes only while the claim's article is being re-extracted (its row is
  `extracting`, as the extraction task holds it), and only for a claim editors have worked
  on (others are removed). A new claim starts unverified.
- TRUNCATE of reviews or corrections (or of a table whose TRUNCATE ... CASCADE reaches them)
  is refused on PostgreSQL unless the session has set `conflictwatch.allow_truncate` to `on`.
  Only the test suite's connections set it (tests/conftest.py), because pytest-django's
  flushes TRUNCATE every table; production connections never do, so a `manage.py flush` or a
  stray TRUNCATE there fails. SQLite has no TRUNCATE (its DELETE is refused above).

Errors are integrity violations (SQLSTATE 23000 on PostgreSQL, RAISE(ABORT) on SQLite),
which Django raises as IntegrityError on both. What this cannot stop is the tables' owner
dropping the triggers (or setting the switch): these rules make every rewrite a deliberate
act of the database owner, not something a query, a script or the admin does in passing.
"""

from claims.status.rules import VERDICT_STATUS
from claims.vocabulary import ClaimStatus
from sources.models import Article

RECORD_TABLES = ("claims_review", "claims_correction")
CORRECTED_COLUMNS = ("settlement_id", "claimant_side", "kind", "side")
# The session setting that lets a TRUNCATE through (test flushes only).
ALLOW_TRUNCATE = "conflictwatch.allow_truncate"


def _verdict_status_sql(verdict: str) -> str:
    """SQL for the status a review verdict gives, from the one mapping in claims.status.rules."""
    whens = " ".join(f"WHEN '{v}' THEN '{s}'" for v, s in VERDICT_STATUS.items())
    return f"CASE {verdict} {whens} END"


def _latest_verdict_status_sql(claim_id: str) -> str:
    """The status the claim's latest review gives; unverified when it has none."""
    return f"""COALESCE((SELECT {_verdict_status_sql("r.verdict")} FROM claims_review r
        WHERE r.claim_id = {claim_id} ORDER BY r.created_at DESC, r.id DESC LIMIT 1),
        '{ClaimStatus.UNVERIFIED}')"""


_SUPERSEDED = ClaimStatus.SUPERSEDED.value
_HAS_HISTORY = """(EXISTS (SELECT 1 FROM claims_review WHERE claim_id = NEW.id)
    OR EXISTS (SELECT 1 FROM claims_correction WHERE claim_id = NEW.id))"""
_ARTICLE_EXTRACTING = f"""((SELECT status FROM sources_article WHERE id = NEW.article_id)
    = '{Article.Status.EXTRACTING.value}')"""

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

PG_STATUS_FORWARD = f"""
CREATE OR REPLACE FUNCTION claims_claim_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND '{_SUPERSEDED}' IN (NEW.status, OLD.status)
       AND NOT {_ARTICLE_EXTRACTING} THEN
        RAISE EXCEPTION 'claim %: only re-extracting its article supersedes it or brings it '
            'back', NEW.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.status = '{_SUPERSEDED}' THEN
        IF TG_OP = 'INSERT' OR NOT {_HAS_HISTORY} THEN
            RAISE EXCEPTION 'claim %: only a claim editors worked on is superseded (others '
                'are removed)', NEW.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.status IS DISTINCT FROM {_latest_verdict_status_sql("NEW.id")} THEN
        RAISE EXCEPTION 'claim %: its status is its latest review''s verdict; record a review '
            'to change it', NEW.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER claims_claim_status_guard BEFORE INSERT OR UPDATE OF status
    ON claims_claim FOR EACH ROW EXECUTE FUNCTION claims_claim_status_guard();

CREATE OR REPLACE FUNCTION claims_record_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('{ALLOW_TRUNCATE}', true) IS DISTINCT FROM 'on' THEN
        RAISE EXCEPTION '% rows are append-only: the table cannot be truncated', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER claims_review_no_truncate BEFORE TRUNCATE ON claims_review
    FOR EACH STATEMENT EXECUTE FUNCTION claims_record_no_truncate();
CREATE OR REPLACE TRIGGER claims_correction_no_truncate BEFORE TRUNCATE ON claims_correction
    FOR EACH STATEMENT EXECUTE FUNCTION claims_record_no_truncate();
"""

# The status guard and TRUNCATE refusal came later (migration 0010), so they undo apart.
PG_STATUS_REVERSE = """
DROP TRIGGER IF EXISTS claims_review_no_truncate ON claims_review;
DROP TRIGGER IF EXISTS claims_correction_no_truncate ON claims_correction;
DROP FUNCTION IF EXISTS claims_record_no_truncate();
DROP TRIGGER IF EXISTS claims_claim_status_guard ON claims_claim;
DROP FUNCTION IF EXISTS claims_claim_status_guard();
"""

PG_REVERSE = (
    PG_STATUS_REVERSE
    + """
DROP TRIGGER IF EXISTS claims_claim_guard ON claims_claim;
DROP FUNCTION IF EXISTS claims_claim_guard();
DROP TRIGGER IF EXISTS claims_review_append_only ON claims_review;
DROP TRIGGER IF EXISTS claims_correction_append_only ON claims_correction;
DROP FUNCTION IF EXISTS claims_record_append_only();
"""
)

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
    return statements + _sqlite_status()


def _sqlite_status() -> list[str]:
    """The status rule of PG_STATUS_FORWARD, one trigger per way a status is written, less
    the article's `extracting` lease: a SQLite trigger naming another app's table breaks
    that table's rebuild in later migrations (SQLite re-checks every trigger on rename)."""
    refused = "record a review to change it"
    return [
        f"""CREATE TRIGGER IF NOT EXISTS claims_claim_status_new BEFORE INSERT ON claims_claim
            WHEN NEW.status IS NOT '{ClaimStatus.UNVERIFIED}'
            BEGIN SELECT RAISE(ABORT, 'a new claim is unverified'); END""",
        f"""CREATE TRIGGER IF NOT EXISTS claims_claim_status_reviewed
            BEFORE UPDATE OF status ON claims_claim
            WHEN NEW.status IS NOT OLD.status AND (
                (NEW.status = '{_SUPERSEDED}' AND NOT {_HAS_HISTORY})
                OR (NEW.status IS NOT '{_SUPERSEDED}'
                    AND NEW.status IS NOT {_latest_verdict_status_sql("NEW.id")}))
            BEGIN SELECT RAISE(ABORT, 'a claim''s status is its latest review''s verdict:
            {refused}'); END""",
    ]


def _sqlite_reverse() -> list[str]:
    names = [f"{t}_no_delete" for t in RECORD_TABLES] + [f"{t}_no_update" for t in RECORD_TABLES]
    names += ["claims_claim_no_delete_with_history", "claims_claim_article_fixed"]
    names += [f"claims_claim_{c}_corrected" for c in CORRECTED_COLUMNS]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names] + _SQLITE_STATUS_REVERSE


_SQLITE_STATUS_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in ("claims_claim_status_new", "claims_claim_status_reviewed")
]


def _statements(vendor: str, *, forward: bool) -> list[str]:
    if vendor == "postgresql":
        return [PG_FORWARD + PG_STATUS_FORWARD if forward else PG_REVERSE]
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


def uninstall_status_guard(connection) -> None:
    """Undo only what migration 0010 added (the status guard and the TRUNCATE refusal)."""
    statements = {"postgresql": [PG_STATUS_REVERSE], "sqlite": _SQLITE_STATUS_REVERSE}
    with connection.cursor() as cursor:
        for statement in statements[connection.vendor]:
            cursor.execute(statement)
