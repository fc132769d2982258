package cn.beian.verify.filing;

import cn.beian.verify.kernel.Texts;

/** The same requestNo was submitted before with a different body. */
public class RequestNoConflictException extends RuntimeException {
  public RequestNoConflictException(String requestNo) {
    super(Texts.text("filing.requestNo.conflict", requestNo));
  }
}
