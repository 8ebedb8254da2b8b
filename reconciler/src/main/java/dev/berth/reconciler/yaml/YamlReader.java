package dev.berth.reconciler.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.berth.reconciler.yaml.YNode.ScalarType;
import dev.berth.reconciler.yaml.YNode.YEntry;
import dev.berth.reconciler.yaml.YNode.YList;
import dev.berth.reconciler.yaml.YNode.YMap;
import dev.berth.reconciler.yaml.YNode.YScalar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML into position-carrying {@link YNode} trees, refusing what a desired-state file never
 * needs and an attacker could abuse: anchors and aliases (no "billion laughs"), explicit tags,
 * files over {@link #MAX_FILE_BYTES}, nesting deeper than {@link #MAX_DEPTH}, and duplicate keys.
 */
public final class YamlReader {

  public static final int MAX_FILE_BYTES = 1 << 20;
  public static final int MAX_DEPTH = 64;

  /** The most YAML one repository may hold, across all files. */
  public static final long MAX_REPOSITORY_BYTES = 256L << 20;

  private static final String CORE_TAGS = "tag:yaml.org,2002:";

  private final YAMLFactory factory;

  public YamlReader() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_FILE_BYTES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setMaxAliasesForCollections(0);
    options.setAllowDuplicateKeys(true); // found and reported by this reader, with positions
    this.factory =
        YAMLFactory.builder()
            .loaderOptions(options)
            // YAML 1.1 reads yes/no/on/off as booleans (the "Norway problem"); Berth reads only
            // true/false, so `suspend: yes` is an error rather than a guess.
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();
  }

  public YamlDocuments read(byte[] content) {
    if (content.length > MAX_FILE_BYTES) {
      return failed(
          List.of(),
          new Mark(1, 1),
          "file is over the limit of "
              + MAX_FILE_BYTES
              + " bytes (1 MiB); split it into several files");
    }
    List<YNode> documents = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) factory.createParser(content)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        YNode document = node(parser, token, 0);
        if (!(document instanceof YScalar s && s.type() == ScalarType.NULL)) {
          documents.add(document);
        }
      }
      return new YamlDocuments(documents, null);
    } catch (Refused e) {
      return failed(documents, e.mark, e.getMessage());
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        String context = m.getContext() == null ? "" : " (" + firstLine(m.getContext()) + ")";
        var where =
            m.getContextMark() != null && String.valueOf(m.getProblem()).contains("end of stream")
                ? m.getContextMark() // an unclosed quote or bracket: point where it opened
                : m.getProblemMark();
        Mark at = new Mark(where.getLine() + 1, where.getColumn() + 1);
        return failed(documents, at, firstLine(m.getProblem()) + context);
      }
      return failed(documents, mark(e.getLocation()), firstLine(e.getOriginalMessage()));
    } catch (IOException | RuntimeException e) {
      return failed(documents, new Mark(1, 1), firstLine(String.valueOf(e.getMessage())));
    }
  }

  private static YamlDocuments failed(List<YNode> read, Mark mark, String message) {
    return new YamlDocuments(read, new YamlDocuments.YamlError(mark, message));
  }

  private YNode node(YAMLParser parser, JsonToken token, int depth) throws IOException {
    Mark mark = mark(parser.currentTokenLocation());
    if (parser.isCurrentAlias()) {
      throw new Refused(mark, "aliases are not supported; write the value out");
    }
    if (parser.getCurrentAnchor() != null) {
      throw new Refused(mark, "anchors are not supported; write the value out");
    }
    String tag = parser.getTypeId();
    if (tag != null) {
      String shown =
          tag.startsWith(CORE_TAGS) ? "!!" + tag.substring(CORE_TAGS.length()) : "!" + tag;
      throw new Refused(mark, "explicit tags are not supported, got " + shown);
    }
    if (depth > MAX_DEPTH) {
      throw new Refused(mark, "nested deeper than " + MAX_DEPTH + " levels");
    }
    return switch (token) {
      case START_OBJECT -> map(parser, mark, depth);
      case START_ARRAY -> list(parser, mark, depth);
      case VALUE_STRING -> new YScalar(mark, ScalarType.STRING, parser.getText());
      case VALUE_NUMBER_INT -> new YScalar(mark, ScalarType.INTEGER, parser.getText());
      case VALUE_NUMBER_FLOAT -> new YScalar(mark, ScalarType.DECIMAL, parser.getText());
      case VALUE_TRUE, VALUE_FALSE -> new YScalar(mark, ScalarType.BOOLEAN, parser.getText());
      case VALUE_NULL -> new YScalar(mark, ScalarType.NULL, "null");
      default -> throw new Refused(mark, "unexpected " + token);
    };
  }

  private YMap map(YAMLParser parser, Mark mark, int depth) throws IOException {
    List<YEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
      if (token != JsonToken.FIELD_NAME) {
        throw new Refused(mark(parser.currentTokenLocation()), "expected a key, got " + token);
      }
      String key = parser.currentName();
      Mark keyMark = mark(parser.currentTokenLocation());
      if (!seen.add(key)) {
        throw new Refused(keyMark, "duplicate key '" + key + "'");
      }
      YNode value = node(parser, parser.nextToken(), depth + 1);
      entries.add(new YEntry(key, keyMark, value));
    }
    return new YMap(mark, entries);
  }

  private YList list(YAMLParser parser, Mark mark, int depth) throws IOException {
    List<YNode> items = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      items.add(node(parser, token, depth + 1));
    }
    return new YList(mark, items);
  }

  private static Mark mark(JsonLocation location) {
    if (location == null) {
      return new Mark(1, 1);
    }
    return new Mark(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  /** One readable line: no exception class names, no source excerpts, no tabs. */
  private static String firstLine(String message) {
    String line = message == null ? "unreadable YAML" : message.strip();
    int newline = line.indexOf('\n');
    line = newline < 0 ? line : line.substring(0, newline).strip();
    line = line.replaceFirst("^([a-z]+\\.)+[A-Za-z]+(Exception|Error): ", "");
    int source = line.indexOf(" (at char #");
    line = source < 0 ? line : line.substring(0, source);
    return line.replace("\t", "\\t").replace("\r", "");
  }

  /** A construct this reader refuses, with its position. */
  private static final class Refused extends IOException {
    private final Mark mark;

    Refused(Mark mark, String message) {
      super(message);
      this.mark = mark;
    }
  }
}
