-- Explanations look up the claims behind a graph edge by the claim's edgeId member. The body is a BLOB,
-- which SQLite's JSON functions would read as JSONB, so it is cast to text first. A query must repeat
-- this exact expression for SQLite to use the index.
CREATE INDEX claims_tenant_edge ON claims (tenant, json_extract(CAST(body AS TEXT), '$.edgeId'));
