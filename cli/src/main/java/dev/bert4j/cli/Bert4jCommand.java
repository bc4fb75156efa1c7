package dev.bert4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

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
        description = "BERT in pure Java: tokenization, embeddings, task pipelines, training.")
public final class Bert4jCommand implements Runnable {

    /**
     * The subcommands in the order help lists them. They are added to the command line in code, not named in
     * the annotation: picocli builds a command's whole model (every option of every class) by reflection, which
     * takes a fresh JVM about half a second for all of them, so a run that names its command at the front gets
     * only that one (see {@link #commandLine}).
     */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("tokenize", TokenizeCommand::new);
        m.put("embed", EmbedCommand::new);
        m.put("similarity", SimilarityCommand::new);
        m.put("feature-extraction", FeatureExtractionCommand::new);
        m.put("attention", AttentionCommand::new);
        m.put("positional", PositionalCommand::new);
        m.put("fill-mask", FillMaskCommand::new);
        m.put("classify", ClassifyCommand::new);
        m.put("ner", NerCommand::new);
        m.put("qa", QaCommand::new);
        m.put("nsp", NspCommand::new);
        m.put("serve", ServeCommand::new);
        m.put("inspect", InspectCommand::new);
        m.put("convert", ConvertCommand::new);
        m.put("train", TrainCommand::new);
        m.put("eval", EvalCommand::new);
        m.put("train-tokenizer", TrainTokenizerCommand::new);
        return Collections.unmodifiableMap(m);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where JSON Lines input comes from: standard input, or what a test hands in. */
    private final InputStream in;
    /** Whether the error stream is a terminal (then long JSON Lines runs show a progress bar); asked only when needed. */
    private final BooleanSupplier errIsTerminal;
    /** The default model, loading while the command line is parsed, for the commands that will use it. */
    private final ModelPrefetch prefetch;

    Bert4jCommand(InputStream in, BooleanSupplier errIsTerminal) {
        this(in, errIsTerminal, ModelPrefetch.NONE);
    }

    Bert4jCommand(InputStream in, BooleanSupplier errIsTerminal, ModelPrefetch prefetch) {
        this.in = in;
        this.errIsTerminal = errIsTerminal;
        this.prefetch = prefetch;
    }

    /** The model in {@code directory}, taken from the prefetch when it loaded that one. */
    dev.bert4j.pipeline.LoadedModel load(java.nio.file.Path directory) {
        return prefetch.load(directory);
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
        ModelPrefetch prefetch = ModelPrefetch.start(args, dev.bert4j.io.DefaultModels.cacheRoot());
        System.exit(execute(args, System.in, out, err, Bert4jCommand::standardErrorIsTerminal, prefetch));
    }

    /** Runs the command line with the given streams (the error stream is no terminal); returns the exit status. */
    public static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        return execute(args, in, out, err, () -> false);
    }

    static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err, BooleanSupplier errIsTerminal) {
        return execute(args, in, out, err, errIsTerminal, ModelPrefetch.NONE);
    }

    static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err, BooleanSupplier errIsTerminal,
                       ModelPrefetch prefetch) {
        CommandLine cli = commandLine(args, new Bert4jCommand(in, errIsTerminal, prefetch));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        return cli.execute(args);
    }

    /**
     * The command line for {@code args}: with only the named subcommand when the first argument names one (its
     * help, options and errors are the same, since a command's model does not depend on its siblings), else
     * with all of them and {@code help}, for the root's usage, {@code help CMD} and unknown-command messages.
     */
    static CommandLine commandLine(String[] args, Bert4jCommand root) {
        CommandLine cli = new CommandLine(root);
        Supplier<Object> only = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (only != null) {
            cli.addSubcommand(args[0], only.get());
            return cli;
        }
        COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        return cli;
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
