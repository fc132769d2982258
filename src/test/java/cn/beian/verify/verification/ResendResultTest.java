package cn.beian.verify.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResendResultTest {

  @Test
  void shouldShowVerbatimMessagesOfRulesSection6() {
    // given the resend results
    // when / then every message is the literal text of docs/rules.md §6, ASCII , and : included
    assertThat(ResendResult.RESENT.message()).isEqualTo("尊敬的ICP用户:您的短信验证码已重发成功,请查看手机并尽快完成短信核验。");
    assertThat(ResendResult.NOTHING_PENDING.message()).isEqualTo("尊敬的ICP用户:您暂无待短信核验的备案申请,无需重发短信。");
    assertThat(ResendResult.NOT_FOUND.message()).isEqualTo("尊敬的ICP用户:该条验证库里找不到记录。");
    assertThat(ResendResult.RESEND_LIMIT.message()).isEqualTo("短信重发次数已达上限。");
  }

  @Test
  void shouldDifferFromTheCheckNotFoundMessage() {
    // given the two NOT_FOUND results
    // when / then the resend one carries the salutation, the check one does not
    assertThat(ResendResult.NOT_FOUND.message()).isNotEqualTo(CheckResult.NOT_FOUND.message(null));
  }
}
