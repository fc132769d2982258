package cn.beian.verify.kernel;


/** Domains of the keyed hashes, so a phone hash can never be mistaken for a code or ID hash. */
public final class HashDomains {
  public static final String PHONE = "phone";
  public static final String CODE = "code";
  public static final String ID_SUFFIX = "id-suffix";
  public static final String LINK_TOKEN = "link-token";
  public static final String REQUEST = "request";
  /** the rows of the shared request-limit buckets (portal/JdbcBucketStore) */
  public static final String RATE_LIMIT = "rate-limit";

  private HashDomains() {}
}
