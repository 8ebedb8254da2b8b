package dev.berth.reconciler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.workflows.backend.TemplateEncoding;
import dev.berth.workflows.model.ServiceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The template digests of the sample stacks (samples-repo) and of the full example stack, as the
 * code before {@link TemplateEncoding} gave them (printed by that code at commit bb62f7b): an
 * upgrade of Berth must rename, and so replace, none of their groups.
 */
class SampleTemplatesGoldenTest {

  private static final SortedMap<String, String> CACHE =
      new TreeMap<>(Map.of("CACHE_ADDRS", "10.0.0.4:6379"));

  /** {@code stack/service -> [template without discovery env, template with CACHE]}. */
  private static final Map<String, String[]> GOLDEN =
      Map.of(
          "blog/app", new String[] {"b2df91a4", "5af9e9c5"},
          "shop/web", new String[] {"ae6d806f", "74e4427a"},
          "shop/cache", new String[] {"a3c3d00d", "28792b16"},
          "full-stack:shop/web", new String[] {"0736ebdf", "369a555d"},
          "full-stack:shop/cache", new String[] {"9ee1ab9a", "477894e0"},
          "full-stack:shop/batch", new String[] {"a93c4448", "317e1d99"});

  @Test
  void samplesKeepTheirDigests() throws IOException {
    assertThat(templates(TemplateEncoding.V1))
        .containsOnlyKeys(GOLDEN.keySet())
        .allSatisfy(
            (service, got) -> assertThat(got).as(service).containsExactly(GOLDEN.get(service)));
    assertThat(templates(TemplateEncoding.CURRENT))
        .allSatisfy(
            (service, got) -> assertThat(got).as(service).containsExactly(GOLDEN.get(service)));
  }

  /** A field the model gains later, set by no sample, renames no sample group; set, it does. */
  @Test
  void anOptionalFieldAddedToTheModelChangesNoSampleDigest() throws IOException {
    Map<String, String> runtimeClass = new TreeMap<>();
    TemplateEncoding next =
        TemplateEncoding.V1.with(
            new TemplateEncoding.AddedField(
                "runtimeClass", s -> Optional.ofNullable(runtimeClass.get(s.name()))));
    assertThat(templates(next))
        .allSatisfy(
            (service, got) -> assertThat(got).as(service).containsExactly(GOLDEN.get(service)));

    runtimeClass.put("web", "confidential");
    Map<String, String[]> changed = templates(next);
    assertThat(changed.get("shop/web")[0]).isNotEqualTo(GOLDEN.get("shop/web")[0]);
    assertThat(changed.get("shop/cache")).containsExactly(GOLDEN.get("shop/cache"));
  }

  private static Map<String, String[]> templates(TemplateEncoding encoding) throws IOException {
    Map<String, String[]> out = new TreeMap<>();
    TreeMap<String, byte[]> samples = new TreeMap<>();
    Path root = Path.of("../samples-repo");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        samples.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    collect(new DesiredStateReader().read(samples), "", encoding, out);
    collect(
        new DesiredStateReader(Resources.ANY_SECRET)
            .read(
                new TreeMap<>(
                    Map.of("full-stack.yaml", Resources.bytes("/valid/full-stack.yaml")))),
        "full-stack:",
        encoding,
        out);
    return out;
  }

  private static void collect(
      DesiredState state, String prefix, TemplateEncoding encoding, Map<String, String[]> out) {
    assertThat(state.errors()).isEmpty();
    state
        .stacks()
        .forEach(
            (stack, doc) -> {
              for (ServiceSpec s : doc.spec().services()) {
                out.put(
                    prefix + stack + "/" + s.name(),
                    new String[] {
                      encoding.template(s, new TreeMap<>()), encoding.template(s, CACHE)
                    });
              }
            });
  }
}
