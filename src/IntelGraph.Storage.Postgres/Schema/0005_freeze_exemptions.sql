-- A freeze may exempt OAuth clients, such as the cutover tool, whose writes proceed during it. The
-- column contains their client ids as a JSON array of strings. A freeze set before it existed exempts none.
ALTER TABLE write_freeze ADD COLUMN exempt_clients TEXT COLLATE "C" NOT NULL DEFAULT '[]';
