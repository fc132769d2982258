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
