package cn.beian.verify.filing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows read once per database transaction and kept until it ends: one step of a request (a verification, the
 * process's timers, task texts, delegates) reads its {@code filing} row a dozen times with the same id
 * (docs/benchmarks.md, "Counts"). The cache lives exactly one transaction: it is bound to the transaction's
 * synchronizations, set aside while a nested {@code REQUIRES_NEW} transaction runs (that one gets its own), and
 * dropped at commit or rollback, so a value never crosses transactions. Outside an actual transaction nothing is
 * kept. The owner must call {@link #forget} whenever it writes a row it caches; what was read {@code FOR UPDATE}
 * replaces what was read before.
 */
final class TransactionReadCache<V> {
  private final String name;

  TransactionReadCache(String name) {
    this.name = name;
  }

  /** the value read earlier in this transaction, else {@code read}'s, kept when a transaction is active */
  Optional<V> get(String id, Supplier<Optional<V>> read) {
    Map<String, Optional<V>> rows = rows();
    if (rows == null) {
      return read.get();
    }
    Optional<V> cached = rows.get(id);
    if (cached != null) {
      return cached;
    }
    Optional<V> value = read.get();
    rows.put(id, value);
    return value;
  }

  /** replaces what this transaction knows of {@code id} (a locking read is the freshest there is) */
  void put(String id, V value) {
    Map<String, Optional<V>> rows = rows();
    if (rows != null) {
      rows.put(id, Optional.of(value));
    }
  }

  /** the row changed: the next read in this transaction goes to the database */
  void forget(String id) {
    Map<String, Optional<V>> rows = existingRows();
    if (rows != null) {
      rows.remove(id);
    }
  }

  private Map<String, Optional<V>> existingRows() {
    if (!active()) {
      return null;
    }
    Object bound = TransactionSynchronizationManager.getResource(this);
    if (bound instanceof Rows<?> rows) {
      if (TransactionSynchronizationManager.getSynchronizations().contains(rows.end())) {
        @SuppressWarnings("unchecked")
        Map<String, Optional<V>> values = ((Rows<V>) rows).values();
        return values;
      }
      // left over from a transaction that ended without telling us: never served
      TransactionSynchronizationManager.unbindResourceIfPossible(this);
    }
    return null;
  }

  private Map<String, Optional<V>> rows() {
    if (!active()) {
      return null;
    }
    Map<String, Optional<V>> rows = existingRows();
    if (rows == null) {
      Map<String, Optional<V>> created = new HashMap<>();
      TransactionSynchronization end = new TransactionSynchronization() {
        @Override
        public void suspend() {
          TransactionSynchronizationManager.unbindResourceIfPossible(TransactionReadCache.this);
        }

        @Override
        public void resume() {
          TransactionSynchronizationManager.bindResource(TransactionReadCache.this, new Rows<>(created, this));
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(TransactionReadCache.this);
        }
      };
      TransactionSynchronizationManager.registerSynchronization(end);
      TransactionSynchronizationManager.bindResource(this, new Rows<>(created, end));
      rows = created;
    }
    return rows;
  }

  /** one transaction's rows and the synchronization that ends them */
  private record Rows<V>(Map<String, Optional<V>> values, TransactionSynchronization end) {}

  private static boolean active() {
    return TransactionSynchronizationManager.isActualTransactionActive()
        && TransactionSynchronizationManager.isSynchronizationActive();
  }

  @Override
  public String toString() {
    return "TransactionReadCache[" + name + "]";
  }
}
