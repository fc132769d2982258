package cn.beian.verify.kernel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The query string of a provider's read endpoint, checked by the product before anything is read: only the
 * endpoint's parameters, each at most once (a repeated parameter is refused, never joined or picked from), each of
 * its type. Every problem is collected and answered at once ({@link #check}), naming its parameter.
 */
public final class QueryParameters {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");

  private final Map<String, List<String>> query;
  private final List<FieldError> errors = new ArrayList<>();

  /** refuses parameters that are not {@code allowed}, and repeated ones */
  public QueryParameters(Map<String, List<String>> query, Collection<String> allowed) {
    this.query = query;
    Set<String> known = Set.copyOf(allowed);
    query.forEach((name, values) -> {
      if (!known.contains(name)) {
        errors.add(new FieldError(name, Texts.text("query.unknown", String.join(", ", allowed))));
      } else if (values.size() > 1) {
        errors.add(new FieldError(name, Texts.text("query.repeated")));
      }
    });
  }

  /** the single value of a parameter; absent when missing, empty or refused */
  public Optional<String> text(String name) {
    List<String> values = query.get(name);
    if (values == null || values.size() != 1 || values.get(0) == null || values.get(0).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(values.get(0));
  }

  /** an integer in [min, max]: digits only ({@code 1e3}, {@code -1}, {@code +5}, {@code 0x10} are refused) */
  public int limit(String name, int min, int max, int byDefault) {
    return present(name).map(value -> {
      if (DIGITS.matcher(value).matches()) {
        int n = Integer.parseInt(value);
        if (n >= min && n <= max) {
          return n;
        }
      }
      errors.add(new FieldError(name, Texts.text("query.limit", min, max)));
      return byDefault;
    }).orElse(byDefault);
  }

  /** an ISO-8601 instant with its offset ({@code Z} or {@code +08:00}) */
  public Optional<Instant> instant(String name) {
    return present(name).flatMap(value -> {
      try {
        return Optional.of(OffsetDateTime.parse(value).toInstant());
      } catch (DateTimeParseException e) {
        errors.add(new FieldError(name, Texts.text("query.instant")));
        return Optional.empty();
      }
    });
  }

  /** one of the given values, exactly as spelt */
  public Optional<String> oneOf(String name, Collection<String> values) {
    return present(name).flatMap(value -> {
      if (values.contains(value)) {
        return Optional.of(value);
      }
      errors.add(new FieldError(name, Texts.text("query.value", String.join(", ", values))));
      return Optional.empty();
    });
  }

  /** a value the caller reads itself ({@code parse} empty when it is not valid: refused with {@code message}) */
  public <T> Optional<T> parsed(String name, Function<String, Optional<T>> parse, String message) {
    return present(name).flatMap(value -> {
      Optional<T> parsed = parse.apply(value);
      if (parsed.isEmpty()) {
        errors.add(new FieldError(name, message));
      }
      return parsed;
    });
  }

  /** a refusal the caller found itself, e.g. two parameters that contradict each other */
  public void refuse(String name, String message) {
    errors.add(new FieldError(name, message));
  }

  /** throws every problem found so far, or returns */
  public void check() {
    if (!errors.isEmpty()) {
      throw new InvalidQueryException(errors);
    }
  }

  /** a parameter given once (an empty value counts as given, and is refused by the readers) */
  private Optional<String> present(String name) {
    List<String> values = query.get(name);
    if (values == null || values.size() != 1) {
      return Optional.empty();
    }
    return Optional.of(values.get(0) == null ? "" : values.get(0));
  }
}
