-- The request limits' token buckets (portal/JdbcBucketStore), shared by every node on PostgreSQL: one row per bucket,
-- in the layout of Bucket4j's PostgreSQL backend. id: a keyed hash of the bucket's key (never a phone, a phone hash or
-- a client address); state: Bucket4j's serialised bucket; expires_at: when the bucket is full again (epoch ms), after
-- which the row is deleted. Portable SQL: the embedded H2 default keeps its buckets in memory (one node) and leaves
-- the table empty, so that both databases have one schema.
CREATE TABLE rate_limit_bucket (
  id          VARCHAR(64)  PRIMARY KEY,
  state       BYTEA,
  expires_at  BIGINT
);
CREATE INDEX ix_rate_limit_bucket_expires ON rate_limit_bucket (expires_at);
