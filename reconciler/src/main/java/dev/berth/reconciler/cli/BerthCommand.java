package dev.berth.reconciler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code berth} command. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    version = "berth 0.1.0",
    description =
        "GitOps for container stacks: Git commits become Temporal workflows that run them.",
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      StatusCommand.class,
      HistoryCommand.class,
      ValidateCommand.class,
      SimulateCommand.class,
      PlanCommand.class,
      LogsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BerthCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with Berth's error handling: a user error is one line, never a trace. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BerthCommand());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof UserError || e instanceof IllegalStateException) {
            commandLine.getErr().println("berth: " + e.getMessage());
            return e instanceof UserError u ? u.exitCode() : 1;
          }
          throw e;
        });
    return cli;
  }
}
