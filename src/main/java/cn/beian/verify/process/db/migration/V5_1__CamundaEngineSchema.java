package cn.beian.verify.process.db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Camunda's tables, from the engine's own scripts ({@link CamundaSchema}), so that the first of several nodes
 * starting together creates them under Flyway's lock and the others find them made. The engine itself only checks
 * them ({@code camunda.bpm.database.schema-update: false}). On PostgreSQL the whole schema is one transaction.
 */
public class V5_1__CamundaEngineSchema extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    CamundaSchema.createMissing(context.getConnection());
  }
}
