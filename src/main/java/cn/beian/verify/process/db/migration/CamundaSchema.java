package cn.beian.verify.process.db.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camunda's tables, made from the SQL scripts inside the engine jar ({@code org/camunda/bpm/engine/db/create/
 * activiti.<database>.create.<component>.sql}), the very scripts the engine's own {@code schema-update} runs: the
 * same schema, but created by a Flyway migration, under Flyway's lock, so that nodes starting at the same moment on an
 * empty database do not race to create it (the engine's schema update has no lock).
 *
 * <p>Components the engine uses in this product: the runtime, history (level full), identity, CMMN and DMN with
 * their histories. A component whose tables exist already is left alone: databases made before this migration (H2
 * demo databases under {@code ./data}, PostgreSQL databases of earlier versions, where the engine created its tables
 * itself) keep their tables, provided the engine's schema log says they are of this engine's version.
 *
 * <p>Upgrading Camunda later: each engine jar also ships {@code org/camunda/bpm/engine/db/upgrade/
 * <database>_engine_<from>_to_<to>.sql}; an upgrade is a new migration that runs those scripts (one per minor
 * version in between, in order) with {@link #execute}, skipped where the schema log already records the new version
 * (a database created by this migration from the newer jar).
 */
final class CamundaSchema {
  private static final Logger log = LoggerFactory.getLogger(CamundaSchema.class);
  private static final String SCRIPTS = "org/camunda/bpm/engine/db/";

  /** a component of the engine's schema and the table the engine itself looks for to know whether it exists */
  enum Component {
    ENGINE("engine", "ACT_RU_EXECUTION"),
    HISTORY("history", "ACT_HI_PROCINST"),
    IDENTITY("identity", "ACT_ID_USER"),
    CASE_ENGINE("case.engine", "ACT_RE_CASE_DEF"),
    CASE_HISTORY("case.history", "ACT_HI_CASEINST"),
    DECISION_ENGINE("decision.engine", "ACT_RE_DECISION_DEF"),
    DECISION_HISTORY("decision.history", "ACT_HI_DECINST");

    final String script;
    final String markerTable;

    Component(String script, String markerTable) {
      this.script = script;
      this.markerTable = markerTable;
    }
  }

  private CamundaSchema() {
  }

  /** @return the components created (empty when every one existed) */
  static List<Component> createMissing(Connection connection) throws SQLException {
    String database = databaseType(connection);
    if (tableExists(connection, Component.ENGINE.markerTable)) {
      requireThisVersion(connection);
    }
    List<Component> created = new ArrayList<>();
    for (Component component : Component.values()) {
      if (!tableExists(connection, component.markerTable)) {
        execute(connection, SCRIPTS + "create/activiti." + database + ".create." + component.script + ".sql");
        created.add(component);
      }
    }
    if (!created.isEmpty()) {
      log.info("Created Camunda {} tables: {}", engineVersion(), created);
    }
    return created;
  }

  /** Camunda's name of the database, as in its script names */
  static String databaseType(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    return switch (product) {
      case "H2" -> "h2";
      case "PostgreSQL" -> "postgres";
      default -> throw new IllegalStateException("Beian Verify runs on H2 or PostgreSQL, not on " + product);
    };
  }

  static boolean tableExists(Connection connection, String table) throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    String name = metaData.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
    try (ResultSet tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), name,
        new String[] {"TABLE"})) {
      return tables.next();
    }
  }

  private static void requireThisVersion(Connection connection) throws SQLException {
    String version = engineVersion();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT COUNT(*) FROM ACT_GE_SCHEMA_LOG WHERE VERSION_ = ?")) {
      query.setString(1, version);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        if (rs.getInt(1) == 0) {
          throw new IllegalStateException("Camunda's tables in this database are not of version " + version
              + " (ACT_GE_SCHEMA_LOG): upgrade them with the engine's scripts (db/upgrade in the engine jar) first");
        }
      }
    }
  }

  static String engineVersion() {
    return ProductPropertiesUtil.getProductVersion();
  }

  /**
   * Runs one of the engine's scripts the way the engine reads them: lines starting with "-- " are comments, a
   * statement ends with a line ending in ";".
   */
  static void execute(Connection connection, String resource) throws SQLException {
    try (InputStream in = CamundaSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the engine jar has no " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      StringBuilder statement = new StringBuilder();
      try (Statement jdbc = connection.createStatement()) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          line = line.trim();
          if (line.isEmpty() || line.startsWith("-- ") || line.equals("--") || line.startsWith("# ")) {
            continue;
          }
          if (line.endsWith(";")) {
            statement.append(line, 0, line.length() - 1);
            jdbc.execute(statement.toString());
            statement.setLength(0);
          } else {
            statement.append(line).append('\n');
          }
        }
      }
      if (!statement.isEmpty()) {
        throw new IllegalStateException(resource + " ends inside a statement: " + statement);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }
}
