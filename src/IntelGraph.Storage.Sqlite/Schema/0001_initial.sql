-- Every table that contains tenant data has the tenant as the first column of its key.
-- Migrations only ever add: a later file may add tables, columns or indexes, never drop or rewrite.

CREATE TABLE claims (
    seq         INTEGER PRIMARY KEY,
    tenant      TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    digest      TEXT    NOT NULL,
    body        BLOB    NOT NULL,
    origin_file TEXT,
    origin_line INTEGER,
    UNIQUE (tenant, id)
);
CREATE INDEX claims_tenant_seq ON claims (tenant, seq);
-- Sealing a migrated part finds the part's claims by their origin file in append order (the rowid ends each entry).
CREATE INDEX claims_tenant_origin ON claims (tenant, origin_file);

CREATE TRIGGER claims_no_update BEFORE UPDATE ON claims
BEGIN
    SELECT RAISE(ABORT, 'claims are append-only: update rejected');
END;

CREATE TRIGGER claims_no_delete BEFORE DELETE ON claims
BEGIN
    SELECT RAISE(ABORT, 'claims are append-only: delete rejected');
END;

CREATE TABLE manifests (
    seq        INTEGER PRIMARY KEY,
    tenant     TEXT    NOT NULL,
    id         TEXT    NOT NULL,
    root_hash  TEXT    NOT NULL,
    tree_size  INTEGER NOT NULL,
    created_at TEXT    NOT NULL,
    key_id     TEXT    NOT NULL,
    jws        TEXT    NOT NULL,
    UNIQUE (tenant, id)
);

-- WITHOUT ROWID stores the leaves in their primary key's b-tree, so sealing a claim writes one b-tree fewer.
CREATE TABLE manifest_leaves (
    tenant      TEXT    NOT NULL,
    manifest_id TEXT    NOT NULL,
    leaf_index  INTEGER NOT NULL,
    claim_id    TEXT    NOT NULL,
    digest      TEXT    NOT NULL,
    PRIMARY KEY (tenant, manifest_id, leaf_index),
    UNIQUE (tenant, claim_id),
    FOREIGN KEY (tenant, manifest_id) REFERENCES manifests (tenant, id),
    FOREIGN KEY (tenant, claim_id) REFERENCES claims (tenant, id)
) WITHOUT ROWID;

CREATE TRIGGER manifests_no_update BEFORE UPDATE ON manifests
BEGIN
    SELECT RAISE(ABORT, 'manifests are immutable: update rejected');
END;

CREATE TRIGGER manifest_leaves_no_update BEFORE UPDATE ON manifest_leaves
BEGIN
    SELECT RAISE(ABORT, 'manifests are immutable: update rejected');
END;

CREATE TABLE tenant_keys (
    tenant      TEXT PRIMARY KEY,
    key_id      TEXT NOT NULL,
    private_key BLOB NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE entities (
    tenant      TEXT NOT NULL,
    id          TEXT NOT NULL,
    label       TEXT NOT NULL,
    type        TEXT NOT NULL,
    country     TEXT,
    created_at  TEXT NOT NULL,
    origin_file TEXT,
    origin_line INTEGER,
    PRIMARY KEY (tenant, id)
);
CREATE INDEX entities_tenant_label ON entities (tenant, label COLLATE NOCASE);

CREATE TABLE edges (
    tenant      TEXT NOT NULL,
    id          TEXT NOT NULL,
    source      TEXT NOT NULL,
    target      TEXT NOT NULL,
    type        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    origin_file TEXT,
    origin_line INTEGER,
    PRIMARY KEY (tenant, id),
    FOREIGN KEY (tenant, source) REFERENCES entities (tenant, id),
    FOREIGN KEY (tenant, target) REFERENCES entities (tenant, id)
);
CREATE INDEX edges_tenant_source ON edges (tenant, source);
CREATE INDEX edges_tenant_target ON edges (tenant, target);

CREATE TABLE cases (
    tenant      TEXT NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    status      TEXT NOT NULL,
    owner       TEXT,
    origin_file TEXT,
    origin_line INTEGER,
    PRIMARY KEY (tenant, id)
);

CREATE TABLE tasks (
    tenant      TEXT NOT NULL,
    id          TEXT NOT NULL,
    case_id     TEXT NOT NULL,
    assignee    TEXT,
    title       TEXT NOT NULL,
    status      TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    origin_file TEXT,
    origin_line INTEGER,
    PRIMARY KEY (tenant, id),
    FOREIGN KEY (tenant, case_id) REFERENCES cases (tenant, id)
);

CREATE TABLE reports (
    tenant      TEXT NOT NULL,
    id          TEXT NOT NULL,
    case_id     TEXT NOT NULL,
    title       TEXT NOT NULL,
    audience    TEXT,
    file_key    TEXT,
    origin_file TEXT,
    origin_line INTEGER,
    PRIMARY KEY (tenant, id),
    FOREIGN KEY (tenant, case_id) REFERENCES cases (tenant, id)
);

CREATE TABLE budgets (
    tenant     TEXT PRIMARY KEY,
    max_ms     INTEGER NOT NULL,
    max_rows   INTEGER NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE quarantine (
    tenant         TEXT    NOT NULL,
    file           TEXT    NOT NULL,
    line           INTEGER NOT NULL,
    table_name     TEXT    NOT NULL,
    record_id      TEXT,
    reason         TEXT    NOT NULL,
    detail         TEXT    NOT NULL,
    raw_text       TEXT    NOT NULL,
    -- The parsed record as JSON, kept for the reasons that a later delta can resolve.
    record_json    TEXT,
    quarantined_at TEXT    NOT NULL,
    resolved_at    TEXT,
    PRIMARY KEY (tenant, file, line)
);

CREATE TABLE applied_exports (
    seq         INTEGER PRIMARY KEY,
    tenant      TEXT NOT NULL,
    part        TEXT NOT NULL,
    export_root TEXT NOT NULL,
    applied_at  TEXT NOT NULL,
    UNIQUE (tenant, part)
);

-- A deployment-wide setting rather than tenant data: while a row exists, API writes are refused.
CREATE TABLE write_freeze (
    scope     TEXT PRIMARY KEY CHECK (scope = 'deployment'),
    banner    TEXT NOT NULL,
    frozen_at TEXT NOT NULL
);
