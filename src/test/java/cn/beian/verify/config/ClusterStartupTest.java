package cn.beian.verify.config;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.testdb.ApplicationNode;
import cn.beian.verify.testdb.TestDatabase;
import cn.beian.verify.testdb.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Nodes started at the same moment on an empty PostgreSQL database all come up, on one schema (made once, by
 * whichever node takes Flyway's lock first) and one deployment; a restart adds none. Before the schema was a
 * migration, one of two such nodes died on the other's CREATE TABLE (ENGINE-03015, pg_type_typname_nsp_index).
 * PostgreSQL only: nodes share a server database; the embedded H2 file belongs to one process.
 */
@Tag(TestDatabases.POSTGRESQL_ONLY)
class ClusterStartupTest {
  private static final int NODES = 3;

  @Test
  void shouldStartThreeNodesAtOnceOnAnEmptyDatabaseWithOneSchemaAndOneDeployment() throws Exception {
    // given an empty database
    TestDatabase database = TestDatabases.freshPostgresql("cluster");
    ExecutorService starters = Executors.newFixedThreadPool(NODES);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ApplicationNode>> starting = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      starting.add(starters.submit(() -> {
        go.await();
        return ApplicationNode.on(database).start();
      }));
    }
    List<ApplicationNode> nodes = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    try {
      // when the nodes start at the same moment
      go.countDown();
      for (Future<ApplicationNode> node : starting) {
        try {
          nodes.add(node.get(5, TimeUnit.MINUTES));
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }

      // then every one is up
      assertThat(failures).as("nodes that failed to start").isEmpty();
      assertThat(nodes).hasSize(NODES);
      JdbcTemplate jdbc = nodes.get(0).jdbc();
      // on one schema, each migration applied once
      assertThat(jdbc.queryForList("SELECT version FROM beian_schema_history WHERE version IS NOT NULL "
          + "GROUP BY version HAVING COUNT(*) > 1", String.class)).isEmpty();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM beian_schema_history WHERE NOT success", Integer.class))
          .isZero();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_GE_SCHEMA_LOG", Integer.class)).isEqualTo(1);
      // with one deployment: one version of each process
      assertThat(deployments(jdbc)).isEqualTo(1);
      assertThat(jdbc.queryForList("SELECT KEY_ FROM ACT_RE_PROCDEF GROUP BY KEY_ HAVING COUNT(*) > 1", String.class))
          .isEmpty();
      // and one record of the keys
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM key_check", Integer.class)).isEqualTo(2);

      // when a node restarts
      nodes.remove(0).close();
      try (ApplicationNode restarted = ApplicationNode.on(database).start()) {
        // then it adds no deployment
        assertThat(deployments(restarted.jdbc())).isEqualTo(1);
      }
    } finally {
      for (Future<ApplicationNode> node : starting) {
        node.cancel(true);
      }
      nodes.forEach(ApplicationNode::close);
      starters.shutdownNow();
    }
  }

  private static int deployments(JdbcTemplate jdbc) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT", Integer.class);
  }
}
