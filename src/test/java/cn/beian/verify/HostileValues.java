package cn.beian.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of what a hostile client sends (jqwik): text with control, format and bidi characters, broken UTF-16,
 * very long values; any JSON value in place of any other; and JSON bodies rendered by hand, so that a field may be
 * repeated, the body padded, truncated or followed by garbage.
 */
public final class HostileValues {
  private HostileValues() {}

  /** a field of a JSON object, its value already JSON text (so that anything, even invalid JSON, can stand there) */
  public record Field(String name, String json) {}

  /** characters that have broken parsers, validators, logs and screens */
  public static Arbitrary<String> nastyPieces() {
    return Arbitraries.of("\u0000", "\u0001", "\u001F", "\u007F", "\u0085", "\u009B", "\n", "\r\n", "\t", "\u2028",
        "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200B", "\u200E",
        "\uFEFF", "\uD800", "\uDC00", "\uD83D\uDE00", "\uD840\uDC00", "\uFFFF", "张", "欧阳", "·", "'", "\"", "\\",
        "<script>", "%00", "%2F", "${x}", "{{x}}", "../", " ", "　", "１３８", "+86", "86", "-", "X", "x", "0", "9");
  }

  /** any text: short or up to a few thousand characters, plain or full of {@link #nastyPieces()} */
  public static Arbitrary<String> hostileText() {
    Arbitrary<String> pieces = nastyPieces().list().ofMaxSize(12).map(l -> String.join("", l));
    Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(40);
    Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(80);
    Arbitrary<String> long_ = Combinators.combine(nastyPieces(), Arbitraries.integers().between(64, 3000))
        .as((piece, times) -> piece.repeat(times));
    return Arbitraries.frequencyOf(Tuple.of(4, pieces), Tuple.of(3, unicode), Tuple.of(2, ascii), Tuple.of(1, long_),
        Tuple.of(2, longText()));
  }

  /** text that looks harmless but is long: a name or a word repeated past what any column holds */
  public static Arbitrary<String> longText() {
    return Combinators.combine(Arbitraries.of("张", "欧阳", "甲乙", "\uD83D\uDE00", "\uD840\uDC00", "a", "示例科技"),
        Arbitraries.integers().between(60, 3000)).as(String::repeat);
  }

  /** a JSON string literal of the text, escaped as a JSON encoder would, lone surrogates as \\u escapes */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** any JSON value as text: strings, numbers, booleans, null, arrays and objects (a few levels deep) */
  public static Arbitrary<String> jsonValues() {
    Arbitrary<String> scalars = Arbitraries.oneOf(
        hostileText().map(HostileValues::quote),
        Arbitraries.longs().map(Object::toString),
        Arbitraries.doubles().map(Object::toString),
        Arbitraries.of("true", "false", "null", "0", "-0", "1e999", "13800138000", "1.5", "\"\"", "[]", "{}"));
    return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
        inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
        Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(6), inner).as((k, v) -> "{" + quote(k) + ":" + v + "}")),
        0, 3);
  }

  /** the object's fields, rendered in order: a name may appear twice */
  public static String object(List<Field> fields) {
    return fields.stream().map(f -> quote(f.name()) + ":" + f.json()).collect(Collectors.joining(",", "{", "}"));
  }

  /** what may happen to a well-formed body on its way from a hostile client */
  public enum Mangling {
    NONE, WHITESPACE_PADDED, TRUNCATED, TRAILING_VALUE, WRAPPED_IN_ARRAY, NOT_JSON, EMPTY
  }

  public static String mangle(String body, Mangling mangling, int amount) {
    return switch (mangling) {
      case NONE -> body;
      case WHITESPACE_PADDED -> body.replaceFirst("\\{", "{" + " ".repeat(amount * 64));
      case TRUNCATED -> body.substring(0, Math.min(body.length(), amount % Math.max(1, body.length())));
      case TRAILING_VALUE -> body + " {}";
      case WRAPPED_IN_ARRAY -> "[" + body + "]";
      case NOT_JSON -> "phone=13800138000&code=123456";
      case EMPTY -> "";
    };
  }

  /** one change to a field list: a value replaced by any JSON value, a field dropped, repeated or an unknown one added */
  public static Arbitrary<UnaryOperator<List<Field>>> fieldChanges() {
    Arbitrary<UnaryOperator<List<Field>>> replace = Combinators
        .combine(Arbitraries.integers().between(0, 100), jsonValues())
        .as((at, value) -> fields -> {
          List<Field> changed = new ArrayList<>(fields);
          if (!changed.isEmpty()) {
            int i = at % changed.size();
            changed.set(i, new Field(changed.get(i).name(), value));
          }
          return changed;
        });
    Arbitrary<UnaryOperator<List<Field>>> drop = Arbitraries.integers().between(0, 100)
        .map(at -> fields -> {
          List<Field> changed = new ArrayList<>(fields);
          if (!changed.isEmpty()) {
            changed.remove(at % changed.size());
          }
          return changed;
        });
    Arbitrary<UnaryOperator<List<Field>>> repeat = Combinators
        .combine(Arbitraries.integers().between(0, 100), jsonValues())
        .as((at, value) -> fields -> {
          List<Field> changed = new ArrayList<>(fields);
          if (!changed.isEmpty()) {
            changed.add(new Field(changed.get(at % changed.size()).name(), value));
          }
          return changed;
        });
    Arbitrary<UnaryOperator<List<Field>>> unknown = Combinators
        .combine(hostileText(), jsonValues())
        .as((name, value) -> fields -> {
          List<Field> changed = new ArrayList<>(fields);
          changed.add(new Field(name, value));
          return changed;
        });
    return Arbitraries.oneOf(replace, drop, repeat, unknown);
  }
}
