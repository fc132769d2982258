package cn.beian.verify.config;

import cn.beian.verify.security.ProviderApiKeyFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of the product's own API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). */
@Configuration
public class OpenApiConfiguration {
  /** name of the access providers' API key scheme, referenced by their operations */
  public static final String API_KEY = "providerApiKey";

  @Bean
  OpenAPI beianOpenApi() {
    return new OpenAPI()
        .info(new Info().title("备案短信核验 API").version("v1")
            .description("ICP备案短信核验:接入商提交和查询备案申请,待核验人核验短信验证码。"
                + "请求和响应均为UTF-8编码的JSON;错误以RFC 9457问题文档(application/problem+json)答复,"
                + "含 title、detail,字段有误时另含 errors 数组 [{field, message}]。时间均为北京时间(+08:00)。"))
        .components(new Components().addSecuritySchemes(API_KEY, new SecurityScheme()
            .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(ProviderApiKeyFilter.HEADER)
            .description("接入商API密钥,每个接入商一个。演示环境:demo-provider-a-key、demo-provider-b-key")));
  }
}
