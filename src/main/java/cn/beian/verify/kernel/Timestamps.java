package cn.beian.verify.kernel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to and from the database's timestamp columns, the same way in every repository. */
public final class Timestamps {
  private Timestamps() {}

  /** instants travel as offset date-times, so neither the JVM's nor the database's zone can shift them */
  public static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** the column's instant; null for SQL NULL */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
