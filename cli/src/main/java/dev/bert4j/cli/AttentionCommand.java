package dev.bert4j.cli;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.LoadedModel;
import dev.bert4j.viz.AttentionCharts;
import dev.bert4j.viz.AttentionFiles;
import dev.bert4j.viz.AttentionReport;
import dev.bert4j.viz.WrittenFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bert4j attention}: the attention page, its JSON and PNG heat maps for one text. */
@Command(name = "attention",
        description = {"Attention of every layer and head for TEXT (and --pair), as pictures in --out:",
            "attention.html (head view, model view, summaries; self-contained, works offline), attention.json (the",
            "numbers: the same probabilities as feature-extraction --attentions, with entropy, shares on [CLS],",
            "[SEP] and the token itself, and attention rollout), heatmaps/layer-L-head-H.png, entropy.png and",
            "rollout.png."})
final class AttentionCommand implements Callable<Integer> {
    @Mixin ModelOptions model;

    @ParentCommand Bert4jCommand parent;

    @Option(names = "--pair", paramLabel = "B", description = "Second text of a pair.")
    String pair;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write into (created).")
    Path out;

    @Parameters(arity = "1", paramLabel = "TEXT")
    String text;

    @Override
    public Integer call() {
        if (text.isBlank()) {
            throw new IllegalArgumentException("TEXT is empty; give the text whose attention to show");
        }
        LoadedModel loaded = parent.load(model.directory());
        AttentionReport report;
        try (ComputeContext ctx = model.context()) {
            report = AttentionReport.of(loaded, ctx, text, pair).withModel(model.name());
        }
        if (report.truncated()) {
            model.err().println("warning: input truncated to " + report.tokens().size()
                    + " tokens (the model's limit)");
        }
        WrittenFiles written = AttentionFiles.write(report, out);
        written.warnings().forEach(w -> model.err().println("warning: " + w));
        model.out().println("wrote " + written.files().getFirst() + " (" + report.tokens().size() + " tokens, "
                + report.numLayers() + " layers x " + report.numHeads() + " heads)");
        model.out().println("  " + out.resolve(AttentionFiles.JSON) + ", " + out.resolve(AttentionCharts.ROLLOUT)
                + ", " + out.resolve(AttentionCharts.ENTROPY) + ", " + (written.files().size() - 4) + " heat maps in "
                + out.resolve(AttentionCharts.HEATMAPS));
        return 0;
    }
}
