package cn.beian.verify.testdb;

import java.util.Map;

/** A database a test runs the application on: what {@code spring.datasource.*} needs to reach it. */
public record TestDatabase(String url, String username, String password) {

  public boolean isPostgresql() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** the {@code spring.datasource} properties of an application node on this database */
  public Map<String, String> properties() {
    return Map.of("spring.datasource.url", url, "spring.datasource.username", username,
        "spring.datasource.password", password);
  }
}
