package cn.beian.verify.filing;

import cn.beian.verify.kernel.Texts;

/** The request is no longer open (approved, rejected, returned or withdrawn). */
public class FilingClosedException extends RuntimeException {
  public FilingClosedException(String filingId, FilingStatus status) {
    super(Texts.text("filing.closed", status, filingId));
  }
}
