package cn.beian.verify.process.db;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine checks every row it inserts for a valid id (not null, not {@code *}), and builds the message of that
 * check before checking: the whole entity's {@code toString} (every field of a history event, a variable, a job) for
 * each insert. That string was about 10 % of a submission's CPU and 3 % of a whole lifecycle's (docs/benchmarks.md,
 * "Tuning"), for a check that practically never fails. The same check, with the engine's own message, runs here only
 * when the id is invalid.
 */
@Component
public class EntityIdCheck extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getSessionFactories().put(DbEntityManager.class, new Factory(configuration.getIdGenerator()));
  }

  static final class Factory extends DbEntityManagerFactory {
    Factory(IdGenerator idGenerator) {
      super(idGenerator);
    }

    @Override
    public DbEntityManager openSession() {
      PersistenceSession persistence = Context.getCommandContext().getSession(PersistenceSession.class);
      return new CheckingOnlyInvalidIds(idGenerator, persistence);
    }
  }

  /** the engine's entity manager, whose id check builds its message only for an id it refuses */
  static final class CheckingOnlyInvalidIds extends DbEntityManager {
    CheckingOnlyInvalidIds(IdGenerator idGenerator, PersistenceSession persistence) {
      super(idGenerator, persistence);
    }

    @Override
    protected void validateId(DbEntity entity) {
      String id = entity.getId();
      if (id == null || "*".equals(id)) {
        super.validateId(entity);
      }
    }
  }
}
