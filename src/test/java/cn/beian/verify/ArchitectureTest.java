package cn.beian.verify;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the house style, on the product's compiled classes: capabilities depend on each other in one
 * direction only, the shared kernel on none of them, and Camunda is known only to the process adapter
 * ({@code process} and its sub-packages), which nothing else depends on. A rule that fails names the classes and
 * the dependency that broke it.
 */
class ArchitectureTest {
  private static final String BASE = "cn.beian.verify";
  private static final String PROCESS = BASE + ".process..";
  private static final String KERNEL = BASE + ".kernel..";
  private static JavaClasses product;

  /** every capability package is one slice: filing.api belongs to filing, process.staff to process */
  static final ArchRule NO_CYCLE_BETWEEN_CAPABILITIES = slices().matching(BASE + ".(*)..")
      .namingSlices("capability $1").should().beFreeOfCycles();

  /** and within a capability, no package and its sub-packages depend on each other both ways either */
  static final ArchRule NO_CYCLE_BETWEEN_PACKAGES = slices().matching(BASE + ".(**)")
      .namingSlices("package $1").should().beFreeOfCycles();

  static final ArchRule CAMUNDA_ONLY_IN_THE_PROCESS_ADAPTER = noClasses().that().resideOutsideOfPackage(PROCESS)
      .should().dependOnClassesThat().resideInAPackage("org.camunda..")
      .because("business code has no Camunda imports; the engine is the process adapter's (STYLE.md)");

  static final ArchRule NOTHING_DEPENDS_ON_THE_PROCESS_ADAPTER = noClasses().that().resideOutsideOfPackage(PROCESS)
      .should().dependOnClassesThat().resideInAPackage(PROCESS)
      .because("the adapter calls the capabilities, which reach the engine only through ports they declare");

  static final ArchRule KERNEL_DEPENDS_ON_NO_CAPABILITY = classes().that().resideInAPackage(KERNEL)
      .should().onlyDependOnClassesThat(resideInAPackage(KERNEL).or(resideOutsideOfPackage(BASE + "..")))
      .because("every capability may use the kernel, so the kernel may use none of them");

  @BeforeAll
  static void importTheProduct() {
    product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
  }

  @Test
  void shouldHaveNoCycleBetweenCapabilityPackages() {
    // given the product's classes; when / then
    NO_CYCLE_BETWEEN_CAPABILITIES.check(product);
  }

  @Test
  void shouldHaveNoCycleBetweenAnyTwoPackages() {
    NO_CYCLE_BETWEEN_PACKAGES.check(product);
  }

  @Test
  void shouldImportCamundaOnlyInTheProcessAdapter() {
    CAMUNDA_ONLY_IN_THE_PROCESS_ADAPTER.check(product);
  }

  @Test
  void shouldKeepTheCapabilitiesIndependentOfTheProcessAdapter() {
    NOTHING_DEPENDS_ON_THE_PROCESS_ADAPTER.check(product);
  }

  @Test
  void shouldKeepTheKernelIndependentOfEveryCapability() {
    KERNEL_DEPENDS_ON_NO_CAPABILITY.check(product);
  }

  @Test
  void shouldFindThePlantedCycleAndCamundaImport() {
    // given two test packages that depend on each other, one of them on Camunda
    JavaClasses planted = new ClassFileImporter().importPackages(BASE + ".archfixture");

    // when the rules judge them
    EvaluationResult cycles = slices().matching(BASE + ".archfixture.(*)..").should().beFreeOfCycles()
        .evaluate(planted);
    EvaluationResult camunda = CAMUNDA_ONLY_IN_THE_PROCESS_ADAPTER.evaluate(planted);

    // then both are violations, naming the classes
    assertThat(cycles.hasViolation()).isTrue();
    assertThat(cycles.getFailureReport().toString()).contains("Left", "Right");
    assertThat(camunda.hasViolation()).isTrue();
    assertThat(camunda.getFailureReport().toString()).contains("Right", "org.camunda.bpm.engine.ProcessEngine");
  }
}
