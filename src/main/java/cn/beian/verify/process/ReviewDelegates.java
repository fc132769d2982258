package cn.beian.verify.process;

import cn.beian.verify.process.FilingProcess.Vars;
import cn.beian.verify.review.ReviewService;
import cn.beian.verify.review.TaskTexts;
import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bureau review task and the recording of its decision. */
@Configuration
class ReviewDelegates {

  /**
   * The request is under review. The task carries what the bureau's list needs (request number, type, entity, the
   * review deadline as due date); the form's content is read from the product when the form opens, never stored in
   * the process (TasklistReviewData).
   */
  @Bean
  TaskListener reviewTaskListener(ReviewService reviews, TaskTexts texts, Clock clock) {
    return task -> {
      String filingId = (String) task.getVariable(Vars.FILING_ID);
      reviews.openReview(filingId);
      TaskTexts.TaskText text = texts.reviewTask(filingId, clock.instant());
      task.setName(text.name());
      task.setDescription(text.description());
      task.setDueDate(Date.from(text.due()));
    };
  }

  /**
   * The decision applies to this instance's own request, its business key (docs/http-contract.md §4), never to a {@code filingId}
   * variable a client might have written; {@code approved} counts only as the Boolean the review form declares.
   */
  @Bean
  JavaDelegate recordReviewDecisionDelegate(ReviewService reviews) {
    return execution -> {
      boolean approved = Boolean.TRUE.equals(execution.getVariable(Vars.APPROVED));
      Object comment = execution.getVariable(Vars.REVIEW_COMMENT);
      var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      reviews.recordDecision(execution.getProcessBusinessKey(), approved,
          comment instanceof String text ? text : null, authentication == null ? null : authentication.getUserId());
      execution.setVariable(Vars.APPROVED, approved);
    };
  }
}
