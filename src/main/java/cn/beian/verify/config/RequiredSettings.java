package cn.beian.verify.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Refuses to start, before anything connects anywhere, when a setting the active profiles need is missing or
 * unusable; every message names the environment variable to set.
 *
 * <ul>
 *   <li>Missing: a {@code ${VARIABLE}} without a default in the application's configuration files (e.g.
 *       application-prod.yaml's {@code BEIAN_DB_URL}, {@code BEIAN_PORTAL_BASE_URL}, the keys) that nothing sets,
 *       or sets to blank, while no other source overrides the property. Spring would otherwise keep the literal
 *       {@code ${BEIAN_PORTAL_BASE_URL}} and text it to citizens.</li>
 *   <li>Unusable: the portal base URL must be an absolute http(s) URL (it starts every SMS short link); configured
 *       keys must be base64 of at least 32 bytes (HMAC) and exactly 32 bytes (AES-256).</li>
 * </ul>
 *
 * An {@link EnvironmentPostProcessor} (META-INF/spring.factories), after the configuration files are read.
 */
public class RequiredSettings implements EnvironmentPostProcessor, Ordered {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(:[^}]*)?}");
  static final String PORTAL_BASE_URL = "beian.portal.base-url";
  static final String HMAC_KEY = "beian.secrets.hmac-key";
  static final String DATA_KEY = "beian.secrets.data-key";

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    List<String> problems = new ArrayList<>();
    missing(environment).forEach((property, variable) ->
        problems.add(variable + " is not set (" + property + " needs it)"));
    if (problems.isEmpty()) {
      unusable(environment, problems);
    }
    if (!problems.isEmpty()) {
      throw new StartupCheckException("Beian Verify cannot start:\n  " + String.join("\n  ", problems),
          "Set the environment variables named above (README, \"Production\"), then start again.");
    }
  }

  /** property → variable, for every required variable nothing provides */
  static Map<String, String> missing(ConfigurableEnvironment environment) {
    Map<String, String> missing = new LinkedHashMap<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof OriginTrackedMapPropertySource file)) {
        continue;
      }
      for (String property : file.getPropertyNames()) {
        if (!isWinningSource(environment, property, file)) {
          continue;
        }
        Matcher m = PLACEHOLDER.matcher(String.valueOf(file.getProperty(property)));
        while (m.find()) {
          String variable = m.group(1);
          boolean required = m.group(2) == null;
          String value = environment.getProperty(variable);
          if (required && (value == null || value.isBlank())) {
            missing.putIfAbsent(property, variable);
          }
        }
      }
    }
    return missing;
  }

  /** the first source (highest precedence) that has the property is the one whose value counts */
  private static boolean isWinningSource(ConfigurableEnvironment environment, String property,
      PropertySource<?> candidate) {
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> && source.containsProperty(property)
          && !source.getName().equals("configurationProperties")) {
        return source == candidate;
      }
    }
    return false;
  }

  private static void unusable(ConfigurableEnvironment environment, List<String> problems) {
    String baseUrl = environment.getProperty(PORTAL_BASE_URL);
    // blank: the server's own address (the demo); production requires BEIAN_PORTAL_BASE_URL (a placeholder without default)
    if (baseUrl != null && !baseUrl.isBlank() && !isHttpUrl(baseUrl)) {
      problems.add(variableOf(environment, PORTAL_BASE_URL) + " must be the public page's absolute http(s) address, "
          + "e.g. https://beian.example.cn (" + PORTAL_BASE_URL + ")");
    }
    key(environment, HMAC_KEY, 32, false).ifPresent(problems::add);
    key(environment, DATA_KEY, 32, true).ifPresent(problems::add);
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static Optional<String> key(ConfigurableEnvironment environment, String property, int bytes, boolean exact) {
    String value = environment.getProperty(property);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String expected = "base64 of " + (exact ? "exactly " : "at least ") + bytes + " random bytes "
        + "(openssl rand -base64 32)";
    try {
      int length = Base64.getDecoder().decode(value.trim()).length;
      if (exact ? length == bytes : length >= bytes) {
        return Optional.empty();
      }
      return Optional.of(variableOf(environment, property) + " must be " + expected + ", not " + length + " bytes ("
          + property + ")");
    } catch (IllegalArgumentException e) {
      return Optional.of(variableOf(environment, property) + " must be " + expected + " (" + property + ")");
    }
  }

  /** the environment variable the configuration files take a property from, else the property itself */
  static String variableOf(ConfigurableEnvironment environment, String property) {
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof OriginTrackedMapPropertySource file && file.containsProperty(property)) {
        Matcher m = PLACEHOLDER.matcher(String.valueOf(file.getProperty(property)));
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    return property;
  }
}
