package dev.bert4j.train;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.StagingFolder;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.model.HeadKind;
import dev.bert4j.model.WeightInit;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.train.optim.OptimizerState;
import dev.bert4j.train.report.TrainingCurves;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A whole fine-tuning run: reads and checks the data before anything is written, builds the head (new
 * weights initialized as HF does and listed), trains, and leaves in {@code out} the best (or last) model
 * as a Hugging Face directory with its tokenizer, the curves as CSV and PNG, and {@code run.json};
 * checkpoints go to {@code out/checkpoint-STEP}. With {@code resume}, goes on from the newest checkpoint.
 */
public final class FineTuning {
    private FineTuning() {
    }

    /**
     * What to train.
     *
     * @param model     the base model directory (already resolved), ignored when resuming
     * @param modelName how the user named it, for the run record
     * @param eval      may be null
     * @param labels    the label (or tag) set, or null to take the training file's
     */
    public record Request(TaskName task, Path model, String modelName, Path train, Path eval, Path out,
                          List<String> labels, boolean resume, TrainingArguments args, Pretraining pretraining) {

        /** A fine-tuning request (no pre-training settings). */
        public Request(TaskName task, Path model, String modelName, Path train, Path eval, Path out, List<String> labels,
                       boolean resume, TrainingArguments args) {
            this(task, model, modelName, train, eval, out, labels, resume, args, Pretraining.DEFAULTS);
        }
    }

    /**
     * What pre-training adds.
     *
     * @param config    a {@code config.json} to build a model from scratch (with {@code tokenizer}), or null to
     *                  continue from the request's model
     * @param tokenizer the tokenizer for a model from scratch: a {@code tokenizer.json} or a model directory
     */
    public record Pretraining(Path config, Path tokenizer, boolean wholeWordMasking, double mlmProbability,
                              double shortSeqProbability) {
        public static final Pretraining DEFAULTS = new Pretraining(null, null, false, 0.15, 0.1);

        public Pretraining {
            if (!(mlmProbability > 0 && mlmProbability < 1) || !(shortSeqProbability >= 0 && shortSeqProbability <= 1)) {
                throw new TrainingException("--mlm-probability must be in (0, 1) and --short-seq-prob in [0, 1]");
            }
            if ((config == null) != (tokenizer == null)) {
                throw new TrainingException("a model from scratch needs both --config and --tokenizer");
            }
        }
    }

    /** Where the run ended. */
    public record Result(Path out, long steps, String bestCheckpoint, double bestMetric,
                         Map<String, Double> lastMetrics) {
    }

    public static Result run(Request r, TrainingListener listener) {
        Path checkpoint = r.resume() ? requireCheckpoint(r.out()) : requireFreshOut(r.out());
        boolean scratch = checkpoint == null && r.pretraining().config() != null;
        Path source = checkpoint != null ? checkpoint : scratch ? r.pretraining().tokenizer() : r.model();
        Tokenizer tokenizer = Tokenizer.fromFile(source);
        BertConfig base = scratch ? scratchConfig(r.pretraining().config(), tokenizer) : null;
        ModelDirectory md = scratch ? null : ModelDirectory.open(source);
        TrainingTask task = r.task().load(tokenizer, r);                            // all data read and checked here
        Map<String, Path> data = new LinkedHashMap<>();
        data.put("train", r.train());
        if (r.eval() != null) {
            data.put("eval", r.eval());
        }
        RunRecord run = RunRecord.start(r.task().cliName(), r.modelName(), r.args(), data);
        BertConfig config = task.configure(scratch ? base : md.config());
        BertTaskModel model;
        TrainerState state;
        OptimizerState optimizer = null;
        TrainingCurves curves;
        if (checkpoint != null) {
            requireHead(md, task.head(), checkpoint);
            RunRecord saved = RunRecord.read(checkpoint);
            saved.requireSameRun(run, r.out());
            run = saved;
            config = md.config();
            model = BertTaskModel.fromStateDict(task.head(), config, md.loadWeights());
            state = TrainerState.read(checkpoint);
            optimizer = Checkpoints.readOptimizer(checkpoint);
            curves = TrainingCurves.readCsv(checkpoint.resolve(TrainingCurves.CSV));
            curves.dropAfter(state.globalStep());
            run.dropAfter(state.globalStep());
            listener.onMessage("resuming from " + checkpoint + " at step " + state.globalStep());
        } else {
            WeightInit.Completed w = WeightInit.complete(task.head(), config, scratch ? Map.of() : md.loadWeights(),
                    r.args().seed());
            if (scratch) {
                listener.onMessage("a new model from " + r.pretraining().config() + ": " + w.added().size()
                        + " weights initialized");
            } else if (!w.added().isEmpty()) {
                listener.onMessage("new weights, initialized: " + w.added());
            }
            if (!w.dropped().isEmpty()) {
                listener.onMessage("weights of the checkpoint not used by " + task.head().architecture() + ": "
                        + w.dropped());
            }
            model = BertTaskModel.fromStateDict(task.head(), config, w.weights());
            state = TrainerState.start();
            curves = new TrainingCurves();
        }
        TokenizerFiles tokFiles = TokenizerFiles.from(source, tokenizer, config.maxPositionEmbeddings());
        Trainer.TrainingSession session = new Trainer.TrainingSession(r.out(), tokFiles, curves, run);
        Trainer trainer = new Trainer(r.args(), task, listener);
        createDirectories(r.out());
        try (ComputeContext ctx = ComputeContext.training(r.args().threads(), new SplittableRandom(r.args().seed()))) {
            state = trainer.train(ctx, model, config, session, state, optimizer);
        }
        return finish(r.out(), state, session, model, config);
    }

