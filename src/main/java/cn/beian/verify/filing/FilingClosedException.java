package cn.beian.verify.filing;

/** The request is no longer open (approved, rejected, returned or withdrawn). */
public class FilingClosedException extends RuntimeException {
  public FilingClosedException(String filingId, FilingStatus status) {
    super("备案申请已结束(" + status + "),不能撤回: " + filingId);
  }
}
