package cn.beian.verify.filing;

public class FilingNotFoundException extends RuntimeException {
  public FilingNotFoundException(String filingId) {
    super("备案申请不存在: " + filingId);
  }
}
