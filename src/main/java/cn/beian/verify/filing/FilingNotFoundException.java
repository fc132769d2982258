package cn.beian.verify.filing;

import cn.beian.verify.kernel.Texts;

public class FilingNotFoundException extends RuntimeException {
  public FilingNotFoundException(String filingId) {
    super(Texts.text("filing.notFound", filingId));
  }
}
