package cn.beian.verify.portal;

import cn.beian.verify.kernel.PersonalDataHashes;
import cn.beian.verify.kernel.Problems;
import cn.beian.verify.kernel.TooManyRequestsException;
import java.time.Duration;
import java.util.Optional;

/**
 * The per-phone limits of the public endpoints (docs/http-contract.md §2): a check or a resend request takes a token of
 * its phone's bucket, and a resend request must stay within the SMS limits of the phone. The controller applies them
 * once the body is read and the phone normalised, so every spelling of a number, in a body of any shape or size, counts
 * against the one phone; and before the captcha token is spent or anything is counted.
 */
public class PhoneLimits {
  private final RateLimitProperties properties;
  private final RequestBuckets phones;
  private final SmsSendLimits sms;
  private final PersonalDataHashes hashes;
  private final Problems problems;

  public PhoneLimits(RateLimitProperties properties, RequestBuckets phones, SmsSendLimits sms,
      PersonalDataHashes hashes, Problems problems) {
    this.properties = properties;
    this.phones = phones;
    this.sms = sms;
    this.hashes = hashes;
    this.problems = problems;
  }

  /** @param phone normalised (11 digits) */
  public void admitCheck(String phone) {
    if (properties.enabled()) {
      take(hashes.phone(phone));
    }
  }

  /** @param phone normalised (11 digits) */
  public void admitResend(String phone) {
    if (!properties.enabled()) {
      return;
    }
    String phoneHash = hashes.phone(phone);
    take(phoneHash);
    Optional<Duration> wait = sms.retryAfter(phoneHash);
    if (wait.isPresent()) {
      throw new TooManyRequestsException(problems.text("limits.sms", Integer.toString(properties.smsPerMinute()),
          Integer.toString(properties.smsPerHour()), Integer.toString(properties.smsPerDay())), wait.get());
    }
  }

  // keyed by the phone's keyed hash: no number in clear in any store of buckets
  private void take(String phoneHash) {
    Optional<Duration> wait = phones.tryTake(phoneHash);
    if (wait.isPresent()) {
      throw new TooManyRequestsException(problems.text("limits.phone"), wait.get());
    }
  }
}
