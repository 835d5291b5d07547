package org.sdzoo.examples.cli;

import org.sdzoo.zoo.Sdzoo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code sdzoo} command: {@code sdzoo <command> [options]}; {@code sdzoo <command> --help} for each. */
@Command(name = "sdzoo", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "A model zoo on Deeplearning4j SameDiff: train, evaluate, predict, import PyTorch weights,"
                + " reproduce published numbers and time training steps.",
        subcommands = {CommandLine.HelpCommand.class, ListCommand.class, InfoCommand.class, TrainCommand.class,
                EvaluateCommand.class, PredictCommand.class, FineTuneCommand.class, ImportTorchCommand.class,
                ReproduceCommand.class, BenchCommand.class, TranslateCommand.class, DownloadCommand.class})
public final class SdzooCli implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command: a usage error that lists the commands. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: "
                + String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList()));
    }

    /** @return the command line with sdzoo's one-line error reporting */
    public static CommandLine commandLine() {
        Errors errors = new Errors();
        return new CommandLine(new SdzooCli()).setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Reports the sdzoo version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sdzoo " + Sdzoo.version()};
        }
    }
}
