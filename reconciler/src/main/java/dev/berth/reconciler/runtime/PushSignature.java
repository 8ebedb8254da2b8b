package dev.berth.reconciler.runtime;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whether a push notification comes from someone who knows the webhook secret: GitHub's {@code
 * X-Hub-Signature-256: sha256=HEX} or Berth's own {@code X-Berth-Signature-256: sha256=HEX} (both
 * an HMAC-SHA256 of the raw body), or GitLab's {@code X-Gitlab-Token} (the secret itself; GitLab
 * signs nothing). Every comparison takes the same time whatever the input.
 */
final class PushSignature {

  private static final String PREFIX = "sha256=";

  private final byte[] secret;

  PushSignature(byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("the webhook secret is empty");
    }
    this.secret = secret.clone();
  }

  /** True if any signature header present is right; false if none is, or none is present. */
  boolean verifies(Headers headers, byte[] body) {
    String github = headers.getFirst("X-Hub-Signature-256");
    if (github != null) {
      return hmacMatches(github, body);
    }
    String berth = headers.getFirst("X-Berth-Signature-256");
    if (berth != null) {
      return hmacMatches(berth, body);
    }
    String gitlab = headers.getFirst("X-Gitlab-Token");
    if (gitlab != null) {
      return MessageDigest.isEqual(gitlab.getBytes(StandardCharsets.UTF_8), secret);
    }
    return false;
  }

  /** {@code sha256=HEX} of the body, as a sender would put it in a header. */
  String sign(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(body));
  }

  private boolean hmacMatches(String header, byte[] body) {
    String expected = sign(body);
    return MessageDigest.isEqual(
        header.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
        expected.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
