package dev.berth.reconciler.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code berth} command. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    version = "berth 0.1.0",
    description =
        "GitOps for container stacks: Git commits become Temporal workflows that run them.")
public final class BerthCommand implements Runnable {

  /** The subcommands, in the order {@code berth --help} lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          RunCommand.class,
          DemoCommand.class,
          StatusCommand.class,
          HistoryCommand.class,
          ValidateCommand.class,
          SimulateCommand.class,
          PlanCommand.class,
          LogsCommand.class,
          CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /** The command line with Berth's error handling: a user error is one line, never a trace. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BerthCommand());
    SUBCOMMANDS.forEach(cli::addSubcommand);
    return handlingErrors(cli);
  }

  /**
   * The command line for {@code args}: when they start with a subcommand's name, with that
   * subcommand only. Picocli reads every command's options by reflection as it builds the tree; a
   * short command such as {@code berth status} saves about 0.1 s of its start by not building the
   * others. Everything else (no subcommand, an unknown one, {@code help}) gets the whole tree.
   */
  static CommandLine commandLine(String[] args) {
    if (args.length > 0 && !args[0].equals("help")) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        if (subcommand.getAnnotation(Command.class).name().equals(args[0])) {
          CommandLine cli = new CommandLine(new BerthCommand());
          cli.addSubcommand(subcommand);
          return handlingErrors(cli);
        }
      }
    }
    return commandLine();
  }

  private static CommandLine handlingErrors(CommandLine cli) {
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
