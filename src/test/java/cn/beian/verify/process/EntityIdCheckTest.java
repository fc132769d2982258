package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.process.db.EntityIdCheck;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.junit.jupiter.api.Test;

/** The engine's id check on every insert still refuses what it refused, without building its message each time. */
class EntityIdCheckTest extends ProcessScenarioSupport {

  private <T> T execute(Command<T> command) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(command);
  }

  @Test
  void shouldBeTheEntityManagerOfEveryCommand() {
    // when
    Object manager = execute(context -> context.getDbEntityManager());

    // then
    assertThat(manager.getClass().getEnclosingClass()).isEqualTo(EntityIdCheck.class);
  }

  @Test
  void shouldStillRefuseTheReservedIdWithTheEnginesMessageAndWriteNothing() {
    // given
    ByteArrayEntity row = new ByteArrayEntity("entity-id-check", new byte[] {1});
    row.setId("*");

    // when / then
    assertThatThrownBy(() -> execute(context -> {
      context.getDbEntityManager().insert(row);
      return null;
    })).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("has an invalid id")
        .hasMessageContaining("cannot be *");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_GE_BYTEARRAY WHERE NAME_ = 'entity-id-check'",
        Long.class)).isZero();
  }

  @Test
  void shouldGiveARowWithoutIdOneAndInsertIt() {
    // given
    ByteArrayEntity row = new ByteArrayEntity("entity-id-check-ok", new byte[] {1});

    // when
    String id = execute(context -> {
      context.getDbEntityManager().insert(row);
      return row.getId();
    });

    // then
    assertThat(id).isNotBlank();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_GE_BYTEARRAY WHERE ID_ = ?", Long.class, id)).isOne();
    jdbc.update("DELETE FROM ACT_GE_BYTEARRAY WHERE ID_ = ?", id);
  }
}
