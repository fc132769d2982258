package cn.beian.verify.filing.api;

import cn.beian.verify.filing.FilingClosedException;
import cn.beian.verify.filing.FilingNotFoundException;
import cn.beian.verify.filing.InvalidFilingException;
import cn.beian.verify.filing.RequestNoConflictException;
import cn.beian.verify.kernel.Problems;
import cn.beian.verify.kernel.Texts;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The access providers' API's own refusals, in Chinese: what went wrong ({@code title}), what to do ({@code detail})
 * and, for bad input, each field ({@code errors}). Spring MVC's errors (unreadable JSON, 405, 415, …) are answered
 * the same way on every endpoint by {@code ApiExceptionHandler}.
 */
@RestControllerAdvice(basePackages = "cn.beian.verify.filing.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
class FilingProblems {
  @ExceptionHandler(InvalidFilingException.class)
  ResponseEntity<Object> invalid(InvalidFilingException e) {
    return Problems.entity(Problems.invalid(Texts.text("filing.problem.invalid.title"),
        Texts.text("filing.problem.invalid.detail", e.errors().size()), e.errors()));
  }

  @ExceptionHandler(FilingNotFoundException.class)
  ResponseEntity<Object> notFound(FilingNotFoundException e) {
    return Problems.entity(Problems.problem(HttpStatus.NOT_FOUND, Texts.text("filing.problem.notFound.title"),
        Texts.text("filing.problem.notFound.detail")));
  }

  @ExceptionHandler(RequestNoConflictException.class)
  ResponseEntity<Object> requestNoConflict(RequestNoConflictException e) {
    return Problems.entity(Problems.problem(HttpStatus.CONFLICT, Texts.text("filing.problem.requestNo.title"),
        Texts.text("filing.problem.requestNo.detail", e.getMessage())));
  }

  @ExceptionHandler(FilingClosedException.class)
  ResponseEntity<Object> closed(FilingClosedException e) {
    return Problems.entity(Problems.problem(HttpStatus.CONFLICT, Texts.text("filing.problem.closed.title"),
        e.getMessage()));
  }
}
