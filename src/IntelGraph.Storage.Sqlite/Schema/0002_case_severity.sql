-- Cases carry a severity (low, med or high), and a tenant may give each severity its own query budget,
-- which a graph query asked for a case of that severity is held to instead of the tenant's budget.
ALTER TABLE cases ADD COLUMN severity TEXT;

CREATE TABLE severity_budgets (
    tenant     TEXT    NOT NULL,
    severity   TEXT    NOT NULL,
    max_ms     INTEGER NOT NULL,
    max_rows   INTEGER NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (tenant, severity)
);
