package cn.beian.verify.verification.api;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.ReturnReason;
import cn.beian.verify.verification.VerifierStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/sms-verifications: every result of docs/rules.md §5 over HTTP, with its effect on the stored request.
 */
class SmsVerificationApiTest extends PublicApiSupport {

  @Test
  void shouldVerifyPartiallyThenCompletelyAndSendTheRequestToReview() throws Exception {
    // given a request with two verifiers
    Person ouyang = person("欧阳娜娜");
    Person li = person("李四");
    String filingId = submitAndSend(ouyang, li);

    // when the first enters the right code and ID suffix
    JsonNode first = check(ouyang.phone(), latestCode(ouyang.phone()), last6(ouyang));

    // then she is verified, the request still waits for the other
    assertThat(first.get("result").asText()).isEqualTo("VERIFIED_PARTIAL");
    assertThat(first.get("message").asText()).isEqualTo("欧**娜的短信核验完成。请等待其他待核验人进行短信核验。");
    assertThat(verifierOf(filingId, ouyang.phone()).status()).isEqualTo(VerifierStatus.VERIFIED);
    assertThat(verifierOf(filingId, ouyang.phone()).verifiedAt()).isNotNull();
    assertThat(verifierOf(filingId, li.phone()).status()).isEqualTo(VerifierStatus.PENDING);

    // when the second verifies too
    JsonNode second = check(li.phone(), latestCode(li.phone()), last6(li));
    runJobs(filingId);

    // then the request is complete and goes to the bureau
    assertThat(second.get("result").asText()).isEqualTo("VERIFIED_COMPLETE");
    assertThat(second.get("message").asText()).isEqualTo("李*的短信核验完成。您的请求已完成全部核验,该请求将提交管局审核。");
    assertThat(verifierOf(filingId, li.phone()).status()).isEqualTo(VerifierStatus.VERIFIED);
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
  }

  @Test
  void shouldAcceptAPhoneWithCountryCodeAndSpacesAndALowerCaseIdSuffix() throws Exception {
    // given
    Person zhang = person("张三");
    String filingId = submitAndSend(zhang, person("李四"));
    String phone = zhang.phone();
    String spaced = "+86 " + phone.substring(0, 3) + " " + phone.substring(3, 7) + " " + phone.substring(7);

    // when
    JsonNode answer = check(spaced, latestCode(phone), last6(zhang).toLowerCase());

    // then
    assertThat(answer.get("result").asText()).isEqualTo("VERIFIED_PARTIAL");
    assertThat(verifierOf(filingId, phone).status()).isEqualTo(VerifierStatus.VERIFIED);
  }

  @Test
  void shouldAnswerAlreadyVerifiedWhenTheSameCodeIsEnteredAgain() throws Exception {
    // given a verified person
    Person zhang = person("张三");
    String filingId = submitAndSend(zhang, person("李四"));
    String code = latestCode(zhang.phone());
    check(zhang.phone(), code, last6(zhang));

    // when
    JsonNode again = check(zhang.phone(), code, last6(zhang));

    // then nothing changes and nothing counts
    assertThat(again.get("result").asText()).isEqualTo("ALREADY_VERIFIED");
    assertThat(again.get("message").asText()).isEqualTo("张*的短信核验已经完成,无需重复提交");
    assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.VERIFIED);
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isZero();
  }

  @Test
  void shouldAnswerWrongInfoAndCountAFailureWhenTheIdSuffixIsWrong() throws Exception {
    // given
    Person zhang = person("张三");
    String filingId = submitAndSend(zhang, person("李四"));
    String wrongSuffix = last6(zhang).equals("000000") ? "000001" : "000000";

    // when
    JsonNode answer = check(zhang.phone(), latestCode(zhang.phone()), wrongSuffix);

    // then
    assertThat(answer.get("result").asText()).isEqualTo("WRONG_INFO");
    assertThat(answer.get("message").asText()).isEqualTo("张*的短信核验失败,请输入正确的信息。");
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(1);
    assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.PENDING);
  }

  @Test
  void shouldAnswerNotFoundAndCountAFailureWhenTheCodeIsWrong() throws Exception {
    // given
    Person zhang = person("张三");
    String filingId = submitAndSend(zhang, person("李四"));

    // when
    JsonNode answer = check(zhang.phone(), wrong(latestCode(zhang.phone())), last6(zhang));

    // then
    assertThat(answer.get("result").asText()).isEqualTo("NOT_FOUND");
    assertThat(answer.get("message").asText()).isEqualTo("该条验证库里找不到记录。");
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(1);
  }

  @Test
  void shouldAnswerNotFoundForAPhoneWithNothingPending() throws Exception {
    // when
    JsonNode answer = check(TestData.phone(), "123456", "12345X");

    // then
    assertThat(answer.get("result").asText()).isEqualTo("NOT_FOUND");
    assertThat(answer.get("message").asText()).isEqualTo("该条验证库里找不到记录。");
  }

  @Test
  void shouldFailTheVerifierAndReturnTheRequestOnTheFifthFailure() throws Exception {
    // given four wrong entries
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(zhang, li);
    String wrongCode = wrong(latestCode(zhang.phone()));
    for (int i = 0; i < 4; i++) {
      assertThat(check(zhang.phone(), wrongCode, last6(zhang)).get("result").asText()).isEqualTo("NOT_FOUND");
    }
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(4);

    // when the fifth is made
    JsonNode fifth = check(zhang.phone(), wrongCode, last6(zhang));
    runJobs(filingId);

    // then the verifier failed and the whole request is returned
    assertThat(fifth.get("result").asText()).isEqualTo("FAILED");
    assertThat(fifth.get("message").asText()).isEqualTo("尊敬的ICP用户:您的短信核验失败,请您重新验证。");
    assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.FAILED);
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(5);
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.RETURNED);
    assertThat(filing(filingId).returnReason()).isEqualTo(ReturnReason.VERIFICATION_FAILED);
    assertThat(check(li.phone(), latestCode(li.phone()), last6(li)).get("result").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void shouldNotReturnAnyRequestForAnOutsiderWhoKnowsOnlyThePhone() throws Exception {
    // given one person pending in three requests (the probe returned 28 such requests)
    Person zhang = person("张三");
    List<String> filingIds = List.of(submitAndSend(zhang, person("李四")),
        submitAndSend(zhang, person("王五")), submitAndSend(zhang, person("赵六")));
    String wrongSuffix = last6(zhang).equals("000000") ? "000001" : "000000";

    // when an outsider makes twice the failure limit of checks with guessed codes and a guessed ID suffix
    for (int i = 0; i < 10; i++) {
      JsonNode answer = check(zhang.phone(), String.format("%06d", 200_000 + i * 7), wrongSuffix);
      assertThat(answer.get("result").asText()).isEqualTo("NOT_FOUND");
      assertThat(answer.has("remainingAttempts")).isFalse();
    }
    filingIds.forEach(this::runJobs);

    // then every request is still verifying and nothing counted against the person
    for (String filingId : filingIds) {
      assertThat(filing(filingId).status()).isEqualTo(FilingStatus.VERIFYING);
      assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isZero();
      assertThat(filings.events(filingId)).noneMatch(e -> e.event().equals("ATTEMPT_FAILED"));
    }
  }
}
