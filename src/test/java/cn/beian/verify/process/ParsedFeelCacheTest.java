package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/** FEEL texts are parsed once and the parsed trees give the same answers as parsing each time. */
class ParsedFeelCacheTest extends ProcessScenarioSupport {

  private static VariableContext input(Object value) {
    return Variables.createVariables().putValue("cellInput", value).asVariableContext();
  }

  @Test
  void shouldAnswerEachEvaluationForItsOwnInputWhenTheParsedTestsAreReused() {
    FeelEngine feel = ParsedFeelCache.feelEngineFactory().createInstance();

    for (int round = 0; round < 3; round++) {
      assertThat(feel.evaluateSimpleUnaryTests("\"CN-TJ\",\"CN-GS\"", "cellInput", input("CN-GS"))).isTrue();
      assertThat(feel.evaluateSimpleUnaryTests("\"CN-TJ\",\"CN-GS\"", "cellInput", input("CN-BJ"))).isFalse();
      assertThat(feel.evaluateSimpleUnaryTests(">= date(\"2018-09-10\")", "cellInput", input(LocalDate.of(2018, 9, 10))))
          .isTrue();
      assertThat(feel.evaluateSimpleUnaryTests(">= date(\"2018-09-10\")", "cellInput", input(LocalDate.of(2018, 9, 9))))
          .isFalse();
      Object day = feel.evaluateSimpleExpression("date(submittedOn)",
          Variables.createVariables().putValue("submittedOn", "2020-08-17").asVariableContext());
      assertThat(day).isEqualTo(LocalDate.of(2020, 8, 17));
    }
  }

  @Test
  void shouldParseEachTextOnceAndKeepTheTree() {
    ParsedFeelCache.ParsingOnce feel = parsingOnce();
    int before = feel.cachedTexts();

    var first = feel.parseUnaryTests("\"APP\",\"WEBSITE_AND_APP\"");
    var second = feel.parseUnaryTests("\"APP\",\"WEBSITE_AND_APP\"");

    assertThat(first.isRight()).isTrue();
    assertThat(second).isSameAs(first);
    assertThat(feel.cachedTexts()).isEqualTo(before + 1);
  }

  @Test
  void shouldFailABrokenExpressionEveryTimeWithoutKeepingIt() {
    FeelEngine camundaFeel = ParsedFeelCache.feelEngineFactory().createInstance();
    ParsedFeelCache.ParsingOnce feel = parsingOnce();
    int before = feel.cachedTexts();

    assertThat(feel.parseExpression("date(").isLeft()).isTrue();
    assertThat(feel.parseExpression("date(").isLeft()).isTrue();
    assertThat(feel.cachedTexts()).isEqualTo(before);
    assertThatThrownBy(() -> camundaFeel.evaluateSimpleExpression("date(", input("x")))
        .isInstanceOf(FeelException.class);
  }

  @Test
  void shouldBuildFeelsBuiltInFunctionsOnceNotOnEveryEvaluation() throws ReflectiveOperationException {
    // FEEL 1.19.3 (Camunda 7.24.0's) built its root context with every built-in function on each evaluation: 30 % of a
    // submission's CPU. From 1.19.4 the engine keeps one (pom.xml pins the version; docs/benchmarks.md, "Tuning")
    ParsedFeelCache.ParsingOnce feel = parsingOnce();
    var rootContext = org.camunda.feel.FeelEngine.class.getDeclaredField("rootContext");
    rootContext.setAccessible(true);
    Object before = rootContext.get(feel);

    assertThat(feel.evalUnaryTests("\"CN-GS\"", Map.<String, Object>of("cellInput", "CN-GS")).isRight()).isTrue();
    assertThat(feel.evalUnaryTests("\"CN-GS\"", Map.<String, Object>of("cellInput", "CN-BJ")).isRight()).isTrue();

    assertThat(before).isNotNull();
    assertThat(rootContext.get(feel)).isSameAs(before);
  }

  @Test
  void shouldBeTheFeelEngineOfTheProcessEnginesDecisions() {
    var dmn = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDmnEngineConfiguration();

    assertThat(dmn.getFeelEngine()).isInstanceOf(ParsedFeelCache.CachingScalaFeelEngine.class);
  }

  private static ParsedFeelCache.ParsingOnce parsingOnce() {
    var engine = (ParsedFeelCache.CachingScalaFeelEngine) ParsedFeelCache.feelEngineFactory().createInstance();
    return engine.parser();
  }
}
