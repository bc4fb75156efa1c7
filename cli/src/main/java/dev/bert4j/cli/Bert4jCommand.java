package dev.bert4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
  * The {@code bert4j} command line: one subcommand class per command.
  *
  * <p>Errors from bad input (files, text, options) reach the user as one line naming what to fix,
  * with exit status 2; anything else is a bug and keeps its stack trace.
  */
@Command(
        name = "bert4j",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Bert4jCommand.Version.class,
        description = "BERT in pure Java: tokenization, embeddings, task pipelines, training.",
        subcommands = {
                TokenizeCommand.class,
        EmbedCommand.class,
        SimilarityCommand.class,
        FeatureExtractionCommand.class,
        AttentionCommand.class,
        PositionalCommand.class,
        FillMaskCommand.class,
        ClassifyCommand.class,
        NerCommand.class,
        QaCommand.class,
        NspCommand.class,
        ServeCommand.class,
        InspectCommand.class,
        ConvertCommand.class,
        TrainCommand.class,
        EvalCommand.class,
        TrainTokenizerCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Bert4jCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where JSON Lines input comes from: standard input, or what a test hands in. */
    private final InputStream in;
    /** Whether the error stream is a terminal (then long JSON Lines runs show a progress bar); asked only when needed. */
    private final BooleanSupplier errIsTerminal;

    Bert4jCommand(InputStream in, BooleanSupplier errIsTerminal) {
        this.in = in;
        this.errIsTerminal = errIsTerminal;
    }

    InputStream in() {
        return in;
    }

    boolean errIsTerminal() {
        return errIsTerminal.getAsBoolean();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'bert4j tokenize TEXT'");
    }

    public static void main(String[] args) {
        var out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        System.exit(execute(args, System.in, out, err, Bert4jCommand::standardErrorIsTerminal));
    }

    /** Runs the command line with the given streams (the error stream is no terminal); returns the exit status. */
    public static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        return execute(args, in, out, err, () -> false);
    }

    static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err, BooleanSupplier errIsTerminal) {
        CommandLine cli = new CommandLine(new Bert4jCommand(in, errIsTerminal));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        return cli.execute(args);
    }

    /** Turns input errors (unchecked exceptions of our own or of the JDK's argument checks) into one readable line. */
    static final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
            if (!Errors.isUserError(e)) {
                throw new IllegalStateException(e);
            }
            cli.getErr().println("bert4j " + cli.getCommandName() + ": " + Errors.describe(e));
            cli.getErr().flush();
            return 2;
        }
    }

    /**
     * Whether this process's standard error is a terminal. The JDK only tells about standard input and output
     * together ({@code Console.isTerminal}), and in JSON Lines mode standard input is a file or a pipe; so this
     * reads where file descriptor 2 leads, which Linux shows under {@code /proc}. Elsewhere it answers false,
     * and {@code --progress} asks for the bar.
     */
    static boolean standardErrorIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Bert4jCommand.class.getPackage().getImplementationVersion();
            return new String[] {"bert4j " + (v == null ? "(development build)" : v)};
        }
    }
}
