package dev.bert4j.cli;

import dev.bert4j.nn.ComputeContext;
import dev.bert4j.pipeline.nsp.NextSentence;
import dev.bert4j.pipeline.nsp.NextSentencePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code bert4j nsp}: the probability that sentence B follows sentence A (BERT's next-sentence head). */
@Command(name = "nsp",
        description = {"Probability that TEXT_B follows TEXT_A, from a next-sentence-prediction head.",
            "Prints {is_next, is_next_probability, not_next_probability}. With no texts, JSON Lines"
                + " {\"text\": A, \"text_pair\": B} from standard input."})
final class NspCommand implements Callable<Integer> {
    @ParentCommand Bert4jCommand parent;
    @Mixin ModelOptions model;

    /** JSON Lines: the pair in, {@link NextSentence}'s fields out. */
    static final Fields FIELDS = new Fields(Set.of("text", "text_pair"),
            Set.of("is_next", "is_next_probability", "not_next_probability"));

    @Parameters(arity = "0..2", paramLabel = "TEXT", description = "TEXT_A TEXT_B")
    List<String> texts;

    @Override
    public Integer call() {
        if (texts != null && texts.size() != 2) {
            throw new IllegalArgumentException("give two sentences, A and B (or none, for JSON Lines)");
        }
        NextSentencePipeline pipeline = NextSentencePipeline.load(
                model.taskDirectory("a next-sentence head (BertForNextSentencePrediction or BertForPreTraining)"));
        try (ComputeContext ctx = model.context(); JsonOutput out = new JsonOutput(model.out(), model.err())) {
            if (texts != null) {
                Object result = pipeline.run(ctx, texts.get(0), texts.get(1));
                out.line(g -> JsonLinesTask.MAPPER.writeValue(g, result));
                return 0;
            }
            JsonLinesTask<String[]> task = new JsonLinesTask<>(FIELDS,
                    line -> new String[] {Fields.required(line, "text"), Fields.required(line, "text_pair")},
                    requests -> {
                        List<String> a = new ArrayList<>();
                        List<String> b = new ArrayList<>();
                        requests.forEach(r -> {
                            a.add(r[0]);
                            b.add(r[1]);
                        });
                        return pipeline.runBatch(ctx, a, b);
                    });
            return task.run(parent.in(), out, model.progress("Predicting", parent));
        }
    }
}
