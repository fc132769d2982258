package cn.beian.verify.filing;

/** The same requestNo was submitted before with a different body. */
public class RequestNoConflictException extends RuntimeException {
  public RequestNoConflictException(String requestNo) {
    super("申请编号 " + requestNo + " 已被使用,且申请内容不同");
  }
}
