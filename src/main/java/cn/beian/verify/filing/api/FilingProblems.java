package cn.beian.verify.filing.api;

import cn.beian.verify.filing.FieldError;
import cn.beian.verify.filing.FilingClosedException;
import cn.beian.verify.filing.FilingNotFoundException;
import cn.beian.verify.filing.InvalidFilingException;
import cn.beian.verify.filing.RequestNoConflictException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem documents for the access providers' API, in Chinese: what went wrong ({@code title}), what to do
 * ({@code detail}) and, for bad input, each field ({@code errors}).
 */
@RestControllerAdvice(basePackages = "cn.beian.verify.filing.api")
class FilingProblems extends ResponseEntityExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FilingProblems.class);

  /** Chinese titles for the errors Spring MVC itself reports */
  private static final Map<Integer, String> TITLES = Map.of(
      400, "请求有误", 401, "未认证", 404, "备案申请不存在", 405, "不支持的请求方法", 406, "无法提供所要求的响应格式",
      409, "请求冲突", 415, "不支持的内容类型", 500, "服务器内部错误", 503, "服务暂不可用");

  @ExceptionHandler(InvalidFilingException.class)
  ResponseEntity<Object> invalid(InvalidFilingException e) {
    return problem(HttpStatus.BAD_REQUEST, "申请信息有误",
        "备案申请有" + e.errors().size() + "处信息有误,请修改后重新提交。", e.errors());
  }

  @ExceptionHandler(FilingNotFoundException.class)
  ResponseEntity<Object> notFound(FilingNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "备案申请不存在", "找不到该备案申请,或它不属于您。", null);
  }

  @ExceptionHandler(RequestNoConflictException.class)
  ResponseEntity<Object> requestNoConflict(RequestNoConflictException e) {
    return problem(HttpStatus.CONFLICT, "申请编号冲突", e.getMessage() + "。请使用新的申请编号提交新的申请。", null);
  }

  @ExceptionHandler(FilingClosedException.class)
  ResponseEntity<Object> closed(FilingClosedException e) {
    return problem(HttpStatus.CONFLICT, "备案申请已结束", e.getMessage(), null);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    LOG.error("Unexpected error in the access providers' API", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "服务器内部错误", "处理请求时发生意外错误,请稍后重试。", null);
  }

  /** malformed JSON, or a value of the wrong type: named by its JSON path where Jackson knows it */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    Throwable cause = ex.getMostSpecificCause();
    if (cause instanceof JsonParseException parse) {
      var at = parse.getLocation();
      return problem(HttpStatus.BAD_REQUEST, "请求内容有误",
          "请求内容不是有效的JSON(第" + at.getLineNr() + "行第" + at.getColumnNr() + "列附近)。", null);
    }
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      FieldError error = new FieldError(path(mapping.getPath()), expected(mapping));
      return problem(HttpStatus.BAD_REQUEST, "请求内容有误", "字段 " + error.field() + " 的类型不正确。", List.of(error));
    }
    return problem(HttpStatus.BAD_REQUEST, "请求内容有误", "请求内容缺失或不是有效的JSON对象。", null);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return problem(HttpStatus.BAD_REQUEST, "请求有误", "缺少查询参数 " + ex.getParameterName() + "。",
        List.of(new FieldError(ex.getParameterName(), "必填")));
  }

  /** every other error of Spring MVC (405, 415, …): its problem document with a Chinese title */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
      HttpStatusCode statusCode, WebRequest request) {
    ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(statusCode);
    problem.setTitle(TITLES.getOrDefault(statusCode.value(), problem.getTitle()));
    HttpHeaders problemHeaders = new HttpHeaders();
    problemHeaders.addAll(headers);
    problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(problem, problemHeaders, statusCode);
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, List<FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    if (errors != null) {
      problem.setProperty("errors", errors);
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String expected(JsonMappingException e) {
    Class<?> target = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m ? m.getTargetType() : null;
    if (target == null) {
      return "类型不正确";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "应为布尔值 true 或 false";
    }
    if (target == String.class) {
      return "应为字符串";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "应为数组";
    }
    if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
      return "应为数字";
    }
    return "应为JSON对象";
  }
}
