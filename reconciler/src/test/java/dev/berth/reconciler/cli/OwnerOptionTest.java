package dev.berth.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reconciler.cli.ValidateCommandTest.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --owner}: a value Azure cannot carry as a tag is a usage error, one line, before anything
 * starts.
 */
class OwnerOptionTest {

  @TempDir Path tmp;

  @Test
  void anOwnerThatIsNoTagValueIsOneLineAndExitTwo() {
    Run run =
        ValidateCommandTest.berth("run", "--repo", tmp.toString(), "--owner", "ops team <prod>");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .contains("--owner: an owner is at most 256 letters, digits and");
    assertThat(run.out()).doesNotContain("watching");
  }
}
