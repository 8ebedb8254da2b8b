package dev.berth.reconciler.cli;

import static dev.berth.reconciler.cli.ValidateCommandTest.berth;
import static dev.berth.reconciler.testing.DesiredRepo.stack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.reconciler.cli.ValidateCommandTest.Run;
import dev.berth.reconciler.testing.DesiredRepo;
import dev.berth.simulator.arm.ArmSettings;
import dev.berth.workflows.backend.GroupSpec;
import dev.berth.workflows.model.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

  @TempDir Path tmp;

  private Run plan(DesiredRepo repo, String... more) {
    return ValidateCommandTest.berth(planArgs(repo, more));
  }

  private String[] planArgs(DesiredRepo repo, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "plan";
    args[1] = "--repo=" + repo.dir();
    args[2] = "--cache-dir=" + tmp.resolve("cache");
    args[3] = "--branch=main";
    System.arraycopy(more, 0, args, 4, more.length);
    return args;
  }

  @Test
  void aFirstCommitCreatesEveryGroup() {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      String head = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 2));
      Run run = plan(repo);
      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .contains("at " + head.substring(0, 7) + ", versus nothing")
          .contains("shop                 new       2 to create, 0 to delete; runs 2 group(s)")
          .contains("  + shop-web-0-")
          .contains("1 stack(s): 1 new, 0 changed, 0 removed, 0 unchanged");
    }
  }

  @Test
  void aServiceThatFindsAnotherIsPlannedUnderTheNameItsDiscoveryEnvironmentGives()
      throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit(
          "stacks/shop.yaml",
          """
          apiVersion: berth.dev/v1
          kind: Stack
          metadata: {name: shop}
          spec:
            services:
              - {name: web, image: "nginx:1.25", replicas: 2, ports: [80], dependsOn: [cache]}
              - {name: cache, image: "redis:7.2", ports: [6379]}
          """);
      Run run = plan(repo, "--json");
      assertThat(run.exit()).as(run.err()).isZero();
      JsonNode shop = new ObjectMapper().readTree(run.out()).path("stacks").get(0);
      assertThat(shop.path("create"))
          .extracting(g -> g.path("service").asText() + " " + g.path("image").asText())
          .containsExactly("web nginx:1.25", "web nginx:1.25", "cache redis:7.2");
      assertThat(shop.path("groups")).hasSize(3);
    }
  }

  @Test
  void aSecretReferenceOutsideTheOperatorsPolicyMakesTheHeadInvalid() {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit(
          "stacks/shop.yaml",
          stack("shop", "nginx:1.25", 2) + "      secretEnv: {DB: env:BERTH_GIT_TOKEN}\n");
      Run none = plan(repo, "--allowed-secrets=");
      assertThat(none.exit()).isEqualTo(1);
      assertThat(none.err().lines())
          .containsExactly(
              "stacks/shop.yaml:13:23: spec.services[0].secretEnv.DB: env:BERTH_GIT_TOKEN is not allowed by this Berth's secret policy (allowed: none)");
      Run wide = plan(repo, "--allowed-secrets=env:*");
      assertThat(wide.err()).contains("env:BERTH_GIT_TOKEN is never allowed");
      repo.commit(
          "stacks/shop.yaml",
          stack("shop", "nginx:1.25", 2) + "      secretEnv: {DB: env:APP_DB}\n");
      assertThat(plan(repo, "--allowed-secrets=env:APP_*").exit()).isZero();
    }
  }

  @Test
  void theHeadIsComparedWithItsParent() {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 3));
      repo.commit("stacks/blog.yaml", stack("blog", "ghost:5", 1));
      String parent = repo.commit("stacks/old.yaml", stack("old", "nginx:1", 1));
      repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 1));
      repo.delete("stacks/old.yaml");
      // Two changes since "parent": plan compares with the head's parent only, which is the
      // delete's parent.
      Run run = plan(repo);
      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .contains("old                  removed   0 to create, 1 to delete; runs 0 group(s)")
          .contains("shop                 unchanged in sync; runs 1 group(s)")
          .contains("blog                 unchanged in sync")
          .doesNotContain(parent.substring(0, 7) + " as if");
    }
  }

  @Test
  void scalingDownDeletesTheHighestOrdinals_asJson() throws Exception {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      String parent = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 3));
      String head = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 1));
      Run run = plan(repo, "--json");
      assertThat(run.exit()).isZero();
      JsonNode report = new ObjectMapper().readTree(run.out());
      assertThat(report.get("commit").asText()).isEqualTo(head);
      assertThat(report.get("base").asText()).isEqualTo(parent);
      JsonNode shop = report.get("stacks").get(0);
      assertThat(shop.get("change").asText()).isEqualTo("CHANGED");
      assertThat(shop.get("create")).isEmpty();
      assertThat(shop.get("delete")).hasSize(2);
      assertThat(shop.get("delete").get(0).asText()).startsWith("shop-web-1-");
      assertThat(shop.get("groups")).hasSize(1);
    }
  }

  @Test
  void anInvalidHeadIsExitOneWithItsErrors() {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 2).replace("cpu: 0.5", "cpu: 8"));
      Run run = plan(repo);
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err().lines())
          .containsExactly(
              "stacks/shop.yaml:10:12: spec.services[0].cpu: must be between 0.1 and 4, got 8");
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void usageErrorsAreExitTwo() {
    assertThat(berth("plan").exit()).isEqualTo(2);
    Run missing = berth("plan", "--repo", tmp.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().lines()).hasSize(1);
  }

  @Test
  void aMissingBranchIsOneLine() {
    try (DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("a.yaml", "x: 1\n");
      Run run =
          berth(
              "plan",
              "--repo",
              repo.dir().toString(),
              "--branch",
              "release",
              "--cache-dir",
              tmp.resolve("c").toString());
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err().lines())
          .singleElement()
          .asString()
          .contains("branch 'release' not found");
    }
  }

  @Test
  void withBackendAciTheHeadIsComparedWithTheGroupsArmLists() throws Exception {
    try (LiveBerth live =
            new LiveBerth(ArmSettings.of(LiveBerth.SUBSCRIPTION, LiveBerth.RESOURCE_GROUP));
        DesiredRepo repo = DesiredRepo.init(tmp.resolve("repo"))) {
      repo.commit("fleet.yaml", LiveBerth.fleet(LiveBerth.SUBSCRIPTION, LiveBerth.RESOURCE_GROUP));
      repo.commit("stacks/blog.yaml", stack("blog", "ghost:5", 1));
      String head = repo.commit("stacks/shop.yaml", stack("shop", "nginx:1.25", 2));
      // What runs: shop's replica 0 as the head wants it, replica 1 of an older image, and a stack
      // Git no longer has.
      GroupSpec current =
          live.run("shop", ServiceSpec.basic("web", "nginx:1.25", 2, 0.5, 1, List.of(80)), 0, "1");
      GroupSpec old =
          live.run("shop", ServiceSpec.basic("web", "nginx:1.24", 2, 0.5, 1, List.of(80)), 1, "2");
      GroupSpec orphan =
          live.run("gone", ServiceSpec.basic("api", "api:3", 1, 0.5, 1, List.of(80)), 0, "3");

      Run run = live.berth(planArgs(repo, "--backend", "aci"));

      assertThat(run.err()).isEmpty();
      assertThat(run.exit()).isZero();
      String wanted = current.name().replace("-web-0-", "-web-1-");
      assertThat(run.out())
          .contains(
              "at " + head.substring(0, 7) + ", versus what ARM lists in resource group berth-cli")
          .contains("blog                 new       1 to create, 0 to delete; runs 1 group(s)")
          .contains("gone                 removed   0 to create, 1 to delete; runs 0 group(s)")
          .contains("  - " + orphan.name())
          .contains("shop                 changed   1 to create, 1 to delete; runs 2 group(s)")
          .contains("  + " + wanted + "  nginx:1.25")
          .contains("  - " + old.name())
          .doesNotContain("+ " + current.name())
          .contains("3 stack(s): 1 new, 1 changed, 1 removed, 0 unchanged");

      JsonNode report =
          new ObjectMapper()
              .readTree(live.berth(planArgs(repo, "--backend", "aci", "--json")).out());
      assertThat(report.get("observedIn").asText()).isEqualTo("resource group berth-cli");
      assertThat(report.get("base").isNull()).isTrue();
      assertThat(report.get("stacks").get(2).get("groups"))
          .extracting(JsonNode::asText)
          .containsExactly(current.name(), wanted);
      assertThat(live.world.counts().live()).as("plan changes nothing").isEqualTo(3);
    }
  }
}
