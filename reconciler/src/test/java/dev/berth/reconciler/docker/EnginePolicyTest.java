package dev.berth.reconciler.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.GroupState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator's allow-list and certificate folder, and the small pure pieces of the Docker
 * backend.
 */
class EnginePolicyTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "unix:///var/run/docker.sock | unix:///var/run/docker.sock | true",
        "unix:///var/run/docker.sock | unix:///run/podman.sock | false",
        "tcp://*.internal:2376 | tcp://vm1.internal:2376 | true",
        "tcp://*.internal:2376 | tcp://vm1.internal.evil.example:2376 | false",
        "tcp://*.internal:2376 | tcp://vm1.internal:2375 | false",
        "'ssh://berth@*,unix:///var/run/docker.sock' | ssh://berth@vm2 | true",
        "'' | unix:///var/run/docker.sock | false",
        "* | tcp://anything:1 | true",
      })
  void onlyWhatTheOperatorListsIsReached(String patterns, String endpoint, boolean allowed) {
    assertThat(EnginePolicy.of(patterns, null).refusal(endpoint).isEmpty()).isEqualTo(allowed);
  }

  @Test
  void certificatesComeFromTheHostsFolder_elseTheCommonOne_andOnlyWhenAllThreeAreThere(
      @TempDir Path dir) throws Exception {
    EnginePolicy policy = EnginePolicy.of("tcp://*:2376", dir);
    assertThat(policy.certificatesFor("vm1")).isEmpty();
    for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
      Files.writeString(dir.resolve(f), "x");
    }
    assertThat(policy.certificatesFor("vm1")).contains(dir);
    Files.createDirectories(dir.resolve("vm1"));
    Files.writeString(dir.resolve("vm1/ca.pem"), "x");
    assertThat(policy.certificatesFor("vm1"))
        .as("an incomplete host folder does not count")
        .contains(dir);
    Files.writeString(dir.resolve("vm1/cert.pem"), "x");
    Files.writeString(dir.resolve("vm1/key.pem"), "x");
    assertThat(policy.certificatesFor("vm1")).contains(dir.resolve("vm1"));
    assertThat(EnginePolicy.of("*", null).certificatesFor("vm1")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "created,PENDING",
    "running,RUNNING",
    "restarting,RUNNING",
    "paused,RUNNING",
    "exited,FAILED",
    "dead,FAILED",
    "removing,TERMINATED"
  })
  void engineStatesAsGroupStates(String status, GroupState state) {
    assertThat(ContainerObservation.state(status)).isEqualTo(state);
  }

  @ParameterizedTest
  @CsvSource({
    "nginx,nginx:latest",
    "nginx:1.27,nginx:1.27",
    "registry:5000/team/app,registry:5000/team/app:latest",
    "registry:5000/team/app:2,registry:5000/team/app:2",
    "redis@sha256:abc,redis@sha256:abc"
  })
  void anImageWithoutTagIsPulledAsLatest_neverEveryTag(String image, String pulled) {
    assertThat(ImagePulls.reference(image)).isEqualTo(pulled);
  }

  @ParameterizedTest
  @CsvSource({
    "unix:///var/run/docker.sock,127.0.0.1",
    "tcp://vm1.internal:2376,vm1.internal",
    "ssh://berth@10.0.0.7:22,10.0.0.7",
    "tcp://[fd00::1]:2376,fd00::1"
  })
  void aNodesAddressIsItsEndpointsHost(String endpoint, String host) {
    assertThat(ContainerObservation.host(endpoint)).isEqualTo(host);
  }

  @Test
  void anEnginesErrorIsOneLine_itsMessageWhenItSentJson() {
    RuntimeException e =
        new com.github.dockerjava.api.exception.InternalServerErrorException(
            "{\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\": dial tcp: lookup registry-1.docker.io: no such host\"}\n");
    assertThat(EngineErrors.oneLine(e))
        .isEqualTo(
            "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host");
    assertThat(EngineErrors.of("pull", e).kind())
        .isEqualTo(dev.berth.workflows.backend.BackendException.Kind.RETRYABLE);
    assertThat(
            EngineErrors.of(
                    "create",
                    new com.github.dockerjava.api.exception.BadRequestException("bad\nthing"))
                .getMessage())
        .isEqualTo("create: Status 400: bad thing");
  }
}
