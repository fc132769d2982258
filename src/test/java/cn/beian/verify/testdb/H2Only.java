package cn.beian.verify.testdb;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/** A database test that the PostgreSQL run leaves out, and why. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(TestDatabases.H2_ONLY)
public @interface H2Only {
  /** why it cannot or need not run on PostgreSQL */
  String value();
}
