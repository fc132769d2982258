package cn.beian.verify.verification.api;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.verification.VerifierStatus;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** POST /api/v1/sms-resends: every result of docs/rules.md §6 over HTTP, with the SMS it sends or not. */
class SmsResendApiTest extends PublicApiSupport {

  @Test
  void shouldSendANewCodeAndKillTheOldOne() throws Exception {
    // given
    Person zhang = person("张三");
    String filingId = submitAndSend(zhang, person("李四"));
    String oldCode = latestCode(zhang.phone());

    // when
    JsonNode answer = resend(zhang.phone(), last6(zhang));
    runJobs(filingId);

    // then a second SMS with a new code arrived, the old code is dead, the new one verifies
    assertThat(answer.get("result").asText()).isEqualTo("RESENT");
    assertThat(answer.get("message").asText()).isEqualTo("尊敬的ICP用户:您的短信验证码已重发成功,请查看手机并尽快完成短信核验。");
    assertThat(inbox(zhang.phone())).hasSize(2);
    String newCode = latestCode(zhang.phone());
    assertThat(newCode).isNotEqualTo(oldCode);
    assertThat(verifierOf(filingId, zhang.phone()).manualResends()).isEqualTo(1);
    assertThat(check(zhang.phone(), oldCode, last6(zhang)).get("result").asText()).isEqualTo("NOT_FOUND");
    assertThat(check(zhang.phone(), newCode, last6(zhang)).get("result").asText()).isEqualTo("VERIFIED_PARTIAL");
    assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.VERIFIED);
  }

  @Test
  void shouldAnswerNothingPendingForAPhoneWithoutVerification() throws Exception {
    // given
    String phone = TestData.phone();

    // when
    JsonNode answer = resend(phone, "12345X");

    // then
    assertThat(answer.get("result").asText()).isEqualTo("NOTHING_PENDING");
    assertThat(answer.get("message").asText()).isEqualTo("尊敬的ICP用户:您暂无待短信核验的备案申请,无需重发短信。");
    assertThat(inbox(phone)).isEmpty();
  }

  @Test
  void shouldAnswerNotFoundWithoutSendingWhenTheIdSuffixIsWrong() throws Exception {
    // given
    Person zhang = person("张三");
    String filingId = submitAndSend(zhang, person("李四"));
    String wrongSuffix = last6(zhang).equals("000000") ? "000001" : "000000";

    // when
    JsonNode answer = resend(zhang.phone(), wrongSuffix);
    runJobs(filingId);

    // then
    assertThat(answer.get("result").asText()).isEqualTo("NOT_FOUND");
    assertThat(answer.get("message").asText()).isEqualTo("尊敬的ICP用户:该条验证库里找不到记录。");
    assertThat(inbox(zhang.phone())).hasSize(1);
    assertThat(verifierOf(filingId, zhang.phone()).manualResends()).isZero();
  }

  @Test
  void shouldRefuseTheThirdManualResend() throws Exception {
    // given two resends
    Person zhang = person("张三");
    String filingId = submitAndSend(zhang, person("李四"));
    for (int i = 0; i < 2; i++) {
      assertThat(resend(zhang.phone(), last6(zhang)).get("result").asText()).isEqualTo("RESENT");
      runJobs(filingId);
    }

    // when a third is asked for
    JsonNode third = resend(zhang.phone(), last6(zhang));
    runJobs(filingId);

    // then
    assertThat(third.get("result").asText()).isEqualTo("RESEND_LIMIT");
    assertThat(third.get("message").asText()).isEqualTo("短信重发次数已达上限。");
    assertThat(inbox(zhang.phone())).hasSize(3);
    assertThat(verifierOf(filingId, zhang.phone()).manualResends()).isEqualTo(2);
  }
}
