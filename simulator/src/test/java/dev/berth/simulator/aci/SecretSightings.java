package dev.berth.simulator.aci;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The ways a secret value can show in text: as itself, or base64-encoded (standard or URL-safe) at
 * any of the three byte alignments it can have inside a longer encoded payload.
 */
record SecretSightings(String name, List<String> forms) {

  static SecretSightings of(String name, String value) {
    if (value.length() < 12) {
      throw new IllegalArgumentException("a secret this short would match by chance");
    }
    List<String> forms = new ArrayList<>(List.of(value));
    for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      for (int offset = 0; offset < 3; offset++) {
        byte[] shifted = ("x".repeat(offset) + value).getBytes(StandardCharsets.UTF_8);
        String encoded = encoder.withoutPadding().encodeToString(shifted);
        // Drop the groups that mix in the bytes around the value.
        forms.add(encoded.substring(offset == 0 ? 0 : 4, encoded.length() - 4));
      }
    }
    return new SecretSightings(name, List.copyOf(forms));
  }

  /** Where in {@code text} (described by {@code where}) a form of the secret shows, if anywhere. */
  List<String> in(String where, String text) {
    List<String> found = new ArrayList<>();
    for (String form : forms) {
      int at = text.indexOf(form);
      if (at >= 0) {
        found.add(
            name
                + " in "
                + where
                + " at "
                + at
                + (form.equals(forms.get(0)) ? " (plain)" : " (base64)"));
      }
    }
    return found;
  }
}
