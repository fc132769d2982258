package cn.beian.verify.kernel;

import java.util.List;

/** Query parameters that were refused: each names its parameter (answered 400 with {@code errors}). */
public class InvalidQueryException extends RuntimeException {
  private final transient List<FieldError> errors;

  public InvalidQueryException(List<FieldError> errors) {
    super(errors.size() + " invalid query parameter(s)", null, false, false);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
