package dev.berth.simulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What the facade answers: a status, extra headers, and a JSON body or none (null). */
record ArmResponse(int status, Map<String, String> headers, JsonNode body) {

  ArmResponse {
    headers = Map.copyOf(headers);
  }

  static ArmResponse of(int status, JsonNode body) {
    return new ArmResponse(status, Map.of(), body);
  }

  static ArmResponse empty(int status) {
    return new ArmResponse(status, Map.of(), null);
  }

  static ArmResponse error(ArmError e) {
    Map<String, String> headers =
        e.retryAfter.isZero()
            ? Map.of()
            : Map.of("Retry-After", String.valueOf(e.retryAfterSeconds()));
    return new ArmResponse(e.status, headers, e.body());
  }
}
