package cn.beian.verify.config;

import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.kernel.JsonInputErrors.Translation;
import cn.beian.verify.kernel.JsonInputErrors;
import cn.beian.verify.kernel.Problems;
import cn.beian.verify.kernel.Texts;
import cn.beian.verify.kernel.TooManyRequestsException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error Spring MVC meets, on every controller of the product (and on no controller: 404, 405), as a problem
 * document in Chinese. The capabilities' own advice ({@code FilingProblems}, {@code PublicApiProblems}) answers their
 * domain exceptions first; whatever they leave comes here. Refusals are 4xx and logged without a stack trace; only
 * an exception nobody expected is a 500, logged as an ERROR.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final Problems problems;

  public ApiExceptionHandler(Problems problems) {
    this.problems = problems;
  }

  @ExceptionHandler(TooManyRequestsException.class)
  ResponseEntity<Object> tooMany(TooManyRequestsException e) {
    LOG.info("Public endpoint limit reached; retry after {} s", e.retryAfterSeconds());
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problems.tooMany(e));
  }

  /** a multipart body that cannot be parsed, on endpoints that take JSON anyway */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Object> brokenMultipart(MultipartException e) {
    LOG.info("Unreadable multipart request refused: {}", e.getMessage());
    return Problems.entity(problems.of(HttpStatus.BAD_REQUEST, problems.text("problem.detail.multipart")));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    LOG.error("Unexpected error while answering a request", e);
    return Problems.entity(problems.of(HttpStatus.INTERNAL_SERVER_ERROR, problems.text("problem.detail.500")));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    Translation translation = JsonInputErrors.of(ex);
    return Problems.entity(Problems.invalid(problems.text("problem.title.unreadable"), translation.detail(),
        translation.errors()));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = ex.getParameterName();
    return Problems.entity(Problems.invalid(problems.title(HttpStatus.BAD_REQUEST),
        problems.text("problem.detail.missing-parameter", name), List.of(new FieldError(name, Texts.text("input.required")))));
  }

  /** without Spring's WARN line: a client asking with the wrong method is not something for the operator */
  @Override
  protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return handleExceptionInternal(ex, null, headers, status, request);
  }

  /** a query parameter or path segment of the wrong type, named like a body field */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
    return Problems.entity(Problems.invalid(problems.title(HttpStatus.BAD_REQUEST),
        problems.text("problem.detail.parameter-type", name), List.of(new FieldError(name, Texts.text("input.format")))));
  }

  /** every other error of Spring MVC (404, 405, 406, 415, …): its status, with a Chinese title and detail */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
      HttpStatusCode statusCode, WebRequest request) {
    if (statusCode.is5xxServerError()) {
      LOG.error("Error while answering a request", ex);
    } else {
      LOG.debug("Request refused with {}: {}", statusCode.value(), ex.toString());
    }
    HttpHeaders problemHeaders = new HttpHeaders();
    problemHeaders.addAll(headers);
    problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(problems.of(statusCode, detail(ex, statusCode)), problemHeaders, statusCode);
  }

  private String detail(Exception ex, HttpStatusCode status) {
    if (ex instanceof HttpRequestMethodNotSupportedException method) {
      String allowed = method.getSupportedHttpMethods() == null ? ""
          : method.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "));
      return problems.text("problem.detail.method-not-allowed", method.getMethod(), allowed);
    }
    if (ex instanceof HttpMediaTypeNotSupportedException unsupported) {
      String supported = unsupported.getSupportedMediaTypes().stream().map(MediaType::toString).distinct()
          .collect(Collectors.joining(", "));
      return problems.text("problem.detail.unsupported-media-type", supported.isEmpty() ? MediaType.APPLICATION_JSON_VALUE : supported);
    }
    if (ex instanceof HttpMediaTypeNotAcceptableException notAcceptable) {
      String offered = notAcceptable.getSupportedMediaTypes().stream().map(MediaType::toString).distinct()
          .collect(Collectors.joining(", "));
      return problems.text("problem.detail.not-acceptable", offered.isEmpty() ? MediaType.APPLICATION_JSON_VALUE : offered);
    }
    return problems.detail(status);
  }
}
