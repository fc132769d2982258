package cn.beian.verify.portal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where the token buckets of the request limits live. Today each node keeps its own in memory
 * ({@link LocalBucketStore}), so with N nodes a client gets up to N times a limit; a store that every node shares
 * (Bucket4j's JDBC proxy manager over the product's database: {@code proxyManager.builder().build(key, () ->
 * configuration)}) plugs in here as a bean of this type, and nothing else changes.
 */
public interface BucketStore {

  /**
   * @param key the bucket's name, unique across all limits (e.g. {@code phone:<hash>}); never personal data in clear
   * @param configuration the limits a new bucket starts with
   * @return the bucket under the key, created with the configuration when it does not exist yet
   */
  Bucket bucket(String key, BucketConfiguration configuration);
}
