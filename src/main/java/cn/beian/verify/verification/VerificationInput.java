package cn.beian.verify.verification;

import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.kernel.PhoneNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one parser of what a person types to verify or to ask for a resend, for every surface (the public API, the
 * verification desk's Tasklist form): the format checks with the messages a person reads (code, phone, ID suffix by
 * their API names). Only input that passes them reaches {@link VerificationService}, so a typo never counts as a
 * failed attempt (docs/rules.md §5).
 */
public final class VerificationInput {
  public static final String PHONE = "phone";
  public static final String CODE = "code";
  public static final String ID_LAST6 = "idLast6";

  private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
  private static final Pattern ID_SUFFIX = Pattern.compile("[A-Za-z0-9]{6}");

  /** a check, normalised: phone = 11 digits, code = 6 digits, idLast6 = 6 letters or digits */
  public record Check(String phone, String code, String idLast6) {}

  /** a resend request, normalised */
  public record Resend(String phone, String idLast6) {}

  /** input that does not parse: each field at fault with what a person reads about it */
  public static class InvalidInputException extends RuntimeException {
    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
      super("invalid fields: " + errors.stream().map(FieldError::field).toList());
      this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
      return errors;
    }
  }

  private VerificationInput() {}

  /** @throws InvalidInputException naming every field at fault */
  public static Check check(String phone, String code, String idLast6) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> normalisedPhone = phone(phone, errors);
    String trimmedCode = trimmed(code);
    if (trimmedCode == null) {
      errors.add(error(CODE, "code.missing"));
    } else if (!SIX_DIGITS.matcher(trimmedCode).matches()) {
      errors.add(error(CODE, "code.format"));
    }
    String suffix = idLast6(idLast6, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Check(normalisedPhone.orElseThrow(), trimmedCode, suffix);
  }

  /** @throws InvalidInputException naming every field at fault */
  public static Resend resend(String phone, String idLast6) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> normalisedPhone = phone(phone, errors);
    String suffix = idLast6(idLast6, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Resend(normalisedPhone.orElseThrow(), suffix);
  }

  private static Optional<String> phone(String raw, List<FieldError> errors) {
    if (trimmed(raw) == null) {
      errors.add(error(PHONE, "phone.missing"));
      return Optional.empty();
    }
    Optional<String> phone = PhoneNumbers.normalize(raw);
    if (phone.isEmpty()) {
      errors.add(error(PHONE, "phone.format"));
    }
    return phone;
  }

  private static String idLast6(String raw, List<FieldError> errors) {
    String idLast6 = trimmed(raw);
    if (idLast6 == null) {
      errors.add(error(ID_LAST6, "idLast6.missing"));
    } else if (!ID_SUFFIX.matcher(idLast6).matches()) {
      errors.add(error(ID_LAST6, "idLast6.format"));
    }
    return idLast6;
  }

  private static FieldError error(String field, String key) {
    return new FieldError(field, VerificationMessages.text("input." + key));
  }

  /** surrounding spaces are a copy-paste accident, not a different value; blank counts as missing */
  private static String trimmed(String raw) {
    return raw == null || raw.isBlank() ? null : raw.strip();
  }
}
