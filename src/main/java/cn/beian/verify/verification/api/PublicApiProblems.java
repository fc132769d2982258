package cn.beian.verify.verification.api;

import cn.beian.verify.filing.FieldError;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem documents of the public verifier endpoints: malformed input is a 400 naming each field
 * (API.md §2); business outcomes are never problems, they are 200 answers with a result code.
 */
@RestControllerAdvice(basePackages = "cn.beian.verify.verification.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PublicApiProblems {
  static final String BODY = "body";

  @ExceptionHandler(InvalidPublicRequestException.class)
  ResponseEntity<ProblemDetail> invalidInput(InvalidPublicRequestException e) {
    return badRequest(e.errors());
  }

  /** unreadable JSON, or a field of the wrong shape (an object where text is expected) */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      return badRequest(List.of(new FieldError(field, "字段格式不正确,应为文本")));
    }
    return badRequest(List.of(new FieldError(BODY, "请求内容不是有效的JSON")));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "请以 application/json 提交请求内容。");
    problem.setTitle("不支持的请求格式");
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static ResponseEntity<ProblemDetail> badRequest(List<FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "请检查以下信息后重新提交:" + errors.stream().map(FieldError::message).collect(Collectors.joining(";")));
    problem.setTitle("请求信息不正确");
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
