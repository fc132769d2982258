package cn.beian.verify.config;

import cn.beian.verify.kernel.JsonInputErrors;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How every JSON body of the product's API is read: exactly as the OpenAPI document describes it, or refused with a
 * 400 naming the field (JsonInputErrors). A client sends what the endpoint accepts, not what our forms send, so:
 * <ul>
 *   <li>a value has the JSON type of its field: a phone is a string, never the number 13800138000 (a number slipped
 *       past the per-phone limit, which looked for a string); a flag is true/false, never "true" or 1;</li>
 *   <li>a field the endpoint does not know is refused, not ignored (a misspelt {@code chagne} would otherwise
 *       silently drop a change section, and a 10 MB unknown field would be carried along);</li>
 *   <li>a field given twice, or a second JSON value after the first, is refused: every reader of the body (a proxy,
 *       a log, this application) must see the same request.</li>
 * </ul>
 */
@Configuration
public class StrictJsonInput {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictJsonInputCustomizer() {
    return builder -> builder
        .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .postConfigurer(StrictJsonInput::strictScalars);
  }

  /** no scalar turns into another: Jackson's defaults coerce numbers and booleans to text and text to both */
  static void strictScalars(ObjectMapper mapper) {
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
  }
}
