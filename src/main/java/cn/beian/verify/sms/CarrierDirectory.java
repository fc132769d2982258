package cn.beian.verify.sms;

import cn.beian.verify.kernel.PhoneNumbers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The carrier of a mobile number from its segment (docs/rules.md §7). The segment table is data
 * ({@code sms/carrier-segments.csv}) so new segments need no code change; the longest prefix wins.
 */
public final class CarrierDirectory {
  static final String DEFAULT_RESOURCE = "sms/carrier-segments.csv";
  private static final String HEADER = "prefix,carrier,note";
  private static final Pattern PREFIX = Pattern.compile("1\\d{2,3}");
  private static final int LONGEST_PREFIX = 4;
  private static final int SHORTEST_PREFIX = 3;

  private final Map<String, Carrier> carrierByPrefix;

  private CarrierDirectory(Map<String, Carrier> carrierByPrefix) {
    this.carrierByPrefix = Map.copyOf(carrierByPrefix);
  }

  /** The table shipped with the application. */
  public static CarrierDirectory loadDefault() {
    InputStream in = CarrierDirectory.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE);
    if (in == null) {
      throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a table with the header {@code prefix,carrier,note}; blank lines and lines starting with
   * {@code #} are skipped. A malformed or duplicate row is an {@link IllegalArgumentException}.
   */
  public static CarrierDirectory parse(Reader source) {
    Map<String, Carrier> carrierByPrefix = new HashMap<>();
    BufferedReader reader = new BufferedReader(source);
    try {
      boolean headerSeen = false;
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        // a byte-order mark from a spreadsheet export must not hide the first line
        String trimmed = (lineNumber == 1 ? line.replace("\uFEFF", "") : line).strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        if (!headerSeen) {
          if (!trimmed.equalsIgnoreCase(HEADER)) {
            throw new IllegalArgumentException("carrier segments: expected header '" + HEADER + "', got '" + trimmed + "'");
          }
          headerSeen = true;
          continue;
        }
        addRow(carrierByPrefix, trimmed, lineNumber);
      }
      if (!headerSeen) {
        throw new IllegalArgumentException("carrier segments: empty table");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CarrierDirectory(carrierByPrefix);
  }

  /** The carrier routing this number, by its longest known prefix; empty for unknown segments and non-mobiles. */
  public Optional<Carrier> carrierOf(String phone) {
    return PhoneNumbers.normalize(phone).flatMap(digits -> {
      for (int length = LONGEST_PREFIX; length >= SHORTEST_PREFIX; length--) {
        Carrier carrier = carrierByPrefix.get(digits.substring(0, length));
        if (carrier != null) {
          return Optional.of(carrier);
        }
      }
      return Optional.empty();
    });
  }

  private static void addRow(Map<String, Carrier> carrierByPrefix, String row, int lineNumber) {
    String[] cells = row.split(",", 3);
    if (cells.length < 2) {
      throw new IllegalArgumentException("carrier segments line " + lineNumber + ": expected prefix,carrier,note");
    }
    String prefix = cells[0].strip();
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("carrier segments line " + lineNumber + ": bad prefix '" + prefix + "'");
    }
    Carrier carrier;
    try {
      carrier = Carrier.valueOf(cells[1].strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("carrier segments line " + lineNumber + ": unknown carrier '" + cells[1].strip() + "'", e);
    }
    if (carrierByPrefix.putIfAbsent(prefix, carrier) != null) {
      throw new IllegalArgumentException("carrier segments line " + lineNumber + ": duplicate prefix " + prefix);
    }
  }
}
