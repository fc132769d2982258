package cn.beian.verify.filing;

import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.kernel.Texts;
import java.util.List;
import java.util.stream.Collectors;

/** A submission with invalid fields: nothing is stored and no process starts. */
public class InvalidFilingException extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidFilingException(List<FieldError> errors) {
    super(Texts.text("filing.invalid") + ": " + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
