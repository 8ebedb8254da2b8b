package dev.berth.workflows.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secret values this process has resolved, so that any text about to leave an activity (an ARM
 * error that echoes a request, a Key Vault or SDK exception) can be cleared of them: {@link
 * #redact} replaces each value, its JSON-escaped form and its base64 forms (standard and URL-safe,
 * at each of the three byte alignments it can have inside a longer encoded text) with {@link
 * #MARK}. Values shorter than {@link #SHORTEST} characters cannot be told apart from ordinary text
 * and are not redacted. Keeps the last {@link #KEPT} values. Thread-safe.
 */
public final class SecretValues {

  public static final String MARK = "[redacted]";
  static final int SHORTEST = 4;
  static final int KEPT = 4096;

  /** Each value's forms, longest first within a value; access-ordered, so the oldest goes first. */
  private static final Map<String, List<String>> known =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
          return size() > KEPT;
        }
      };

  private SecretValues() {}

  /** Remembers a value just resolved, so later text is cleared of it. */
  public static void remember(String value) {
    if (value == null || value.length() < SHORTEST) {
      return;
    }
    synchronized (known) {
      known.computeIfAbsent(value, SecretValues::forms);
    }
  }

  /** {@code text} with every form of every remembered value replaced; null stays null. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<String> forms = new ArrayList<>();
    synchronized (known) {
      known.values().forEach(forms::addAll);
    }
    forms.sort(Comparator.comparingInt(String::length).reversed());
    String out = text;
    for (String form : forms) {
      if (out.contains(form)) {
        out = out.replace(form, MARK);
      }
    }
    return out;
  }

  private static List<String> forms(String value) {
    List<String> forms = new ArrayList<>();
    forms.add(value);
    String json =
        value
            .replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t");
    if (!json.equals(value)) {
      forms.add(json);
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (Base64.Encoder encoder :
        List.of(Base64.getEncoder().withoutPadding(), Base64.getUrlEncoder().withoutPadding())) {
      for (int shift = 0; shift < 3; shift++) {
        String part = alignedPart(encoder, bytes, shift);
        if (part.length() >= SHORTEST && !forms.contains(part)) {
          forms.add(part);
        }
      }
    }
    return List.copyOf(forms);
  }

  /**
   * The characters of the base64 of {@code bytes} that do not depend on what surrounds them when
   * {@code shift} other bytes come before them in the encoded text.
   */
  private static String alignedPart(Base64.Encoder encoder, byte[] bytes, int shift) {
    byte[] padded = new byte[shift + bytes.length];
    System.arraycopy(bytes, 0, padded, shift, bytes.length);
    String encoded = encoder.encodeToString(padded);
    int first = shift == 0 ? 0 : shift == 1 ? 2 : 3;
    int last = (8 * padded.length) / 6;
    return last <= first ? "" : encoded.substring(first, Math.min(last, encoded.length()));
  }
}
