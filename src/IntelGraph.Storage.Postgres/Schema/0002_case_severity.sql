-- Cases carry a severity (low, med or high), and a tenant may give each severity its own query budget,
-- which a graph query asked for a case of that severity is held to instead of the tenant's budget.
ALTER TABLE cases ADD COLUMN severity TEXT COLLATE "C";

CREATE TABLE severity_budgets (
    tenant     TEXT COLLATE "C" NOT NULL,
    severity   TEXT COLLATE "C" NOT NULL,
    max_ms     BIGINT NOT NULL,
    max_rows   BIGINT NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant, severity)
);
