package cn.beian.verify.bench;

import cn.beian.verify.testdb.TestDatabase;
import cn.beian.verify.testdb.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The database a benchmark start runs on ({@code -Dbench.db}): a fresh H2 file under target/bench with application.yaml's
 * URL and all its settings, or a fresh database on the test suite's throwaway PostgreSQL (started by this JVM on first
 * use, exactly as for {@code ./mvnw verify}: {@link TestDatabases#freshPostgresql}), owned by a role that is no
 * superuser, as in production.
 */
enum BenchDatabase {
  H2("H2"),
  POSTGRES("PostgreSQL");

  final String label;

  BenchDatabase(String label) {
    this.label = label;
  }

  /** {@code h2}, {@code postgres} (or {@code postgresql}, {@code pg}), or a comma-separated list of them */
  static List<BenchDatabase> parse(String value) {
    List<BenchDatabase> kinds = new ArrayList<>();
    for (String s : value.split(",")) {
      BenchDatabase kind = switch (s.trim().toLowerCase()) {
        case "h2" -> H2;
        case "postgres", "postgresql", "pg" -> POSTGRES;
        default -> throw new IllegalArgumentException("-Dbench.db=" + value + ": h2, postgres or h2,postgres");
      };
      if (!kinds.contains(kind)) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  /** the {@code spring.datasource.*} properties of a new, empty database for one benchmark start */
  Map<String, String> fresh(String name, Path dir) {
    Map<String, String> props = new LinkedHashMap<>();
    if (this == H2) {
      props.put("spring.datasource.url", shippedH2Url(dir.resolve("beian")));
    } else {
      TestDatabase db = TestDatabases.freshPostgresql("bench_" + name);
      props.putAll(db.properties());
    }
    return props;
  }

  /** application.yaml's H2 URL with all its settings, only the file moved from ./data to the benchmark's directory */
  static String shippedH2Url(Path file) {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    String url = yaml.getObject().getProperty("spring.datasource.url");
    String shippedFile = "jdbc:h2:file:./data/beian;";
    if (url == null || !url.startsWith(shippedFile)) {
      throw new IllegalStateException("application.yaml's datasource URL is not " + shippedFile + "...: " + url);
    }
    return "jdbc:h2:file:" + file + url.substring(shippedFile.length() - 1);
  }
}
