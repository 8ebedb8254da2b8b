package dev.berth.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code berth SUBCOMMAND ...} is parsed by a command line holding that subcommand only (it starts
 * faster); what a person sees must not change: the same usage, the same one-line errors.
 */
class BerthCommandTest {

  record Run(int exit, String out, String err) {}

  @ParameterizedTest
  @ValueSource(
      strings = {"run", "demo", "status", "history", "validate", "simulate", "plan", "logs"})
  void aSubcommandAloneHelpsAndRefusesAsTheWholeTreeDoes(String name) {
    for (String[] args :
        new String[][] {{name, "--help"}, {name, "--no-such-option"}, {name, "a", "b", "c", "d"}}) {
      Run alone = run(BerthCommand.commandLine(args), args);
      Run whole = run(BerthCommand.commandLine(), args);
      assertThat(alone).as(String.join(" ", args)).isEqualTo(whole);
    }
    assertThat(BerthCommand.commandLine(new String[] {name}).getSubcommands())
        .containsOnlyKeys(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "help", "nosuchcommand", "--help", "--version"})
  void anythingElseGetsTheWholeTree(String first) {
    String[] args = first.isEmpty() ? new String[0] : new String[] {first};
    CommandLine cli = BerthCommand.commandLine(args);
    assertThat(cli.getSubcommands())
        .containsKeys("run", "demo", "status", "history", "validate", "simulate", "plan", "logs");
    assertThat(run(cli, args)).isEqualTo(run(BerthCommand.commandLine(), args));
  }

  private static Run run(CommandLine cli, String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
