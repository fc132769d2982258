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

  /** {@code approved} arrives as a Boolean from REST and may arrive as a string from a form */
  @Bean
  JavaDelegate recordReviewDecisionDelegate(ReviewService reviews) {
    return execution -> {
      Object approvedValue = execution.getVariable(Vars.APPROVED);
      boolean approved = approvedValue instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(approvedValue));
      Object comment = execution.getVariable(Vars.REVIEW_COMMENT);
      String reviewer = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null
          ? null : execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
      reviews.recordDecision((String) execution.getVariable(Vars.FILING_ID), approved,
          comment == null ? null : comment.toString(), reviewer);
      execution.setVariable(Vars.APPROVED, approved);
    };
  }
}
