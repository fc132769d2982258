package cn.beian.verify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SmsTextsTest {
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final Instant DEADLINE = Instant.parse("2026-11-23T07:04:00Z");
  private static final String LINK = "https://beian.example.cn/v/k3Jx9Qa";

  @Test
  void shouldNamePurposeCodeWindowAndLink() {
    // given a code, the 24 h window and its deadline
    // when the SMS text is built
    String text = SmsTexts.verificationCode("123456", Duration.ofHours(24), DEADLINE, BEIJING, LINK);
    // then it reads as the verification SMS with the Beijing deadline
    assertThat(text).isEqualTo("【ICP备案】您的备案短信核验验证码为123456，24小时内有效（截至2026-11-23 15:04 北京时间）。"
        + "请打开 https://beian.example.cn/v/k3Jx9Qa 完成短信核验，验证码请勿告知他人。");
  }

  @Test
  void shouldContainTheCodeExactlyOnceAndNoPhoneNumber() {
    // given a code with a leading zero
    // when the SMS text is built
    String text = SmsTexts.verificationCode("012345", Duration.ofHours(48), DEADLINE, BEIJING, LINK);
    // then the code appears once, the link is there, and no 11-digit number is in it
    assertThat(text.split("012345", -1)).hasSize(2);
    assertThat(text).contains(LINK).contains("48小时内有效");
    assertThat(Pattern.compile("1[3-9]\\d{9}").matcher(text).find()).isFalse();
  }

  @Test
  void shouldExpressShortWindowsInMinutesOrSeconds() {
    // given windows below an hour, and one not a whole number of hours
    // when / then they are written in the largest whole unit
    assertThat(SmsTexts.verificationCode("123456", Duration.ofMinutes(30), DEADLINE, BEIJING, LINK)).contains("30分钟内有效");
    assertThat(SmsTexts.verificationCode("123456", Duration.ofMinutes(90), DEADLINE, BEIJING, LINK)).contains("90分钟内有效");
    assertThat(SmsTexts.verificationCode("123456", Duration.ofSeconds(20), DEADLINE, BEIJING, LINK)).contains("20秒内有效");
  }

  @Test
  void shouldNameTheZoneWhenNotBeijing() {
    // given an operator zone other than Asia/Shanghai
    // when / then the deadline is written in that zone with its name
    assertThat(SmsTexts.verificationCode("123456", Duration.ofHours(24), DEADLINE, ZoneId.of("UTC"), LINK))
        .contains("截至2026-11-23 07:04 UTC");
  }

  @Test
  void shouldRefuseAMalformedCodeOrALinkCarryingTheCode() {
    // given a 5-digit code, and a link that would leak the code
    // when / then the text is not built
    assertThatThrownBy(() -> SmsTexts.verificationCode("12345", Duration.ofHours(24), DEADLINE, BEIJING, LINK))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmsTexts.verificationCode("123456", Duration.ofHours(24), DEADLINE, BEIJING, "https://x.cn/v/123456"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldMaskTheCodeForLogging() {
    // given a built SMS text
    String text = SmsTexts.verificationCode("654321", Duration.ofHours(24), DEADLINE, BEIJING, LINK);
    // when it is masked for a log line
    String masked = SmsTexts.maskCodes(text);
    // then the code is gone, everything else stays
    assertThat(masked).doesNotContain("654321").contains("验证码为******，").contains("2026-11-23 15:04").contains(LINK);
  }

  @Test
  void shouldMaskEverySixDigitRunButNotLongerNumbers() {
    // given a text with two codes and a sender number
    // when / then both codes are masked and the 12-digit sender is left alone
    assertThat(SmsTexts.maskCodes("旧码111111 新码222222 from 106598051001"))
        .isEqualTo("旧码****** 新码****** from 106598051001");
    assertThat(SmsTexts.maskCodes(null)).isNull();
  }

  @Test
  void shouldMaskTheShortLinksTokenAsWellAsTheCodeForALogLine() {
    // given a built SMS text, whose short link opens the page with the phone filled in
    String text = SmsTexts.verificationCode("654321", Duration.ofHours(24), DEADLINE, BEIJING,
        "https://beian.example.cn/v/AbCd-Ef_01234");
    // when it is made fit for a log line
    String logged = SmsTexts.forLog(text);
    // then neither the code nor the token is left, and the rest still says what was sent
    assertThat(logged).doesNotContain("654321").doesNotContain("AbCd-Ef_01234")
        .contains("验证码为******，").contains("https://beian.example.cn/v/*** 完成短信核验");
    assertThat(SmsTexts.forLog(null)).isNull();
  }
}
