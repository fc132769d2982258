package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.notify.CallbackProperties;
import cn.beian.verify.portal.RateLimitProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The lists and maps an operator configures from the environment (README, "Production") have no placeholder in
 * application.yaml: they bind by Spring's environment variable names, which this test pins down. The variables with
 * placeholders are exercised by the production contexts (ProductionContextSupport, DirectoryIdentityTest).
 */
class OperatorEnvironmentTest {

  @Test
  void shouldBindAccessProvidersFromTheEnvironmentWithTheirKeysHashOnly() {
    // given the variables of two providers, as README lists them
    Binder environment = environment(Map.of(
        "BEIAN_PROVIDERS_ACCOUNTS_0_ID", "aliyun",
        "BEIAN_PROVIDERS_ACCOUNTS_0_NAME", "阿里云",
        "BEIAN_PROVIDERS_ACCOUNTS_0_APIKEYSHA256", "c175b3e057a988ff3bbc48ce12231ee052e5dd1817fb653e78de92a436522b67",
        "BEIAN_PROVIDERS_ACCOUNTS_1_ID", "tencent",
        "BEIAN_PROVIDERS_ACCOUNTS_1_NAME", "腾讯云",
        "BEIAN_PROVIDERS_ACCOUNTS_1_APIKEYSHA256", "B2ABE727A492D2DEBEAEAD28064E2BF146D79FD7AAAE67A157CFED4CF2592465"));

    // when bound
    ProviderProperties providers = environment.bind("beian.providers", ProviderProperties.class).get();

    // then both are known, by the SHA-256 of their keys
    assertThat(providers.accounts()).extracting(ProviderProperties.Provider::id).containsExactly("aliyun", "tencent");
    assertThat(new ProviderApiKeys(providers).authenticate("demo-provider-a-key")).hasValueSatisfying(
        p -> assertThat(p.id()).isEqualTo("aliyun"));
    assertThat(new ProviderApiKeys(providers).authenticate("demo-provider-b-key")).hasValueSatisfying(
        p -> assertThat(p.id()).isEqualTo("tencent"));
  }

  @Test
  void shouldBindTrustedProxiesAndCallbacksFromTheEnvironment() {
    Binder environment = environment(Map.of(
        "BEIAN_RATELIMITS_TRUSTEDPROXIES", "10.0.0.5,10.0.0.6",
        "BEIAN_CALLBACKS_PROVIDERS_ALIYUN_URL", "https://callbacks.aliyun.example/beian",
        "BEIAN_CALLBACKS_PROVIDERS_ALIYUN_SECRET", "callback-secret"));

    assertThat(environment.bindOrCreate("beian.rate-limits", RateLimitProperties.class).trustedProxies())
        .containsExactly("10.0.0.5", "10.0.0.6");
    assertThat(environment.bindOrCreate("beian.callbacks", CallbackProperties.class).providers().get("aliyun").url())
        .hasToString("https://callbacks.aliyun.example/beian");
  }

  private static Binder environment(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
        "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    return new Binder(ConfigurationPropertySources.get(environment));
  }
}
