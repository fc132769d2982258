package cn.beian.verify.review;

import cn.beian.verify.kernel.Texts;
import cn.beian.verify.security.ProviderProperties;
import org.springframework.stereotype.Component;

/** The readable name of the access provider that submitted a request. */
@Component
public class ProviderNames {
  /** requests entered by hand in the Tasklist start form carry this provider id */
  static final String TASKLIST = "tasklist";

  private final ProviderProperties providers;

  public ProviderNames(ProviderProperties providers) {
    this.providers = providers;
  }

  public String nameOf(String providerId) {
    if (TASKLIST.equals(providerId)) {
      return Texts.text("review.provider.tasklist");
    }
    return providers.accounts().stream().filter(p -> p.id().equals(providerId)).findFirst()
        .map(p -> p.name() == null || p.name().isBlank() ? p.id() : p.name()).orElse(providerId);
  }
}
