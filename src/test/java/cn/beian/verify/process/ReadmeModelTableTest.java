package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README's table "every element of the models and the code behind it" against the models themselves: a renamed,
 * added or removed element, or a delegate, decision, form or called process the table does not name, fails here
 * with what to change.
 */
class ReadmeModelTableTest {
  private static final Path README = Path.of("README.md");
  private static final Path MODELS = Path.of("processes");
  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  /** what a person sees in Cockpit or the code refers to; event definitions, flows and diagrams are left out */
  private static final Set<String> ELEMENTS = Set.of("startEvent", "endEvent", "boundaryEvent",
      "intermediateCatchEvent", "intermediateThrowEvent", "serviceTask", "userTask", "businessRuleTask", "scriptTask",
      "sendTask", "receiveTask", "manualTask", "task", "callActivity", "subProcess", "exclusiveGateway",
      "parallelGateway", "inclusiveGateway", "eventBasedGateway", "message", "error", "signal", "escalation");
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+_[A-Za-z0-9]+)` \\| ([^|]*) \\|(.*)\\|$");

  private static Map<String, String> rows;
  private static Map<String, List<String>> models;
  private static Map<String, String> names;

  @BeforeAll
  static void read() throws Exception {
    rows = tableRows();
    models = new LinkedHashMap<>();
    names = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(MODELS)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        readModel(file);
      }
    }
  }

  @Test
  void shouldHaveARowForEveryElementOfTheModels() {
    assertThat(models).as("elements read from processes/*.bpmn").hasSizeGreaterThan(40);
    assertThat(models.keySet()).as("elements of processes/*.bpmn without a row in the README's table")
        .isSubsetOf(rows.keySet());
  }

  @Test
  void shouldHaveNoRowForAnElementTheModelsDoNotHave() {
    assertThat(rows.keySet()).as("rows of the README's table naming no element of processes/*.bpmn")
        .isSubsetOf(models.keySet());
  }

  @Test
  void shouldGiveEachElementItsNameInTheModel() {
    names.forEach((id, name) -> assertThat(rows.get(id)).as("the name of %s in the README's table", id)
        .startsWith(name + " |"));
  }

  @Test
  void shouldNameEveryBeanDecisionFormAndProcessAnElementCalls() {
    models.forEach((id, references) -> references.forEach(reference -> assertThat(rows.get(id))
        .as("the README's row of %s names %s", id, reference).contains(reference)));
  }

  /** the rows between the table's markers, by element id: "name | behind it" */
  private static Map<String, String> tableRows() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf("<!-- bpmn-elements:start -->");
    int end = readme.indexOf("<!-- bpmn-elements:end -->");
    assertThat(start).as("the README's element table markers").isNotNegative().isLessThan(end);
    Map<String, String> byId = new LinkedHashMap<>();
    for (String line : readme.substring(start, end).split("\n")) {
      Matcher row = ROW.matcher(line.strip());
      if (row.matches()) {
        assertThat(byId.put(row.group(1), row.group(2).strip() + " |" + row.group(3))).as("rows of %s", row.group(1))
            .isNull();
      }
    }
    return byId;
  }

  private static void readModel(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document model = factory.newDocumentBuilder().parse(file.toFile());
    NodeList all = model.getElementsByTagNameNS(BPMN, "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      if (!ELEMENTS.contains(element.getLocalName()) || element.getAttribute("id").isEmpty()) {
        continue;
      }
      String id = element.getAttribute("id");
      models.put(id, references(element));
      if (element.hasAttribute("name")) {
        names.put(id, element.getAttribute("name"));
      }
    }
  }

  /** what the element calls by name: its delegate and its listeners', decision, form and called process */
  private static List<String> references(Element element) {
    List<String> references = new ArrayList<>();
    for (String attribute : List.of("delegateExpression", "decisionRef", "formRef")) {
      if (element.hasAttributeNS(CAMUNDA, attribute)) {
        references.add(element.getAttributeNS(CAMUNDA, attribute));
      }
    }
    if (element.hasAttribute("calledElement")) {
      references.add(element.getAttribute("calledElement"));
    }
    for (String listener : List.of("taskListener", "executionListener")) {
      NodeList listeners = element.getElementsByTagNameNS(CAMUNDA, listener);
      for (int i = 0; i < listeners.getLength(); i++) {
        Element l = (Element) listeners.item(i);
        // only the element's own listeners, not those of elements nested in a subprocess
        if (l.getParentNode().getParentNode() == element && l.hasAttribute("delegateExpression")
            && !references.contains(l.getAttribute("delegateExpression"))) {
          references.add(l.getAttribute("delegateExpression"));
        }
      }
    }
    return references;
  }
}
