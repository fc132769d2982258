package cn.beian.verify.testdb;

import java.util.Properties;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings the product ships with (application.yaml, no profile), for tests that must run a node as an operator
 * would where the test profile changes them (the SMS poller, the datasource): a change of a shipped value is then
 * tested, not masked by a copy in the test.
 */
public final class ShippedSettings {
  private static final Properties SHIPPED = load();

  private ShippedSettings() {
  }

  /** @throws IllegalStateException when application.yaml does not set it */
  public static String value(String name) {
    String value = SHIPPED.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("application.yaml sets no " + name);
    }
    return value;
  }

  private static Properties load() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    return yaml.getObject();
  }
}
