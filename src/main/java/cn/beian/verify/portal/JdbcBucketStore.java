package cn.beian.verify.portal;

import cn.beian.verify.kernel.HashDomains;
import cn.beian.verify.kernel.KeyedHasher;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Token buckets in the database, shared by every node: Bucket4j's PostgreSQL backend (table
 * {@code rate_limit_bucket}, migration V11_1). A bucket is a row; taking a token locks it ({@code SELECT … FOR UPDATE}),
 * so requests for one phone or one client reaching several nodes at once draw from one bucket, and a limit of 5 is 5
 * for the whole cluster.
 *
 * <p>A row's id is a keyed hash of the bucket's key, never the key: the table holds neither client addresses nor the
 * phone hashes other tables are looked up by. A row is deleted once its bucket would be full again (it then means
 * nothing), by {@link #removeExpired()}, which every node runs every few minutes (rows another node is deleting are
 * skipped); the table holds at most the buckets of the last hour's phones and clients.
 */
public class JdbcBucketStore implements BucketStore {
  static final String TABLE = "rate_limit_bucket";
  private static final Logger LOG = LoggerFactory.getLogger(JdbcBucketStore.class);
  /** rows deleted per statement; a node goes on while whole batches come back */
  private static final int REMOVAL_BATCH = 1000;
  /** a bucket's row outlives the moment it is full again by this much, so that a row in use is never deleted */
  private static final Duration KEEP_AFTER_REFILL = Duration.ofMinutes(1);

  private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
  private final KeyedHasher hasher;

  public JdbcBucketStore(DataSource dataSource, KeyedHasher hasher) {
    this.hasher = hasher;
    this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table(TABLE)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
        .build();
  }

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    return buckets.builder().build(rowId(key), () -> configuration);
  }

  /** the row of a bucket key: the same on every node, since every node has the installation's HMAC key */
  String rowId(String key) {
    return hasher.hash(HashDomains.RATE_LIMIT, key);
  }

  /** every node, every five minutes: a database that is away now is tried again next time, nothing is lost */
  @Scheduled(fixedDelay = 5, initialDelay = 5, timeUnit = TimeUnit.MINUTES)
  void removeExpiredNowAndThen() {
    try {
      removeExpired();
    } catch (RuntimeException e) {
      LOG.warn("Request-limit buckets that are full again could not be removed: {}", e.toString());
    }
  }

  /** deletes the rows of buckets that are full again; @return how many */
  public int removeExpired() {
    int removed = 0;
    int batch;
    do {
      batch = buckets.removeExpired(REMOVAL_BATCH);
      removed += batch;
    } while (batch == REMOVAL_BATCH);
    if (removed > 0) {
      LOG.debug("Removed {} request-limit buckets that were full again", removed);
    }
    return removed;
  }
}
