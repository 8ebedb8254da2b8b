package dev.berth.reconciler.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.git.GitLocation;
import dev.berth.workflows.ops.WorkflowText;
import dev.berth.workflows.stack.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RepoWatchTextTest {

  static RepoStatus status(
      String lastValid, Refusal refusal, String unreachable, List<String> stacks) {
    return new RepoStatus(
        "deploy-1a2b3c4d",
        "https://github.com/acme/deploy",
        "main",
        lastValid,
        lastValid,
        refusal,
        unreachable,
        stacks);
  }

  static Stream<Arguments> texts() {
    GitLocation withToken =
        new GitLocation(
            "https://x-access-token:ghp_s3cr3tT0ken@github.com/acme/deploy.git",
            "main",
            "./clusters/prod");
    GitLocation local = new GitLocation("/srv/git/deploy", "release", ".");
    return Stream.of(
        Arguments.of(
            RepoWatchText.start(withToken, Duration.ofMinutes(1)).summary(),
            "watch main of https://github.com/acme/deploy.git (folder clusters/prod) every 1m"),
        Arguments.of(
            RepoWatchText.start(local, Duration.ofSeconds(15)).summary(),
            "watch release of /srv/git/deploy every 15s"),
        Arguments.of(
            RepoWatchText.poll(new GitLocation("ssh://git:pw@host/acme/deploy", "main", ".")),
            "fetch main of ssh://host/acme/deploy and hand changed stacks on"),
        Arguments.of(
            RepoWatchText.nextPoll(Duration.ofMinutes(1), 0),
            "next poll in 1m, or at once on a push"),
        Arguments.of(
            RepoWatchText.nextPoll(Duration.ofMillis(500), 0),
            "next poll in 500ms, or at once on a push"),
        Arguments.of(
            RepoWatchText.nextPoll(Duration.ofMinutes(4), 2),
            "next poll in 4m (2 failed in a row)"),
        Arguments.of(
            RepoWatchText.current(status("5845b79aa", null, "", List.of("blog", "shop"))),
            "at 5845b79: 2 stacks"),
        Arguments.of(RepoWatchText.current(status("", null, "", List.of())), "no valid commit yet"),
        Arguments.of(
            RepoWatchText.current(
                status(
                    "5845b79aa",
                    new Refusal("badbadbad", List.of("a.yaml:1:1: cpu: too large")),
                    "",
                    List.of("shop"))),
            "at 5845b79: 1 stack; commit badbadb refused (1 error)"),
        Arguments.of(
            RepoWatchText.current(status("5845b79aa", null, "remote unreachable", List.of("shop"))),
            "at 5845b79: 1 stack; fetch failing: remote unreachable"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("texts")
  void text(String actual, String expected) {
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("texts")
  void noTokenInAnyText(String actual, String ignored) {
    assertThat(actual).doesNotContain("ghp_s3cr3tT0ken", "x-access-token", ":pw@");
    assertThat(
            RepoWatchText.start(
                    new GitLocation("https://u:ghp_s3cr3tT0ken@github.com/a/b", "main", "."),
                    Duration.ofMinutes(1))
                .details())
        .doesNotContain("ghp_s3cr3tT0ken");
    assertThat(actual.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(WorkflowText.CURRENT_DETAILS_BYTES);
  }
}
