package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file under {@code broken/} starts with {@code # expect: LINE:COL: FIELD: message}: reading
 * it must give exactly that one error.
 */
public class BrokenInputCorpusTest {

  static final String EXPECT = "# expect: ";

  @TestFactory
  Stream<DynamicTest> eachBrokenInputGivesItsOneLineError() throws IOException, URISyntaxException {
    return corpus().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      byte[] content = Files.readAllBytes(file);
                      String path = "broken/" + file.getFileName();
                      TreeMap<String, byte[]> files = new TreeMap<>();
                      files.put(path, content);
                      DesiredState state = new DesiredStateReader().read(files);
                      assertThat(state.isValid()).isFalse();
                      assertThat(state.stacks()).isEmpty();
                      assertThat(state.errors())
                          .extracting(Diagnostic::toString)
                          .containsExactly(path + ":" + expected(content));
                    }));
  }

  public static List<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(BrokenInputCorpusTest.class.getResource("/broken").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  static String expected(byte[] content) {
    String first =
        new String(content, java.nio.charset.StandardCharsets.UTF_8)
            .lines()
            .findFirst()
            .orElseThrow();
    assertThat(first).startsWith(EXPECT);
    return first.substring(EXPECT.length());
  }
}
