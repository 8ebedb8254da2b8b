package dev.berth.workflows.ops;

/** Image references as a person reads a change of them. */
final class Images {

  private static final int SHORT_DIGEST = 12;

  private Images() {}

  /**
   * {@code ghcr.io/acme/web 1.4.2 -> 1.5.0} within one repository, else {@code nginx:1.25 ->
   * httpd:2.4}.
   */
  static String change(String before, String after) {
    String[] b = split(before);
    String[] a = split(after);
    if (b[0].equals(a[0])) {
      return b[0] + " " + shortTag(b[1]) + " -> " + shortTag(a[1]);
    }
    return before + " -> " + after;
  }

  /**
   * Repository and tag (or {@code @sha256:...} digest); the tag is {@code latest} when none is
   * given.
   */
  static String[] split(String image) {
    int at = image.indexOf('@');
    if (at >= 0) {
      return new String[] {image.substring(0, at), image.substring(at)};
    }
    int colon = image.lastIndexOf(':');
    if (colon > image.lastIndexOf('/')) {
      return new String[] {image.substring(0, colon), image.substring(colon + 1)};
    }
    return new String[] {image, "latest"};
  }

  /** A digest cut to its first 12 hex digits ({@code @sha256:0123456789ab}); a tag as it is. */
  static String shortTag(String tag) {
    int colon = tag.indexOf(':');
    if (tag.startsWith("@") && colon > 0 && tag.length() > colon + 1 + SHORT_DIGEST) {
      return tag.substring(0, colon + 1 + SHORT_DIGEST);
    }
    return tag;
  }
}
