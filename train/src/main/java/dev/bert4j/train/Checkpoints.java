package dev.bert4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.StagingFolder;
import dev.bert4j.io.safetensors.SafetensorsFile;
import dev.bert4j.io.safetensors.SafetensorsWriter;
import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.tensor.Tensor;
import dev.bert4j.train.optim.OptimizerState;
import dev.bert4j.train.optim.ParameterState;
import dev.bert4j.train.report.TrainingCurves;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoints in the Hugging Face layout: a model directory ({@code config.json} with {@code architectures},
 * {@code id2label} and {@code label2id}, {@code model.safetensors}, the tokenizer files) that bert4j and
 * {@code transformers} both load, plus the optimizer state ({@code optimizer.safetensors} and
 * {@code optimizer.json}) and {@code trainer_state.json}. Written into a temporary folder and renamed
 * into place, so a killed run never leaves a checkpoint that loads broken, and its staging folder is
 * removed by the next save.
 */
public final class Checkpoints {
    static final String PREFIX = "checkpoint-";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String OPTIMIZER_JSON = "optimizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STAGING = Pattern.compile("\\.(" + PREFIX + "\\d+)\\.tmp-.*");
    private static final Pattern LEGACY_TMP = Pattern.compile("\\.tmp-" + PREFIX + "\\d+-\\d+");

    private Checkpoints() {
    }

    /** Writes the model directory (config, weights, tokenizer files) into {@code dir}, which must exist. */
    static void writeModel(Path dir, BertTaskModel model, BertConfig config, TokenizerFiles tokenizer)
            throws IOException {
        Files.writeString(dir.resolve(ModelDirectory.CONFIG), config.toJson());
        SafetensorsWriter.write(dir.resolve(ModelDirectory.WEIGHTS), model.stateDict(), Map.of("format", "pt"));
        tokenizer.writeTo(dir);
    }

    /**
     * Writes a complete checkpoint as {@code out/checkpoint-STEP}, atomically, through a {@link StagingFolder};
     * first removes the staging folders of runs killed while they wrote one. Returns its path.
     */
    static Path save(Path out, long step, BertTaskModel model, BertConfig config, TokenizerFiles tokenizer,
                     OptimizerState optimizer, TrainerState state, RunRecord run, TrainingCurves curves) {
        Path target = out.resolve(PREFIX + step);
        try {
            removeStale(out);
            try (StagingFolder tmp = StagingFolder.create(target)) {
                writeModel(tmp.path(), model, config, tokenizer);
                writeOptimizer(tmp.path(), optimizer);
                state.write(tmp.path());
                run.write(tmp.path());
                curves.write(tmp.path());                           // in before the rename: a resume reads them
                if (Files.exists(target)) {
                    deleteTree(target);
                }
                tmp.moveIntoPlace(dir -> false);
            }
            return target;
        } catch (IOException e) {
            throw new TrainingException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes ownerless checkpoint staging folders under {@code out} ({@link StagingFolder#removeStale}), and
     * {@code .tmp-checkpoint-STEP-N} folders of earlier versions once they are older than a day.
     */
    static void removeStale(Path out) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(out)) {
            entries = s.toList();
        }
        for (Path entry : entries) {
            Matcher staging = STAGING.matcher(entry.getFileName().toString());
            if (staging.matches()) {
                StagingFolder.removeStale(out.resolve(staging.group(1)));
            } else if (LEGACY_TMP.matcher(entry.getFileName().toString()).matches()
                    && Files.getLastModifiedTime(entry).toInstant()
                    .isBefore(Instant.now().minus(StagingFolder.UNLOCKED_STALE_AGE))) {
                deleteTree(entry);
            }
        }
    }

    /** The checkpoint with the most steps under {@code out}, if any (only complete ones have their name). */
    static Optional<Path> latest(Path out) {
        if (!Files.isDirectory(out)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+") && Files.isDirectory(p))
                    .max(Comparator.comparingLong(Checkpoints::step));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long step(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring(PREFIX.length()));
    }

    static void writeOptimizer(Path dir, OptimizerState s) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ObjectNode meta = JSON.createObjectNode();
        meta.put("steps", s.steps());
        ObjectNode steps = meta.putObject("parameter_steps");
        s.parameters().forEach((name, p) -> {
            tensors.put(name + ".exp_avg", new Tensor(new int[] {p.expAvg().length}, p.expAvg()));
            tensors.put(name + ".exp_avg_sq", new Tensor(new int[] {p.expAvgSq().length}, p.expAvgSq()));
            steps.put(name, p.step());
        });
        SafetensorsWriter.write(dir.resolve(OPTIMIZER), tensors, Map.of("format", "bert4j-adamw"));
        Files.writeString(dir.resolve(OPTIMIZER_JSON), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
    }

    static OptimizerState readOptimizer(Path dir) {
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve(OPTIMIZER))) {
            JsonNode meta = JSON.readTree(Files.readString(dir.resolve(OPTIMIZER_JSON)));
            Map<String, ParameterState> params = new LinkedHashMap<>();
            for (var it = meta.get("parameter_steps").properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                params.put(e.getKey(), new ParameterState(e.getValue().asLong(),
                        f.tensor(e.getKey() + ".exp_avg").data(), f.tensor(e.getKey() + ".exp_avg_sq").data()));
            }
            return new OptimizerState(meta.get("steps").asLong(), params);
        } catch (IOException | RuntimeException e) {
            throw new TrainingException(dir + ": the optimizer state is missing or damaged (" + e.getMessage()
                    + "); the checkpoint cannot be resumed", e);
        }
    }

    /** Removes checkpoints other than the newest {@code keep} and {@code alsoKeep} (the best one). */
    static void prune(Path out, int keep, String alsoKeep) {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> all = s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+"))
                    .sorted(Comparator.comparingLong(Checkpoints::step)).toList();
            for (int i = 0; i < all.size() - keep; i++) {
                if (!all.get(i).getFileName().toString().equals(alsoKeep)) {
                    deleteTree(all.get(i));
                }
            }
        } catch (IOException e) {
            throw new TrainingException("cannot prune old checkpoints in " + out + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
