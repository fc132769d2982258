package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.security.SecurityTestProcesses;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@SharedHttpContext
class PersonalDataHistoryFilterTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldKeepPersonalDataOutOfHistoryWhileRecordingTheRest() {
    // given an instance started with personal data among its variables
    SecurityTestProcesses.deploy(engine);
    String filingId = UUID.randomUUID().toString();
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(SecurityTestProcesses.VERIFY, filingId, Map.of(
        "filingId", filingId, "province", "CN-GS", "phone", "13912345678", "entityPrincipalIdNumber", "620102199001011234"));
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "phone")).isEqualTo("13912345678");

    // when the verifier form is submitted with the code and ID suffix
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    engine.getFormService().submitTaskForm(task.getId(), Map.of("smsCode", "123456", "idLast6", "011234", "approved", true, "reviewComment", "核验通过"));

    // then the history tables hold the references and outcome, never the personal data
    // (the engine writes form-field rows for String values only: hence reviewComment)
    List<String> variableNames = jdbc.queryForList("SELECT NAME_ FROM ACT_HI_VARINST WHERE PROC_INST_ID_ = ?", String.class, instance.getId());
    List<String> detailNames = jdbc.queryForList("SELECT NAME_ FROM ACT_HI_DETAIL WHERE PROC_INST_ID_ = ?", String.class, instance.getId());
    List<String> formFieldNames = jdbc.queryForList(
        "SELECT NAME_ FROM ACT_HI_DETAIL WHERE PROC_INST_ID_ = ? AND TYPE_ = 'FormProperty'", String.class, instance.getId());
    assertThat(variableNames).contains("filingId", "approved").noneMatch(SensitiveVariables::isSensitive);
    assertThat(detailNames).contains("filingId", "approved").noneMatch(SensitiveVariables::isSensitive);
    assertThat(formFieldNames).contains("reviewComment").noneMatch(SensitiveVariables::isSensitive);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE ID_ = ? AND END_TIME_ IS NOT NULL", Integer.class, instance.getId()))
        .isOne();
  }
}
