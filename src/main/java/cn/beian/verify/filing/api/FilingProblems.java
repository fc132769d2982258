package cn.beian.verify.filing.api;

import cn.beian.verify.filing.FilingClosedException;
import cn.beian.verify.filing.FilingNotFoundException;
import cn.beian.verify.filing.InvalidFilingException;
import cn.beian.verify.filing.RequestNoConflictException;
import cn.beian.verify.kernel.Problems;
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
    return Problems.entity(Problems.invalid("申请信息有误",
        "备案申请有" + e.errors().size() + "处信息有误,请修改后重新提交。", e.errors()));
  }

  @ExceptionHandler(FilingNotFoundException.class)
  ResponseEntity<Object> notFound(FilingNotFoundException e) {
    return Problems.entity(Problems.problem(HttpStatus.NOT_FOUND, "备案申请不存在", "找不到该备案申请,或它不属于您。"));
  }

  @ExceptionHandler(RequestNoConflictException.class)
  ResponseEntity<Object> requestNoConflict(RequestNoConflictException e) {
    return Problems.entity(Problems.problem(HttpStatus.CONFLICT, "申请编号冲突", e.getMessage() + "。请使用新的申请编号提交新的申请。"));
  }

  @ExceptionHandler(FilingClosedException.class)
  ResponseEntity<Object> closed(FilingClosedException e) {
    return Problems.entity(Problems.problem(HttpStatus.CONFLICT, "备案申请已结束", e.getMessage()));
  }
}
