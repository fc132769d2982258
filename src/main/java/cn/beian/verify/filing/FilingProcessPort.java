package cn.beian.verify.filing;

/** What the filing service asks of the process; implemented over the engine in the process package. */
public interface FilingProcessPort {
  /** starts the filing process with business key = filingId, tenant = province */
  void startFiling(String filingId, String province);

  /** ends an open request's process by its withdrawal event */
  void withdraw(String filingId);
}
