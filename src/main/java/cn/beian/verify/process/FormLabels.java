package cn.beian.verify.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The labels of a Camunda Form's fields by key, read from the form file the product deploys ({@code forms/*.form}):
 * an error names a field as the person sees it in Tasklist, and a relabelled form needs no code change.
 */
public final class FormLabels {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Map<String, String>> BY_FORM = new ConcurrentHashMap<>();

  private FormLabels() {}

  /** the label of {@code key} in form {@code formId}; the key itself when the form has no such field */
  public static String of(String formId, String key) {
    return labels(formId).getOrDefault(key, key);
  }

  static Map<String, String> labels(String formId) {
    return BY_FORM.computeIfAbsent(formId, FormLabels::read);
  }

  private static Map<String, String> read(String formId) {
    String resource = "forms/" + formId + ".form";
    try (InputStream in = FormLabels.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("form " + resource + " is not on the classpath");
      }
      Map<String, String> labels = new LinkedHashMap<>();
      collect(JSON.readTree(in), labels);
      return Map.copyOf(labels);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** groups and dynamic lists nest their fields in "components" */
  private static void collect(JsonNode node, Map<String, String> labels) {
    for (JsonNode component : node.path("components")) {
      if (component.hasNonNull("key") && component.hasNonNull("label")) {
        labels.putIfAbsent(component.get("key").asText(), component.get("label").asText());
      }
      collect(component, labels);
    }
  }
}
