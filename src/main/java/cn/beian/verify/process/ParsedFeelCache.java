package cn.beian.verify.process;

import camundajar.impl.scala.util.Either;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

/**
 * The DMN decisions keep the engine's FEEL (the Scala FEEL engine Camunda ships) but parse each expression once.
 *
 * <p>Camunda's {@link ScalaFeelEngine} hands the expression text to FEEL on every evaluation, and FEEL parses it
 * again each time: with two decisions per submission that parsing was a measurable share of a filing's CPU
 * (docs/benchmarks.md). The texts come from deployed decision tables, so the set is small; the parsed trees are
 * immutable and shared by all threads. Only successful parses are kept, and at most {@link #MAX_ENTRIES} of each kind:
 * a broken expression still fails with FEEL's own message, every time.
 */
@Component
public class ParsedFeelCache extends AbstractProcessEnginePlugin {

  static final int MAX_ENTRIES = 10_000;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getDmnEngineConfiguration() != null) {
      throw new IllegalStateException("the DMN engine is configured elsewhere; the FEEL parse cache would replace it");
    }
    DefaultDmnEngineConfiguration dmn =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    dmn.setFeelEngineFactory(feelEngineFactory());
    configuration.setDmnEngineConfiguration(dmn);
  }

  /** the FEEL engine the product's decisions are evaluated with (also for decision-table tests outside the engine) */
  public static FeelEngineFactory feelEngineFactory() {
    return CachingScalaFeelEngine::new;
  }

  /** Camunda's FEEL integration with FEEL's parser behind a cache; the product's decisions use no custom functions */
  static final class CachingScalaFeelEngine extends ScalaFeelEngine {
    CachingScalaFeelEngine() {
      super(List.of());
    }

    @Override
    protected FeelEngine buildFeelEngine(CustomFunctionTransformer transformer,
        ValueMapper.CompositeValueMapper valueMapper) {
      return new ParsingOnce(super.buildFeelEngine(transformer, valueMapper));
    }

    ParsingOnce parser() {
      return (ParsingOnce) feelEngine;
    }
  }

  /**
   * The same FEEL engine (functions, value mapper, configuration, clock) that parses each text once: FEEL's
   * {@code evalExpression} and {@code evalUnaryTests} parse through these two methods, then evaluate the tree.
   */
  static final class ParsingOnce extends FeelEngine {
    private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();
    private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();

    ParsingOnce(FeelEngine engine) {
      super(engine.functionProvider(), engine.valueMapper(), engine.configuration(), engine.clock());
    }

    @Override
    public Either<FeelEngine.Failure, ParsedExpression> parseExpression(String text) {
      return parsed(expressions, text, super::parseExpression);
    }

    @Override
    public Either<FeelEngine.Failure, ParsedExpression> parseUnaryTests(String text) {
      return parsed(unaryTests, text, super::parseUnaryTests);
    }

    int cachedTexts() {
      return expressions.size() + unaryTests.size();
    }

    private static Either<FeelEngine.Failure, ParsedExpression> parsed(
        Map<String, Either<FeelEngine.Failure, ParsedExpression>> cache, String text,
        Function<String, Either<FeelEngine.Failure, ParsedExpression>> parser) {
      Either<FeelEngine.Failure, ParsedExpression> hit = cache.get(text);
      if (hit != null) {
        return hit;
      }
      Either<FeelEngine.Failure, ParsedExpression> result = parser.apply(text);
      if (result.isRight() && cache.size() < MAX_ENTRIES) {
        cache.putIfAbsent(text, result);
      }
      return result;
    }
  }
}
