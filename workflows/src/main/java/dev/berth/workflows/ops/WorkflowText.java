package dev.berth.workflows.ops;

import java.nio.charset.StandardCharsets;

/**
 * What the Temporal UI shows of a workflow Berth starts: its static summary (one line, in lists and
 * at the top of its page) and static details (Markdown, in its User Metadata). Both are cut to fit
 * the server's limits ({@link #SUMMARY_BYTES}, {@link #DETAILS_BYTES}): a summary over the server's
 * 400-byte limit would fail the command that carries it.
 */
public record WorkflowText(String summary, String details) {

  /**
   * Raw UTF-8 bytes of a summary: the server allows 400 bytes of serialised payload, which adds the
   * JSON quotes and escapes and about 30 bytes of encoding metadata.
   */
  public static final int SUMMARY_BYTES = 300;

  /** Raw UTF-8 bytes of details: the server allows 20,000 of serialised payload. */
  public static final int DETAILS_BYTES = 16_000;

  /** Raw UTF-8 bytes of current details: shown by the UI as they are, cut to stay readable. */
  public static final int CURRENT_DETAILS_BYTES = 2_000;

  private static final String CUT = "…";

  public WorkflowText {
    summary = cut(summary, SUMMARY_BYTES);
    details = cut(details, DETAILS_BYTES);
  }

  /**
   * {@code text} cut to at most {@code bytes} UTF-8 bytes, on a code point boundary, ending in
   * {@code …} when cut; null stays null. Summaries are one line: line breaks become spaces when
   * {@code bytes} is the summary's.
   */
  public static String cut(String text, int bytes) {
    if (text == null) {
      return null;
    }
    String t = bytes == SUMMARY_BYTES ? text.replaceAll("\\s*[\\r\\n]+\\s*", " ") : text;
    if (t.getBytes(StandardCharsets.UTF_8).length <= bytes) {
      return t;
    }
    int budget = bytes - CUT.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int i = 0; i < t.length(); ) {
      int cp = t.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + size > budget) {
        break;
      }
      out.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return out.append(CUT).toString();
  }

  /** A one-line text (an activity's or timer's summary) cut to the summary's limit. */
  public static String line(String text) {
    return cut(text, SUMMARY_BYTES);
  }
}
