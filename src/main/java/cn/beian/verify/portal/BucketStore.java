package cn.beian.verify.portal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where the token buckets of the request limits live: on PostgreSQL in the database, shared by every node
 * ({@link JdbcBucketStore}), so a limit holds for the cluster and not per node; on the embedded H2, which runs as one
 * node, in its memory ({@link LocalBucketStore}). {@link RateLimitConfiguration} chooses by the database.
 */
public interface BucketStore {

  /**
   * @param key the bucket's name, unique across all limits (e.g. {@code phone:<hash>}); never personal data in clear
   * @param configuration the limits a new bucket starts with
   * @return the bucket under the key, created with the configuration when it does not exist yet
   */
  Bucket bucket(String key, BucketConfiguration configuration);
}
