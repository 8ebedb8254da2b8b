package dev.berth.reconciler.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.temporal.activity.ActivityInterface;
import io.temporal.workflow.WorkflowInterface;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the README's Layout section states, checked on the compiled main code of every
 * module (the reconciler's test classpath holds them all). Plain JUnit tests, so that Surefire's
 * {@code -Dtest} selects them like any other.
 */
class ArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.berth");
  }

  /**
   * What decides is pure: the model, the plan and the placement core know no Temporal and no Azure.
   */
  @Test
  void decisionsArePure() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.berth.workflows.model..",
            "dev.berth.workflows.plan..",
            "dev.berth.workflows.placement..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.temporal..", "com.azure..", "com.microsoft.azure..")
        .as("model, plan and placement import neither Temporal nor Azure")
        .check(main);
  }

  /** The domain module runs without the Azure SDK; the adapter on it is the aci module. */
  @Test
  void theDomainHasNoAzureSdk() {
    noClasses()
        .that()
        .resideInAPackage("dev.berth.workflows..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.azure..", "com.microsoft.azure..", "dev.berth.aci..")
        .as("the domain module (dev.berth.workflows) has no Azure SDK")
        .check(main);
  }

  /** The commands start no worker and touch no workflow themselves: the runtime does. */
  @Test
  void theCommandsReachWorkflowsThroughTheRuntime() {
    noClasses()
        .that()
        .resideInAPackage("dev.berth.reconciler.cli..")
        .should()
        .dependOnClassesThat(durableMachinery())
        .as("cli reaches workflows only through the runtime")
        .check(main);
  }

  /** The application is the top: the domain, the adapters and the simulator never import it. */
  @Test
  void nothingBelowTheApplicationImportsIt() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.berth.workflows..", "dev.berth.aci..", "dev.berth.simulator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.berth.reconciler..")
        .as("nothing below the application imports it")
        .check(main);
  }

  /** Within the application the commands are the top: nothing else imports them. */
  @Test
  void nothingImportsTheCommands() {
    noClasses()
        .that()
        .resideInAPackage("dev.berth.reconciler..")
        .and()
        .resideOutsideOfPackage("dev.berth.reconciler.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.berth.reconciler.cli..")
        .as("nothing in the application below cli imports cli")
        .check(main);
  }

  /**
   * Temporal's workflow, activity and worker APIs, Berth's workflow and activity interfaces and
   * their implementations, and the registration of them all ({@code BerthWorkflows}).
   */
  private static DescribedPredicate<JavaClass> durableMachinery() {
    return DescribedPredicate.describe(
        "Temporal workflows, activities or workers",
        c ->
            c.getPackageName().startsWith("io.temporal.workflow")
                || c.getPackageName().startsWith("io.temporal.activity")
                || c.getPackageName().startsWith("io.temporal.worker")
                || c.getName().equals("dev.berth.workflows.BerthWorkflows")
                || durable(c)
                || c.getAllRawInterfaces().stream().anyMatch(ArchitectureTest::durable));
  }

  private static boolean durable(JavaClass c) {
    return c.isAnnotatedWith(WorkflowInterface.class) || c.isAnnotatedWith(ActivityInterface.class);
  }
}
