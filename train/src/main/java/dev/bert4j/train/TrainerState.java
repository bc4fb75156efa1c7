package dev.bert4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run stands, saved in each checkpoint as {@code trainer_state.json} so a resumed run goes on
 * from the same place: the optimizer step, the epoch and the next batch in it, and the best checkpoint.
 *
 * @param globalStep             optimizer steps taken
 * @param epoch                  the epoch under way (0-based)
 * @param batchInEpoch           the next micro-batch of that epoch
 * @param bestMetric             the best value of the chosen metric so far (NaN before any evaluation)
 * @param bestCheckpoint         the checkpoint folder name holding it, or null
 * @param evalsWithoutImprovement evaluations since the best one (early stopping)
 * @param tokens                 tokens trained on so far
 */
public record TrainerState(long globalStep, int epoch, int batchInEpoch, double bestMetric, String bestCheckpoint,
                           int evalsWithoutImprovement, long tokens) {
    static final String FILE = "trainer_state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    static TrainerState start() {
        return new TrainerState(0, 0, 0, Double.NaN, null, 0, 0);
    }

    void write(Path dir) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("global_step", globalStep);
        o.put("epoch", epoch);
        o.put("batch_in_epoch", batchInEpoch);
        if (!Double.isNaN(bestMetric)) {
            o.put("best_metric", bestMetric);
        }
        o.put("best_model_checkpoint", bestCheckpoint);
        o.put("evals_without_improvement", evalsWithoutImprovement);
        o.put("tokens", tokens);
        Files.writeString(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
    }

    static TrainerState read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            JsonNode o = JSON.readTree(Files.readString(file));
            return new TrainerState(o.get("global_step").asLong(), o.get("epoch").asInt(),
                    o.get("batch_in_epoch").asInt(), o.has("best_metric") ? o.get("best_metric").asDouble() : Double.NaN,
                    o.get("best_model_checkpoint").isNull() ? null : o.get("best_model_checkpoint").asText(),
                    o.get("evals_without_improvement").asInt(), o.get("tokens").asLong());
        } catch (IOException | RuntimeException e) {
            throw new TrainingException(file + " is missing or damaged (" + e.getMessage() + "); the checkpoint "
                    + "cannot be resumed", e);
        }
    }
}
