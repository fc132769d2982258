package cn.beian.verify.testdb;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** A database a test runs the application on: what {@code spring.datasource.*} needs to reach it. */
public record TestDatabase(String url, String username, String password) {

  public boolean isPostgresql() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** plain JDBC on this database, without a node: to look at what nodes wrote, or to prepare what they will find */
  public JdbcTemplate jdbc() {
    SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
    try {
      dataSource.setDriver(java.sql.DriverManager.getDriver(url));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("no JDBC driver for " + url, e);
    }
    dataSource.setUrl(url);
    dataSource.setUsername(username);
    dataSource.setPassword(password);
    return new JdbcTemplate(dataSource);
  }

  /** the {@code spring.datasource} properties of an application node on this database */
  public Map<String, String> properties() {
    return Map.of("spring.datasource.url", url, "spring.datasource.username", username,
        "spring.datasource.password", password);
  }
}
