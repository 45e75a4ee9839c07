-- Explanations look up the claims behind a graph edge by the claim's edgeId member. An index expression
-- must be immutable, and convert_from is only stable, so the extraction lives in a function declared
-- immutable: a stored body never changes (claims are append-only) and is always UTF-8 JSON. The body
-- is read as json rather than jsonb because jsonb rejects the \u0000 escape that JSON allows.
CREATE FUNCTION claim_edge_id(body BYTEA) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN convert_from(body, 'UTF8')::json ->> 'edgeId';

CREATE INDEX claims_tenant_edge ON claims (tenant, claim_edge_id(body));
