package dev.bert4j.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line is built with only the command a run names, and behaves as if all were there. */
class CommandTreeTest {

    @Test
    void everyCommandIsRegisteredUnderItsOwnAnnotatedName() {
        for (Map.Entry<String, Supplier<Object>> e : Bert4jCommand.COMMANDS.entrySet()) {
            assertThat(new CommandLine(e.getValue().get()).getCommandName()).isEqualTo(e.getKey());
        }
        assertThat(Bert4jCommand.COMMANDS).hasSize(17);
    }

    @Test
    void aRunNamingItsCommandBuildsOnlyThatOne() {
        CommandLine cli = Bert4jCommand.commandLine(new String[] {"embed", "text"}, new Bert4jCommand(null, () -> false));
        assertThat(cli.getSubcommands()).containsOnlyKeys("embed");
        CommandLine all = Bert4jCommand.commandLine(new String[] {"--help"}, new Bert4jCommand(null, () -> false));
        assertThat(all.getSubcommands().keySet()).containsAll(Bert4jCommand.COMMANDS.keySet()).contains("help");
    }

    @Test
    void rootHelpStillListsEveryCommandAndSubcommandHelpAndVersionWork() {
        CliRun root = CliRun.run("--help");
        assertThat(root.status()).isZero();
        Bert4jCommand.COMMANDS.keySet().forEach(name -> assertThat(root.out()).contains("  " + name + " "));
        CliRun sub = CliRun.run("embed", "--help");
        assertThat(sub.status()).isZero();
        assertThat(sub.out()).startsWith("Usage: bert4j embed").contains("--pooling").contains("--version");
        CliRun viaHelp = CliRun.run("help", "embed");
        assertThat(viaHelp.out()).isEqualTo(sub.out());
        assertThat(CliRun.run("embed", "--version").out()).startsWith("bert4j ");
    }

    @Test
    void anUnknownCommandIsStillAnErrorNamingTheCommands() {
        CliRun run = CliRun.run("embedd", "text");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("embedd").contains("embed");
    }
}
