-- The keys a database was written with, as check values (never the keys): HMAC-SHA256 of a fixed text under the HMAC
-- key, AES-GCM encryption of it under the data key. A node started with other keys refuses to start (config/KeyCheck)
-- instead of answering NOT_FOUND to right codes and failing on what the other nodes stored. Portable SQL.
CREATE TABLE key_check (
  key_name     VARCHAR(16)   PRIMARY KEY,
  check_value  VARCHAR(255)  NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
