package cn.beian.verify.verification.api;

import cn.beian.verify.kernel.FieldError;
import java.util.List;

/** Malformed input on a public endpoint: answered 400 before anything is checked or counted. */
public class InvalidPublicRequestException extends RuntimeException {
  private final transient List<FieldError> errors;

  public InvalidPublicRequestException(List<FieldError> errors) {
    super("invalid fields: " + errors.stream().map(FieldError::field).toList());
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
