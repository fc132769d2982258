package cn.beian.verify.process;

import cn.beian.verify.process.FilingProcess.Vars;
import cn.beian.verify.review.ReviewService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bureau review task and the recording of its decision. */
@Configuration
class ReviewDelegates {

  /** the request is under review; its masked trail is shown in the review form as a task-local variable */
  @Bean
  TaskListener reviewTaskListener(ReviewService reviews) {
    return task -> {
      String filingId = (String) task.getVariable(Vars.FILING_ID);
      reviews.openReview(filingId);
      task.setVariableLocal(Vars.REVIEW_SUMMARY, reviews.summary(filingId));
    };
  }

  /**
   * The decision applies to this instance's own request, its business key (API.md §4), never to a {@code filingId}
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