    /**
     * Puts the best checkpoint's model (or the last one's) and the curves and record into {@code out}: written
     * into a {@link StagingFolder} first (a run killed here leaves one that the next run removes), then moved in
     * file by file.
     */
    private static Result finish(Path out, TrainerState state, Trainer.TrainingSession session, BertTaskModel model,
                                 BertConfig config) {
        try (StagingFolder staging = StagingFolder.create(out.resolve(FINAL_STAGING))) {
            Path tmp = staging.path();
            Path best = state.bestCheckpoint() == null ? null : out.resolve(state.bestCheckpoint());
            if (best != null && Files.isDirectory(best)) {
                for (String f : MODEL_FILES) {
                    if (Files.exists(best.resolve(f))) {
                        Files.copy(best.resolve(f), tmp.resolve(f));
                    }
                }
            } else {
                Checkpoints.writeModel(tmp, model, config, session.tokenizer());
            }
            session.run().put("best_checkpoint", state.bestCheckpoint());
            session.run().write(tmp);
            session.curves().write(tmp);
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path f : files.toList()) {
                    Files.move(f, out.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new TrainingException("cannot write the final model into " + out + ": " + e.getMessage(), e);
        }
        return new Result(out, state.globalStep(), state.bestCheckpoint(), state.bestMetric(),
                lastMetrics(session.curves(), state.globalStep()));
    }

    /** A config for a model from scratch, checked against the tokenizer it will be trained with. */
    private static BertConfig scratchConfig(Path file, Tokenizer tokenizer) {
        BertConfig c = BertConfig.fromFile(file);
        if (c.vocabSize() != tokenizer.vocabSize()) {
            throw new TrainingException(file + " says vocab_size " + c.vocabSize() + " but the tokenizer has "
                    + tokenizer.vocabSize() + " tokens; set vocab_size to " + tokenizer.vocabSize());
        }
        return c;
    }

    /** The name whose staging folder holds the final model's files before they move into the output folder. */
    private static final String FINAL_STAGING = "final";
    static final List<String> MODEL_FILES = List.of("config.json", "model.safetensors", "tokenizer.json", "vocab.txt",
            "tokenizer_config.json", "special_tokens_map.json");

    /** The evaluation metrics at {@code step}, empty when there was none. */
    private static Map<String, Double> lastMetrics(TrainingCurves curves, long step) {
        Map<String, Double> m = new LinkedHashMap<>();
        curves.points().stream().filter(p -> p.series().startsWith("eval_") && p.step() == step)
                .forEach(p -> m.put(p.series().substring("eval_".length()), p.value()));
        return m;
    }

    private static Path requireCheckpoint(Path out) {
        return Checkpoints.latest(out).orElseThrow(() -> new TrainingException("--resume: " + out
                + " holds no checkpoint to resume from (checkpoint-STEP folders); start without --resume"));
    }

    private static Path requireFreshOut(Path out) {
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                List<String> names = s.map(p -> p.getFileName().toString()).toList();
                if (names.contains(RunRecord.FILE) || names.stream().anyMatch(n -> n.startsWith(Checkpoints.PREFIX))) {
                    throw new TrainingException(out + " already holds a training run; pass --resume to go on with it,"
                            + " or choose another --out");
                }
                if (!names.isEmpty()) {
                    throw new TrainingException(out + " is not empty; choose an empty or new folder for --out");
                }
            } catch (IOException e) {
                throw new TrainingException("cannot read " + out + ": " + e.getMessage(), e);
            }
        } else if (Files.exists(out)) {
            throw new TrainingException(out + " is a file; --out needs a folder");
        }
        return null;
    }

    private static void requireHead(ModelDirectory md, HeadKind head, Path checkpoint) {
        if (!md.config().architectures().equals(List.of(head.architecture()))) {
            throw new TrainingException(checkpoint + " is a " + md.config().architectures() + " checkpoint, not "
                    + head.architecture() + "; --resume needs the same --task as the run that wrote it");
        }
    }

    private static void createDirectories(Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new TrainingException("cannot create " + out + ": " + e.getMessage(), e);
        }
    }
}
