package dev.berth.reconciler.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.workflows.model.HealthProbe;
import java.util.Optional;

/**
 * A service's readiness probe as a container label ({@link DockerLabels#HEALTH}, JSON), so a
 * restarted Berth probes what the container was created with. A label it cannot read counts as no
 * probe.
 */
final class ProbeLabel {

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ProbeLabel() {}

  static String write(HealthProbe probe) {
    try {
      return JSON.writeValueAsString(probe);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a HealthProbe is plain data", e);
    }
  }

  static Optional<HealthProbe> read(String label) {
    if (label == null || label.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(label, HealthProbe.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
