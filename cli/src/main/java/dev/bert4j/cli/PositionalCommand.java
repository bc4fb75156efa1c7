package dev.bert4j.cli;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.viz.PositionalFiles;
import dev.bert4j.viz.PositionalReport;
import dev.bert4j.viz.WrittenFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bert4j positional}: the learned position embeddings beside the sinusoidal encoding, as pictures. */
@Command(name = "positional",
        description = {"The model's learned position embeddings as pictures in --out: positional.html (with the",
            "sinusoidal formula), position_embeddings.png (position x dimension), position_similarity.png (cosine",
            "similarity between positions), the same two for the sinusoidal encoding of 'Attention Is All You",
            "Need' of the same size (sinusoidal.png, sinusoidal_similarity.png), and positional.json (the numbers)."})
final class PositionalCommand implements Callable<Integer> {
    @Mixin ModelOptions model;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write into (created).")
    Path out;

    @Override
    public Integer call() {
        PositionalReport report = PositionalReport.of(model.name(), ModelDirectory.open(model.directory()).loadModel());
        WrittenFiles written = PositionalFiles.write(report, out);
        written.warnings().forEach(w -> model.err().println("warning: " + w));
        model.out().println("wrote " + written.files().getFirst() + " (" + report.positions() + " positions x "
                + report.hiddenSize() + " dimensions)");
        written.files().stream().skip(1).forEach(f -> model.out().println("  " + f));
        return 0;
    }
}
