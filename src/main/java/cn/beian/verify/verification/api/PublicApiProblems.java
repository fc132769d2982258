package cn.beian.verify.verification.api;

import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.kernel.JsonInputErrors;
import cn.beian.verify.kernel.Problems;
import cn.beian.verify.kernel.Texts;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Bad input on the public verifier endpoints: a 400 problem naming each field, worded for the citizen on the page
 * (docs/http-contract.md §2), who reads the {@code errors}' messages. Business outcomes are never problems, they are
 * 200 answers with a result code; every other error is the product's common problem document
 * ({@code ApiExceptionHandler}).
 */
@RestControllerAdvice(basePackages = "cn.beian.verify.verification.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PublicApiProblems {
  @ExceptionHandler(InvalidPublicRequestException.class)
  ResponseEntity<Object> invalidInput(InvalidPublicRequestException e) {
    return badRequest(e.errors());
  }

  /** unreadable JSON, a field of the wrong type, an unknown or repeated field: named as everywhere else */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
    return badRequest(JsonInputErrors.of(e).errors());
  }

  private static ResponseEntity<Object> badRequest(List<FieldError> errors) {
    return Problems.entity(Problems.invalid(Texts.text("input.invalid.title"), Texts.text("input.invalid.detail",
        errors.stream().map(FieldError::message).collect(Collectors.joining(";"))), errors));
  }
}
