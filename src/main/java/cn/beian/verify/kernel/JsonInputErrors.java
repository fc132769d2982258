package cn.beian.verify.kernel;

import cn.beian.verify.config.StrictJsonInput;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * What was wrong with a JSON body that could not be read (StrictJsonInput's rules): the field by its JSON path
 * ({@code websites[0].principal.phone}) with what it should be, or {@code body} when the body itself is broken.
 * One translation for every endpoint, so that each names a field the same way.
 */
public final class JsonInputErrors {
  /** the field name used when the body as a whole is at fault */
  public static final String BODY = "body";
  private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '([^']{0,200})'");

  /** @param detail one sentence for the problem's detail; @param errors the fields at fault */
  public record Translation(String detail, List<FieldError> errors) {}

  private JsonInputErrors() {}

  public static Translation of(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown.getPath());
      return one(Texts.text("json.unknown.detail", field), field, Texts.text("json.unknown"));
    }
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = path(mismatch.getPath());
      return one(Texts.text("json.type.detail", field), field, expected(mismatch));
    }
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = path(mapping.getPath());
      return one(Texts.text("json.value.detail", field), field, Texts.text("json.value"));
    }
    if (cause instanceof StreamConstraintsException) {
      return one(Texts.text("json.tooDeep.detail"), BODY, Texts.text("json.invalid"));
    }
    if (cause instanceof JsonParseException parse) {
      Matcher duplicate = DUPLICATE.matcher(String.valueOf(parse.getOriginalMessage()));
      if (duplicate.find()) {
        String field = join(contextPath(parse.getProcessor()), duplicate.group(1));
        return one(Texts.text("json.duplicate.detail", field), field, Texts.text("json.duplicate"));
      }
      var at = parse.getLocation();
      return one(Texts.text("json.syntax.detail", at.getLineNr(), at.getColumnNr()), BODY, Texts.text("json.invalid"));
    }
    // no body at all, a trailing second value, or a body that is not a JSON object
    return one(Texts.text("json.missing.detail"), BODY, Texts.text("json.invalid"));
  }

  private static Translation one(String detail, String field, String message) {
    return new Translation(detail, List.of(new FieldError(field, message)));
  }

  /** a path as the rest of the product names fields: {@code websites[0].principal} */
  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? BODY : path.toString();
  }

  /** where the parser was when it met the duplicate: the enclosing objects and arrays */
  private static String contextPath(Object processor) {
    if (!(processor instanceof JsonParser parser)) {
      return "";
    }
    Deque<String> parts = new ArrayDeque<>();
    // the innermost context is the object holding the duplicate; its parents name where that object sits
    for (JsonStreamContext c = parser.getParsingContext().getParent(); c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }

  private static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  private static final Map<Class<?>, String> EXPECTED = Map.of(
      Boolean.class, "json.expected.boolean", boolean.class, "json.expected.boolean", String.class, "json.expected.string");

  private static String expected(MismatchedInputException e) {
    Class<?> target = e.getTargetType();
    if (target == null) {
      return Texts.text("json.expected.any");
    }
    if (EXPECTED.containsKey(target)) {
      return Texts.text(EXPECTED.get(target));
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return Texts.text("json.expected.array");
    }
    if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
      return Texts.text("json.expected.number");
    }
    if (target.isEnum()) {
      return Texts.text("json.expected.text");
    }
    return Texts.text("json.expected.object");
  }
}
