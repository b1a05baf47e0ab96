package io.learnpulse.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code learnpulse} command line. */
@Command(
        name = "learnpulse",
        mixinStandardHelpOptions = true,
        versionProvider = LearnPulse.Version.class,
        description = "Real-time learner analytics fusion on Apache Flink.",
        subcommands = {DemoCommand.class, BenchCommand.class, GatewayCommand.class, SimulateCommand.class, ReplayCommand.class,
                RunCommand.class, PublishCommand.class, ApiCommand.class,
                CompareCommand.class, FitCommand.class,
                CommandLine.HelpCommand.class})
public final class LearnPulse implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LearnPulse());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LearnPulse.class.getPackage().getImplementationVersion();
            return new String[] {"learnpulse " + (v == null ? "dev" : v) + " (Apache Flink "
                    + org.apache.flink.runtime.util.EnvironmentInformation.getVersion() + ")"};
        }
    }
}
