package cn.beian.verify.verification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.kernel.Names;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CheckResultTest {

  @Test
  void shouldShowVerbatimMessagesOfRulesSection5() {
    // given the masked name of 张三
    String name = Names.mask("张三");
    // when / then every message is the literal text of docs/rules.md §5, ASCII , and : included
    assertThat(CheckResult.VERIFIED_PARTIAL.message(name)).isEqualTo("张*的短信核验完成。请等待其他待核验人进行短信核验。");
    assertThat(CheckResult.VERIFIED_COMPLETE.message(name)).isEqualTo("张*的短信核验完成。您的请求已完成全部核验,该请求将提交管局审核。");
    assertThat(CheckResult.ALREADY_VERIFIED.message(name)).isEqualTo("张*的短信核验已经完成,无需重复提交");
    assertThat(CheckResult.WRONG_INFO.message(name)).isEqualTo("张*的短信核验失败,请输入正确的信息。");
    assertThat(CheckResult.NOT_FOUND.message(name)).isEqualTo("该条验证库里找不到记录。");
    assertThat(CheckResult.FAILED.message(name)).isEqualTo("尊敬的ICP用户:您的短信核验失败,请您重新验证。");
    assertThat(CheckResult.CAPTCHA_FAILED.message(name)).isEqualTo("请完成拼图验证。");
  }

  @Test
  void shouldFillTheMaskedNameOfALongerName() {
    // given the masked name of 欧阳娜娜
    // when / then it appears as XXX in docs/rules.md
    assertThat(CheckResult.WRONG_INFO.message(Names.mask("欧阳娜娜"))).isEqualTo("欧**娜的短信核验失败,请输入正确的信息。");
  }

  @ParameterizedTest
  @EnumSource(CheckResult.class)
  void shouldNeverLeaveAPlaceholder(CheckResult result) {
    // given no name at all
    // when the message is built
    // then no raw placeholder reaches the person
    assertThat(result.message(null)).doesNotContain("{0}").isNotBlank();
  }

  @Test
  void shouldCountOnlyTheTwoVerifiedResultsAsVerified() {
    // given all results
    // when / then exactly the VERIFIED_* ones verify the person
    assertThat(EnumSet.allOf(CheckResult.class).stream().filter(CheckResult::verified))
        .containsExactlyInAnyOrder(CheckResult.VERIFIED_PARTIAL, CheckResult.VERIFIED_COMPLETE);
  }
}
