-- The same tables as the embedded store's first migration, in PostgreSQL's types.
-- Every table that contains tenant data has the tenant as the first column of its key.
-- Migrations only ever add: a later file may add tables, columns or indexes, never drop or rewrite.
-- Text columns use the "C" collation, so ordering and paging compare bytes as the embedded store does.

CREATE TABLE claims (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant      TEXT COLLATE "C" NOT NULL,
    id          TEXT COLLATE "C" NOT NULL,
    digest      TEXT COLLATE "C" NOT NULL,
    body        BYTEA NOT NULL,
    origin_file TEXT COLLATE "C",
    origin_line BIGINT,
    UNIQUE (tenant, id)
);
CREATE INDEX claims_tenant_seq ON claims (tenant, seq);
CREATE INDEX claims_tenant_origin ON claims (tenant, origin_file, seq);

CREATE FUNCTION intelgraph_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable: % rejected', TG_TABLE_NAME, lower(TG_OP);
END;
$$;

CREATE TRIGGER claims_append_only BEFORE UPDATE OR DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION intelgraph_reject_change();

CREATE TABLE manifests (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant     TEXT COLLATE "C" NOT NULL,
    id         TEXT COLLATE "C" NOT NULL,
    root_hash  TEXT COLLATE "C" NOT NULL,
    tree_size  INTEGER NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    key_id     TEXT COLLATE "C" NOT NULL,
    jws        TEXT COLLATE "C" NOT NULL,
    UNIQUE (tenant, id)
);

CREATE TABLE manifest_leaves (
    tenant      TEXT COLLATE "C" NOT NULL,
    manifest_id TEXT COLLATE "C" NOT NULL,
    leaf_index  INTEGER NOT NULL,
    claim_id    TEXT COLLATE "C" NOT NULL,
    digest      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant, manifest_id, leaf_index),
    UNIQUE (tenant, claim_id),
    FOREIGN KEY (tenant, manifest_id) REFERENCES manifests (tenant, id),
    FOREIGN KEY (tenant, claim_id) REFERENCES claims (tenant, id)
);

CREATE TRIGGER manifests_immutable BEFORE UPDATE ON manifests
    FOR EACH ROW EXECUTE FUNCTION intelgraph_reject_change();

CREATE TRIGGER manifest_leaves_immutable BEFORE UPDATE ON manifest_leaves
    FOR EACH ROW EXECUTE FUNCTION intelgraph_reject_change();

CREATE TABLE tenant_keys (
    tenant      TEXT COLLATE "C" PRIMARY KEY,
    key_id      TEXT COLLATE "C" NOT NULL,
    private_key BYTEA NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL
);

CREATE TABLE entities (
    tenant      TEXT COLLATE "C" NOT NULL,
    id          TEXT COLLATE "C" NOT NULL,
    label       TEXT COLLATE "C" NOT NULL,
    type        TEXT COLLATE "C" NOT NULL,
    country     TEXT COLLATE "C",
    created_at  TEXT COLLATE "C" NOT NULL,
    origin_file TEXT COLLATE "C",
    origin_line BIGINT,
    PRIMARY KEY (tenant, id)
);
CREATE INDEX entities_tenant_label ON entities (tenant, lower(label));

CREATE TABLE edges (
    tenant      TEXT COLLATE "C" NOT NULL,
    id          TEXT COLLATE "C" NOT NULL,
    source      TEXT COLLATE "C" NOT NULL,
    target      TEXT COLLATE "C" NOT NULL,
    type        TEXT COLLATE "C" NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL,
    origin_file TEXT COLLATE "C",
    origin_line BIGINT,
    PRIMARY KEY (tenant, id),
    FOREIGN KEY (tenant, source) REFERENCES entities (tenant, id),
    FOREIGN KEY (tenant, target) REFERENCES entities (tenant, id)
);
CREATE INDEX edges_tenant_source ON edges (tenant, source);
CREATE INDEX edges_tenant_target ON edges (tenant, target);

CREATE TABLE cases (
    tenant      TEXT COLLATE "C" NOT NULL,
    id          TEXT COLLATE "C" NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    status      TEXT COLLATE "C" NOT NULL,
    owner       TEXT COLLATE "C",
    origin_file TEXT COLLATE "C",
    origin_line BIGINT,
    PRIMARY KEY (tenant, id)
);

CREATE TABLE tasks (
    tenant      TEXT COLLATE "C" NOT NULL,
    id          TEXT COLLATE "C" NOT NULL,
    case_id     TEXT COLLATE "C" NOT NULL,
    assignee    TEXT COLLATE "C",
    title       TEXT COLLATE "C" NOT NULL,
    status      TEXT COLLATE "C" NOT NULL,
    updated_at  TEXT COLLATE "C" NOT NULL,
    origin_file TEXT COLLATE "C",
    origin_line BIGINT,
    PRIMARY KEY (tenant, id),
    FOREIGN KEY (tenant, case_id) REFERENCES cases (tenant, id)
);
CREATE INDEX tasks_tenant_case ON tasks (tenant, case_id, id);

CREATE TABLE reports (
    tenant      TEXT COLLATE "C" NOT NULL,
    id          TEXT COLLATE "C" NOT NULL,
    case_id     TEXT COLLATE "C" NOT NULL,
    title       TEXT COLLATE "C" NOT NULL,
    audience    TEXT COLLATE "C",
    file_key    TEXT COLLATE "C",
    origin_file TEXT COLLATE "C",
    origin_line BIGINT,
    PRIMARY KEY (tenant, id),
    FOREIGN KEY (tenant, case_id) REFERENCES cases (tenant, id)
);
CREATE INDEX reports_tenant_case ON reports (tenant, case_id, id);

CREATE TABLE budgets (
    tenant     TEXT COLLATE "C" PRIMARY KEY,
    max_ms     BIGINT NOT NULL,
    max_rows   BIGINT NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE quarantine (
    tenant         TEXT COLLATE "C" NOT NULL,
    file           TEXT COLLATE "C" NOT NULL,
    line           BIGINT NOT NULL,
    table_name     TEXT COLLATE "C" NOT NULL,
    record_id      TEXT COLLATE "C",
    reason         TEXT COLLATE "C" NOT NULL,
    detail         TEXT COLLATE "C" NOT NULL,
    -- The exact bytes of the source record: NUL bytes and invalid UTF-8 included, which a TEXT column refuses.
    raw_bytes      BYTEA NOT NULL,
    record_json    TEXT COLLATE "C",
    quarantined_at TEXT COLLATE "C" NOT NULL,
    resolved_at    TEXT COLLATE "C",
    PRIMARY KEY (tenant, file, line)
);

CREATE TABLE applied_exports (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant      TEXT COLLATE "C" NOT NULL,
    part        TEXT COLLATE "C" NOT NULL,
    export_root TEXT COLLATE "C" NOT NULL,
    applied_at  TEXT COLLATE "C" NOT NULL,
    UNIQUE (tenant, part)
);

-- A deployment-wide setting rather than tenant data: while a row exists, API writes are refused.
CREATE TABLE write_freeze (
    scope     TEXT COLLATE "C" PRIMARY KEY CHECK (scope = 'deployment'),
    banner    TEXT COLLATE "C" NOT NULL,
    frozen_at TEXT COLLATE "C" NOT NULL
);
