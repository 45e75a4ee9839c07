-- Alternative names of entities, such as the aliases of a STIX intrusion set. An entity's own label is
-- not repeated here.
CREATE TABLE entity_aliases (
    tenant    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    alias     TEXT NOT NULL,
    PRIMARY KEY (tenant, entity_id, alias),
    FOREIGN KEY (tenant, entity_id) REFERENCES entities (tenant, id)
);
CREATE INDEX entity_aliases_tenant_alias ON entity_aliases (tenant, alias COLLATE NOCASE);
