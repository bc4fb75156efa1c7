package dev.bert4j.cli;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.fillmask.FillMaskOptions;
import dev.bert4j.pipeline.fillmask.FillMaskPipeline;
import dev.bert4j.pipeline.fillmask.MaskPrediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code bert4j fill-mask}: candidates for each {@code [MASK]}, as Hugging Face's fill-mask pipeline. */
@Command(name = "fill-mask",
        description = {"Predict the token behind each [MASK] of TEXT (needs a masked-LM model).",
            "One [MASK]: a JSON list of {score, token, token_str, sequence}; several: one such list per mask.",
            "With no TEXT, JSON Lines {\"text\": ...} from standard input."})
final class FillMaskCommand implements Callable<Integer> {
    @ParentCommand Bert4jCommand parent;
    @Mixin ModelOptions model;

    @Option(names = {"--top-k", "--top_k"}, paramLabel = "K", defaultValue = "5",
            description = "Candidates per mask (default 5).")
    int topK;

    @Option(names = "--targets", split = ",", paramLabel = "WORD",
            description = "Score only these words (comma-separated or repeated), as HF's targets.")
    List<String> targets;

    @Parameters(arity = "0..1", paramLabel = "TEXT")
    String text;

    @Override
    public Integer call() {
        FillMaskPipeline pipeline = FillMaskPipeline.load(model.taskDirectory("a masked-LM head (BertForMaskedLM)"));
        FillMaskOptions options = FillMaskOptions.DEFAULTS.withTopK(topK).withTargets(targets);
        if (targets != null) {
            pipeline.resolveTargets(targets).warnings().forEach(w -> model.err().println("warning: " + w));
        }
        try (ComputeContext ctx = model.context(); JsonOutput out = new JsonOutput(model.out(), model.err())) {
            if (text != null) {
                Object result = shape(pipeline.run(ctx, text, options));
                out.line(g -> JsonLinesTask.MAPPER.writeValue(g, result));
                return 0;
            }
            JsonLinesTask<String> task = new JsonLinesTask<>(PredictionsLine.FIELDS, line -> Fields.required(line, "text"),
                    texts -> shapeAll(pipeline.runBatch(ctx, texts, options)));
            return task.run(parent.in(), out, model.progress("Filling masks", parent));
        }
    }

    /** As HF: a flat list for one mask, a list per mask for several. */
    private static Object shape(List<List<MaskPrediction>> perMask) {
        return perMask.size() == 1 ? perMask.getFirst() : perMask;
    }

    private static List<PredictionsLine> shapeAll(List<List<List<MaskPrediction>>> batch) {
        List<PredictionsLine> out = new ArrayList<>(batch.size());
        batch.forEach(r -> out.add(new PredictionsLine(shape(r))));
        return out;
    }

    /** One JSON Lines answer: what a single TEXT prints (a list, or a list per mask), under {@code predictions}. */
    record PredictionsLine(Object predictions) {
        static final Fields FIELDS = new Fields(Set.of("text"), Set.of("predictions"));
    }
}
