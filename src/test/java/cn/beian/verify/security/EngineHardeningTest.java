package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.process.FilingProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.Test;

/** The engine settings of SECURITY.md: JSON-only object variables, bounded queries. */
@SharedHttpContext
class EngineHardeningTest extends StaffRestSupport {

  @Test
  void shouldStoreTheVerifierRulesAsJsonNeverJavaSerialized() throws Exception {
    // given a request whose VerifierRoles decision (COLLECT) ran
    TestFiling filing = verifying("CN-GS");
    String instance = filingInstance(filing.id()).getId();

    // when the stored variable is read without deserializing it
    VariableInstance rules = engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(instance)
        .variableName(FilingProcess.Vars.VERIFIER_RULES).disableCustomObjectDeserialization().singleResult();

    // then it is a JSON array of {verifierRole, quorum}, in the database as JSON text, not a Java stream (0xACED)
    ObjectValue value = (ObjectValue) rules.getTypedValue();
    assertThat(value.getSerializationDataFormat()).isEqualTo(Variables.SerializationDataFormats.JSON.getName());
    JsonNode parsed = json.readTree(value.getValueSerialized());
    assertThat(parsed.isArray()).isTrue();
    assertThat(parsed.findValuesAsText("verifierRole")).contains("ENTITY_PRINCIPAL");
    Map<String, Object> row = jdbc.queryForMap("SELECT v.TYPE_ AS SERIALIZER, b.BYTES_ AS BYTES FROM ACT_RU_VARIABLE v "
        + "JOIN ACT_GE_BYTEARRAY b ON b.ID_ = v.BYTEARRAY_ID_ WHERE v.PROC_INST_ID_ = ? AND v.NAME_ = ?",
        instance, FilingProcess.Vars.VERIFIER_RULES);
    assertThat((String) row.get("SERIALIZER")).endsWith("application/json");
    byte[] bytes = (byte[]) row.get("BYTES");
    assertThat(bytes[0]).isNotEqualTo((byte) 0xAC);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("[");
    // and the process reads it back (the allow-listed JDK types only)
    assertThat(engine.getRuntimeService().getVariable(instance, FilingProcess.Vars.VERIFIER_RULES)).isInstanceOf(java.util.List.class);
  }

  @Test
  void shouldRefuseAJavaSerializedVariableEvenFromTheAdministrator() {
    // given a request's instance
    String instance = filingInstance(verifying("CN-GS").id()).getId();
    // when the administrator writes a Java-serialized object (the classic deserialization gadget carrier)
    Response response = rest("demo", "PUT", "/process-instance/" + instance + "/variables/gadget",
        "{\"type\":\"Object\",\"value\":\"rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==\","
            + "\"valueInfo\":{\"objectTypeName\":\"java.util.ArrayList\","
            + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}");
    // then refused, and nothing stored
    assertRefusal(response, 400);
    assertThat(engine.getRuntimeService().getVariable(instance, "gadget")).isNull();
  }

  @Test
  void shouldRunWithTheSettingsOfSecurityMd() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDefaultSerializationFormat()).isEqualTo("application/json");
    assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
    assertThat(configuration.isDeserializationTypeValidationEnabled()).isTrue();
    assertThat(configuration.isEnableExpressionsInAdhocQueries()).isFalse();
    assertThat(configuration.isEnableExpressionsInStoredQueries()).isFalse();
    assertThat(configuration.getDefaultUserPermissionForTask().getName()).isEqualTo(TaskPermissions.TASK_WORK.getName());
    assertThat(configuration.getQueryMaxResultsLimit()).isEqualTo(2000);
  }

  @Test
  void shouldTurnJsonOnlyIntoAllowListedTypes() {
    // given a JSON object variable naming a type Jackson could build but the engine's allow list does not hold
    String instance = filingInstance(verifying("CN-GS").id()).getId();
    engine.getRuntimeService().setVariable(instance, "gadget", Variables.serializedObjectValue("{\"name\":\"a harmless looking map\"}")
        .serializationDataFormat(Variables.SerializationDataFormats.JSON)
        .objectTypeName("java.util.concurrent.ConcurrentHashMap").create());
    // when/then it is never instantiated
    assertThatThrownBy(() -> engine.getRuntimeService().getVariable(instance, "gadget"))
        .isInstanceOf(ProcessEngineException.class).hasStackTraceContaining("not whitelisted for deserialization");
  }

  @Test
  void shouldBoundEveryQueryOfALoggedInUser() {
    assertThat(rest("reviewer-gs", "GET", "/task", null).status()).isEqualTo(400);
    assertThat(rest("reviewer-gs", "GET", "/task?firstResult=0&maxResults=2001", null).status()).isEqualTo(400);
    assertThat(rest("demo", "GET", "/process-instance?firstResult=0&maxResults=2001", null).status()).isEqualTo(400);
    assertThat(rest("reviewer-gs", "GET", "/task?firstResult=0&maxResults=2000", null).status()).isEqualTo(200);
    // the page size Tasklist and Cockpit use
    assertThat(webapp("reviewer-gs", "GET", "/filter?resourceType=Task&firstResult=0&maxResults=2000", null).status())
        .isEqualTo(200);
  }
}
