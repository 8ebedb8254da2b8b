package dev.berth.workflows.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

  @Test
  void aRememberedValueIsRedactedPlainEscapedAndBase64AtEveryAlignment() {
    String value = "pw-" + UUID.randomUUID() + "\"quoted\"";
    SecretValues.remember(value);
    String json = value.replace("\"", "\\\"");
    assertThat(SecretValues.redact("bad value '" + value + "' in request"))
        .isEqualTo("bad value '[redacted]' in request");
    assertThat(SecretValues.redact("{\"secureValue\":\"" + json + "\"}"))
        .isEqualTo("{\"secureValue\":\"[redacted]\"}");
    for (String prefix : new String[] {"", "a", "ab", "abc", "{\"x\":1,\"secureValue\":\""}) {
      for (Base64.Encoder encoder :
          new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
        String encoded =
            encoder.encodeToString((prefix + value + "\"}").getBytes(StandardCharsets.UTF_8));
        String redacted = SecretValues.redact("body: " + encoded);
        assertThat(redacted).as("prefix '%s'", prefix).contains(SecretValues.MARK);
        assertThat(leaks(redacted, value))
            .as("what is left decodes to no part of the value, prefix '%s'", prefix)
            .isFalse();
      }
    }
  }

  @Test
  void textWithoutSecretsIsUnchanged_andShortValuesAreLeftAlone() {
    SecretValues.remember("abc");
    assertThat(SecretValues.redact("HTTP 400 InvalidRequest: abc"))
        .isEqualTo("HTTP 400 InvalidRequest: abc");
    assertThat(SecretValues.redact(null)).isNull();
  }

  /**
   * Whether some base64 run in {@code text} decodes to something holding 8 characters of the value.
   */
  private static boolean leaks(String text, String value) {
    for (String run : text.split("[^A-Za-z0-9+/_-]+")) {
      for (int shift = 0; shift < 4 && run.length() - shift >= 4; shift++) {
        String part = run.substring(shift, shift + (run.length() - shift) / 4 * 4);
        String decoded;
        try {
          decoded =
              new String(
                  Base64.getDecoder().decode(part.replace('-', '+').replace('_', '/')),
                  StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
          continue;
        }
        for (int i = 0; i + 8 <= value.length(); i++) {
          if (decoded.contains(value.substring(i, i + 8))) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
