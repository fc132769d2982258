package cn.beian.verify.process;

import cn.beian.verify.filing.FilingService;
import cn.beian.verify.process.FilingProcess.Variables;
import cn.beian.verify.review.ReviewService;
import cn.beian.verify.review.TaskTexts;
import cn.beian.verify.verification.VerificationRoute;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans the FilingProcess versions deployed before the route was decided once (no {@code Gateway_Route}) call,
 * with the meaning they had then. An upgrade deploys a new version, and the requests already running stay on theirs
 * (the engine never moves an instance by itself): under review, in verification, or approved and verifying a new
 * number, they reach these beans for weeks. Their gateways still read {@code filingType},
 * {@code smsVerificationRequired} and {@code verifierCount}; here the same facts give their route. Remove this class
 * once no instance of those versions runs ({@code ACT_RU_EXECUTION} joined with {@code ACT_RE_PROCDEF}: no row of key
 * FilingProcess below the first version with Gateway_Route).
 */
@Configuration
class LegacyFilingDelegates {
  /** written by those versions' ServiceTask_ResolveVerifiers */
  static final ProcessVariable<Integer> VERIFIER_COUNT = ProcessVariable.number("verifierCount");

  /** those versions had no ServiceTask_OpenReview: the request reached its bureau when the task was created */
  @Bean
  TaskListener reviewTaskListener(ReviewService reviews, TaskTexts texts, Clock clock) {
    return task -> {
      reviews.openReview(ReviewDelegates.filingOf(task.getExecution()));
      ReviewDelegates.describe(task, texts, clock);
    };
  }

  /**
   * those versions record the decision and apply it in one step: rejected is closed (and, as now, a phone change's
   * pending verifier with it); approved is closed unless the new number of a phone change is verified next (its
   * verification sets VERIFYING when its window opens)
   */
  @Bean
  JavaDelegate recordReviewDecisionDelegate(ReviewService reviews, FilingService filings) {
    return execution -> {
      ReviewDelegates.record(execution, reviews);
      String filingId = ReviewDelegates.filingOf(execution);
      if (!Variables.APPROVED.get(execution)) {
        reviews.reject(filingId);
      } else if (route(execution) != VerificationRoute.REVIEW_THEN_VERIFY) {
        filings.approve(filingId);
      }
    };
  }

  /** those versions' ServiceTask_ApprovePhoneChange */
  @Bean
  JavaDelegate approvePhoneChangeDelegate(FilingService filings) {
    return execution -> filings.approve(ReviewDelegates.filingOf(execution));
  }

  /** whether the instance runs on one of those versions (their gateways read the verifier count) */
  static boolean beforeTheRoute(DelegateExecution execution) {
    return execution.getBpmnModelInstance().getModelElementById(FilingProcess.Elements.ROUTE) == null;
  }

  /** the route those versions' gateways compute from the facts they read */
  private static VerificationRoute route(DelegateExecution execution) {
    return VerificationRoute.of(Variables.FILING_TYPE.get(execution),
        Variables.SMS_VERIFICATION_REQUIRED.find(execution).orElse(false),
        VERIFIER_COUNT.find(execution).orElse(0));
  }
}
