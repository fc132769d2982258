package cn.beian.verify.sms;

import java.util.Objects;

/** The sender number an SMS to a given phone goes out from (docs/rules.md §7). */
public class SenderNumbers {
  private static final String UNIFIED = "12381";
  private static final String CHINA_TELECOM = "106598051001";
  private static final String CHINA_UNICOM = "10655113";
  private static final String CHINA_MOBILE = "106575000130";

  private final CarrierDirectory carriers;
  private final SenderMode mode;

  public SenderNumbers(CarrierDirectory carriers, SenderMode mode) {
    this.carriers = Objects.requireNonNull(carriers, "carriers");
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /** The carrier's sender in {@link SenderMode#CARRIER} mode; 12381 in unified mode or when the carrier is unknown. */
  public String senderFor(String phone) {
    if (mode == SenderMode.UNIFIED) {
      return UNIFIED;
    }
    return carriers.carrierOf(phone).map(SenderNumbers::carrierSender).orElse(UNIFIED);
  }

  private static String carrierSender(Carrier carrier) {
    return switch (carrier) {
      case CHINA_TELECOM -> CHINA_TELECOM;
      case CHINA_UNICOM -> CHINA_UNICOM;
      case CHINA_MOBILE -> CHINA_MOBILE;
    };
  }
}
