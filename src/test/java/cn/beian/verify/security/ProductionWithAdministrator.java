package cn.beian.verify.security;

import org.springframework.test.context.TestPropertySource;

/**
 * A production installation without a directory: Camunda's own user table, and the initial administrator from
 * BEIAN_ADMIN_USER / BEIAN_ADMIN_PASSWORD. One context for every test class extending it.
 */
@TestPropertySource(properties = {
    "camunda.bpm.process-engine-name=" + ProductionWithAdministrator.ENGINE,
    "BEIAN_ADMIN_USER=" + ProductionWithAdministrator.ADMIN,
    "BEIAN_ADMIN_PASSWORD=" + ProductionWithAdministrator.ADMIN_PASSWORD})
public abstract class ProductionWithAdministrator extends ProductionContextSupport {
  public static final String ENGINE = "prodAdmin";
  public static final String ADMIN = "ops-admin";
  /** meets Camunda's password policy (prod): 10+ characters, upper, lower, digit, special */
  public static final String ADMIN_PASSWORD = "Test-Only-Admin-1";
}
