package cn.beian.verify.process;

import cn.beian.verify.filing.FilingService;
import cn.beian.verify.process.FilingProcess.Variables;
import cn.beian.verify.review.ReviewService;
import cn.beian.verify.review.TaskTexts;
import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bureau's review: the request reaches the bureau, the reviewer's task, the decision, and what it does. Each acts
 * on this instance's own request, its business key (docs/http-contract.md §4), never on a {@code filingId} a client might have
 * written.
 */
@Configuration
class ReviewDelegates {

  /** the request is under review (UNDER_REVIEW), before the bureau's task exists */
  @Bean
  JavaDelegate openReviewDelegate(ReviewService reviews) {
    return execution -> reviews.openReview(filingOf(execution));
  }

  /**
   * The task carries what the bureau's list needs (request number, type, entity, the review deadline as due date);
   * the form's content is read from the product when the form opens, never stored in the process (TasklistReviewData).
   */
  @Bean
  TaskListener reviewTaskDetailsListener(TaskTexts texts, Clock clock) {
    return task -> describe(task, texts, clock);
  }

  static void describe(DelegateTask task, TaskTexts texts, Clock clock) {
    TaskTexts.TaskText text = texts.reviewTask(filingOf(task.getExecution()), clock.instant());
    task.setName(text.name());
    task.setDescription(text.description());
    task.setDueDate(Date.from(text.due()));
  }

  /** {@code approved} is the Boolean the review form declares (TaskOutputs checked it when the task was completed) */
  @Bean
  JavaDelegate recordReviewDelegate(ReviewService reviews) {
    return execution -> record(execution, reviews);
  }

  static void record(DelegateExecution execution, ReviewService reviews) {
    var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    reviews.recordDecision(filingOf(execution), Variables.APPROVED.get(execution),
        Variables.REVIEW_COMMENT.find(execution).orElse(null),
        authentication == null ? null : authentication.getUserId());
  }

  /** rejected: closed, with a verification that was to follow the approval */
  @Bean
  JavaDelegate rejectFilingDelegate(ReviewService reviews) {
    return execution -> reviews.reject(filingOf(execution));
  }

  /** approved: after the review, or after a phone change's new number verified */
  @Bean
  JavaDelegate approveFilingDelegate(FilingService filings) {
    return execution -> filings.approve(filingOf(execution));
  }

  static String filingOf(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }
}
