package cn.beian.verify.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PublicAddressTest {

  @Test
  void shouldFollowTheServersPortWhenNoBaseUrlIsConfigured() {
    // given no configured address and --server.port=9090
    PublicAddress address = new PublicAddress(new PortalProperties(""),
        new MockEnvironment().withProperty("server.port", "9090"));

    // then the SMS link points at this server
    assertThat(address.shortLink("abc")).isEqualTo("http://localhost:9090/v/abc");
  }

  @Test
  void shouldPreferAnExplicitlyConfiguredBaseUrl() {
    PublicAddress address = new PublicAddress(new PortalProperties("https://beian.example.cn/"),
        new MockEnvironment().withProperty("server.port", "9090"));

    assertThat(address.shortLink("abc")).isEqualTo("https://beian.example.cn/v/abc");
  }

  @Test
  void shouldRefuseABaseUrlThatIsNoWebAddress() {
    assertThatThrownBy(() -> new PortalProperties("javascript:alert(1)")).hasMessageContaining("beian.portal.base-url");
    assertThatThrownBy(() -> new PortalProperties("https://beian.example.cn/?x=1"))
        .hasMessageContaining("beian.portal.base-url");
  }
}
