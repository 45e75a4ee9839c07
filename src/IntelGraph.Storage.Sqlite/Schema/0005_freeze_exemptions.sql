-- A freeze may exempt OAuth clients, such as the cutover tool, whose writes proceed during it. The
-- column holds their client ids as a JSON array of strings; freezes set before it existed exempt none.
ALTER TABLE write_freeze ADD COLUMN exempt_clients TEXT NOT NULL DEFAULT '[]';
