package cn.beian.verify.config;

import cn.beian.verify.security.ProviderApiKeyFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of the product's own API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). */
@Configuration
public class OpenApiConfiguration {
  /** name of the access providers' API key scheme, referenced by their operations */
  public static final String API_KEY = "providerApiKey";
  private static final String REF_PREFIX = "#/components/schemas/";

  @Bean
  OpenAPI beianOpenApi(HttpInputProperties http) {
    return new OpenAPI()
        .info(new Info().title("备案短信核验 API").version("v1")
            .description("ICP备案短信核验:接入商提交和查询备案申请,待核验人核验短信验证码。"
                + "请求和响应均为UTF-8编码的JSON;错误以RFC 9457问题文档(application/problem+json)答复,"
                + "含 title、detail,字段有误时另含 errors 数组 [{field, message}]。时间均为北京时间(+08:00)。\n\n"
                + "请求内容按本文档严格读取:字段须为文档所列类型(如手机号码须为字符串,不接受数字;布尔值须为 true/false),"
                + "未列出的字段、重复出现的字段和JSON值之后的多余内容一律以400拒绝,并在 errors 中指明字段"
                + "(请求内容的结构均为 additionalProperties: false)。/api/ 下的请求内容最多 "
                + http.maxBodySize().toKilobytes() + " KB,超过时答复413。"))
        .components(new Components().addSecuritySchemes(API_KEY, new SecurityScheme()
            .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(ProviderApiKeyFilter.HEADER)
            .description("接入商API密钥,每个接入商一个。演示环境:demo-provider-a-key、demo-provider-b-key")));
  }

  /** every schema a request body is made of says what StrictJsonInput enforces: no field beyond those listed */
  @Bean
  OpenApiCustomizer closedRequestBodies() {
    return openApi -> {
      if (openApi.getPaths() == null || openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
        return;
      }
      Map<String, Schema> schemas = openApi.getComponents().getSchemas();
      Deque<Schema<?>> pending = new ArrayDeque<>();
      openApi.getPaths().values().forEach(path -> path.readOperations().stream()
          .map(Operation::getRequestBody)
          .filter(body -> body != null && body.getContent() != null)
          .flatMap(body -> body.getContent().values().stream())
          .map(MediaType::getSchema)
          .forEach(schema -> push(pending, schema)));
      Set<String> closed = new HashSet<>();
      while (!pending.isEmpty()) {
        Schema<?> schema = pending.pop();
        if (schema.get$ref() != null) {
          String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
          if (schema.get$ref().startsWith(REF_PREFIX) && schemas.containsKey(name) && closed.add(name)) {
            push(pending, schemas.get(name));
          }
          continue;
        }
        if (schema.getProperties() != null) {
          schema.setAdditionalProperties(false);
          schema.getProperties().values().forEach(property -> push(pending, property));
        }
        push(pending, schema.getItems());
      }
    };
  }

  private static void push(Deque<Schema<?>> pending, Schema<?> schema) {
    if (schema != null) {
      pending.push(schema);
    }
  }
}
