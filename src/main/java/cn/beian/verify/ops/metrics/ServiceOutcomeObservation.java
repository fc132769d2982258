package cn.beian.verify.ops.metrics;

import cn.beian.verify.portal.CaptchaVerifier;
import cn.beian.verify.verification.CheckOutcome;
import cn.beian.verify.verification.ResendOutcome;
import cn.beian.verify.verification.VerificationService;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counts what the verification service and the captcha answer, by observing their public methods from outside: the
 * answer of every check (including the ones that leave no trail, such as a phone with nothing pending), of every
 * resend request and of every captchaToken, without a line of counting in the services themselves. The observed
 * methods are resolved when the application starts, so a renamed one stops the start instead of silently counting
 * nothing. The observer wraps the services' transactions: a check is counted once its transaction has committed.
 */
@Component
class ServiceOutcomeObservation extends AbstractBeanFactoryAwareAdvisingPostProcessor {
  private static final Map<Method, String> OBSERVED = Map.of(
      method(VerificationService.class, "check", String.class, String.class, String.class), "public",
      method(VerificationService.class, "checkForVerifier", String.class, String.class, String.class, String.class),
      "tasklist",
      method(VerificationService.class, "requestResend", String.class, String.class), "resend",
      method(CaptchaVerifier.class, "consume", String.class), "captcha");

  ServiceOutcomeObservation(ObjectProvider<BusinessMetrics> metrics) {
    // resolved at the first call: a post-processor's own dependencies would otherwise be created too early
    MethodInterceptor observer = invocation -> observe(invocation, metrics.getObject());
    this.advisor = new DefaultPointcutAdvisor(new StaticMethodMatcherPointcut() {
      @Override
      public boolean matches(Method method, Class<?> targetClass) {
        return observed(method, targetClass) != null;
      }
    }, observer);
    setBeforeExistingAdvisors(true);
    // a class proxy, like every other proxy of the application (beans stay injectable by their class)
    setProxyTargetClass(true);
  }

  private static Object observe(MethodInvocation invocation, BusinessMetrics metrics) throws Throwable {
    String what = observed(invocation.getMethod(), invocation.getThis() == null ? null : invocation.getThis().getClass());
    Object result;
    try {
      result = invocation.proceed();
    } catch (RuntimeException e) {
      if ("public".equals(what) || "tasklist".equals(what)) {
        metrics.checkFailed(what);
      }
      throw e;
    }
    if (result instanceof CheckOutcome outcome) {
      metrics.checked(what, outcome);
    } else if (result instanceof ResendOutcome outcome) {
      metrics.resendRequested(outcome);
    } else if (result instanceof Boolean accepted && "captcha".equals(what)) {
      metrics.captcha(accepted);
    }
    return result;
  }

  /** the observed method {@code method} implements or overrides, by its role; null when it is none of them */
  private static String observed(Method method, Class<?> targetClass) {
    for (Map.Entry<Method, String> entry : OBSERVED.entrySet()) {
      Method observed = entry.getKey();
      if (observed.getName().equals(method.getName())
          && Arrays.equals(observed.getParameterTypes(), method.getParameterTypes())
          && observed.getDeclaringClass().isAssignableFrom(targetClass == null ? method.getDeclaringClass() : targetClass)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static Method method(Class<?> type, String name, Class<?>... parameterTypes) {
    try {
      return type.getMethod(name, parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the metrics observe " + type.getSimpleName() + "." + name + ", which is gone", e);
    }
  }
}
