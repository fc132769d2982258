package cn.beian.verify.process;

import cn.beian.verify.review.ReviewService;
import cn.beian.verify.review.ReviewView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The content of the bureau's review form (forms/ReviewFilingForm.form), without a process variable. Tasklist reads a
 * task's form data from {@code GET <app>/api/engine/engine/<engine>/task/<id>/form-variables}; for a review task
 * whose variables the engine has just let the logged-in user read, this filter adds a {@code review} variable of type
 * Json built from the product's tables for that user ({@link ReviewService#view}): persons in clear for a member of
 * the group the task is offered to (the request's bureau, docs/rules.md §9), masked for anyone else (an administrator).
 * The value exists only in this response (never cached): it never enters the process, its variables or its history, and
 * Tasklist does not send it back (the form has no input bound to it).
 */
@Configuration
class TasklistReviewData {
  static final String VARIABLE = "review";

  @Bean
  FilterRegistrationBean<Filter> tasklistReviewDataFilter(ProcessEngine engine, ReviewService reviews,
      CamundaBpmProperties camunda, ObjectMapper json) {
    String app = camunda.getWebapp().getApplicationPath();
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(engine, reviews, app, json));
    registration.setName("tasklist-review-data");
    registration.addUrlPatterns(app + "/api/engine/*");
    return registration;
  }

  static final class Filter extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(TasklistReviewData.class);

    private final ProcessEngine engine;
    private final ReviewService reviews;
    private final Pattern formVariables;
    private final ObjectMapper json;

    Filter(ProcessEngine engine, ReviewService reviews, String applicationPath, ObjectMapper json) {
      this.engine = engine;
      this.reviews = reviews;
      this.formVariables = Pattern.compile(Pattern.quote(applicationPath)
          + "/api/engine/engine/([^/]+)/task/([^/]+)/form-variables/?");
      this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return !"GET".equals(request.getMethod())
          || !formVariables.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Matcher path = formVariables.matcher(request.getRequestURI().substring(request.getContextPath().length()));
      if (!path.matches()) {
        chain.doFilter(request, response);
        return;
      }
      ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
      chain.doFilter(request, wrapped);
      try {
        // only what the engine let this user read (200) is completed; refusals pass unchanged
        if (wrapped.getStatus() == HttpServletResponse.SC_OK && engine.getName().equals(path.group(1))) {
          byte[] completed = complete(request.getSession(false), path.group(2), wrapped.getContentAsByteArray());
          if (completed != null) {
            wrapped.resetBuffer();
            wrapped.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            wrapped.setContentType(MediaType.APPLICATION_JSON_VALUE);
            wrapped.getOutputStream().write(completed);
          }
        }
      } catch (RuntimeException e) {
        // the form then opens without its tables and says so; the variables the engine answered stay as they were
        LOG.warn("Review form data for task {} not added: {}", path.group(2), e.toString());
      } finally {
        wrapped.copyBodyToResponse();
      }
    }

    /** the engine's answer with the review added, or null when the task is no review task of this user */
    private byte[] complete(HttpSession session, String taskId, byte[] answer) throws IOException {
      String userId = userOf(session);
      if (userId == null) {
        return null;
      }
      // the look-ups below are the product's own, made after the engine authorized the user's read
      IdentityService identities = engine.getIdentityService();
      org.camunda.bpm.engine.impl.identity.Authentication current = identities.getCurrentAuthentication();
      identities.clearAuthentication();
      try {
        return complete(userId, taskId, answer);
      } finally {
        if (current != null) {
          identities.setAuthentication(current);
        }
      }
    }

    private byte[] complete(String userId, String taskId, byte[] answer) throws IOException {
      Task task = engine.getTaskService().createTaskQuery().taskId(taskId)
          .taskDefinitionKey(FilingProcess.Elements.REVIEW_FILING).singleResult();
      if (task == null) {
        return null;
      }
      ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceId(task.getProcessInstanceId()).singleResult();
      if (instance == null || instance.getBusinessKey() == null) {
        return null;
      }
      boolean unmasked = isOfferedTo(userId, taskId);
      ReviewView view = reviews.view(instance.getBusinessKey(), unmasked);
      LOG.info("Review of filing {} opened by {} ({})", instance.getBusinessKey(), userId,
          unmasked ? "personal data in clear" : "masked");
      JsonNode variables = json.readTree(answer);
      if (!(variables instanceof ObjectNode object)) {
        return null;
      }
      ObjectNode review = object.putObject(VARIABLE);
      review.put("type", "Json");
      review.put("value", json.writeValueAsString(view));
      review.putObject("valueInfo");
      return json.writeValueAsBytes(object);
    }

    private String userOf(HttpSession session) {
      Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
      Authentication user = authentications == null ? null
          : authentications.getAuthenticationForProcessEngine(engine.getName());
      return user == null ? null : user.getIdentityId();
    }

    /** whether the user is, now, a member of a group the task is offered to: the request's bureau */
    private boolean isOfferedTo(String userId, String taskId) {
      for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(taskId)) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null
            && engine.getIdentityService().createGroupQuery().groupMember(userId).groupId(link.getGroupId()).count() > 0) {
          return true;
        }
      }
      return false;
    }
  }
}
