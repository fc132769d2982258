package cn.beian.verify.verification.api;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.beian.verify.kernel.Problems;
import cn.beian.verify.portal.CaptchaVerifier;
import cn.beian.verify.portal.PhoneLimits;
import cn.beian.verify.verification.VerificationProperties;
import cn.beian.verify.verification.VerificationService;
import cn.beian.verify.verification.VerifierRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With the captcha on (the default) and a token no puzzle was solved for, every request is refused before the rules see it:
 * nothing is checked, counted or resent. The shared HTTP context runs with the captcha off, hence this slice.
 */
@WebMvcTest(PublicVerificationController.class)
@Import({CaptchaRequiredTest.CaptchaOn.class, Problems.class})
class CaptchaRequiredTest {

  @TestConfiguration
  static class CaptchaOn {
    @Bean
    CaptchaVerifier captchaVerifier() {
      // a token no puzzle was solved for: refused, as PuzzleCaptchaVerifier refuses every unknown token
      return captchaToken -> false;
    }

    @Bean
    VerificationProperties verificationProperties() {
      return new VerificationProperties(java.time.Duration.ofHours(24), 3, 5, 2, java.time.LocalTime.NOON,
          java.time.ZoneId.of("Asia/Shanghai"));
    }
  }

  @Autowired MockMvc mvc;
  @MockitoBean VerificationService verifications;
  @MockitoBean VerifierRepository verifiers;
  @MockitoBean PhoneLimits phoneLimits;

  @Test
  void shouldRefuseACheckWithoutCountingIt() throws Exception {
    // when
    mvc.perform(post("/api/v1/sms-verifications").contentType(MediaType.APPLICATION_JSON)
            .content("{\"phone\":\"13800138000\",\"code\":\"123456\",\"idLast6\":\"07123X\",\"captchaToken\":\"forged\"}"))
        // then
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.result").value("CAPTCHA_FAILED"))
        .andExpect(jsonPath("$.message").value("请完成拼图验证。"));
    verifyNoInteractions(verifications);
  }

  @Test
  void shouldRefuseACheckWithoutAToken() throws Exception {
    mvc.perform(post("/api/v1/sms-verifications").contentType(MediaType.APPLICATION_JSON)
            .content("{\"phone\":\"13800138000\",\"code\":\"123456\",\"idLast6\":\"07123X\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.result").value("CAPTCHA_FAILED"));
    verifyNoInteractions(verifications);
  }

  @Test
  void shouldRefuseAResendWithoutSendingAnything() throws Exception {
    mvc.perform(post("/api/v1/sms-resends").contentType(MediaType.APPLICATION_JSON)
            .content("{\"phone\":\"13800138000\",\"idLast6\":\"07123X\",\"captchaToken\":\"forged\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.result").value("CAPTCHA_FAILED"))
        .andExpect(jsonPath("$.message").value("请完成拼图验证。"));
    verifyNoInteractions(verifications);
  }

  @Test
  void shouldStillNameMalformedFieldsBeforeTheCaptcha() throws Exception {
    // a typo is reported first, so a solved puzzle is not spent on input that cannot be checked
    mvc.perform(post("/api/v1/sms-verifications").contentType(MediaType.APPLICATION_JSON)
            .content("{\"phone\":\"13800138000\",\"code\":\"12345\",\"idLast6\":\"07123X\",\"captchaToken\":\"t\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("code"));
    verifyNoInteractions(verifications);
  }
}
