package dev.bert4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The record of a run, {@code run.json} beside every checkpoint and the final model: what was asked
 * (task, base model, arguments, seed), what it was trained on (SHA-256 of each data file), the metrics
 * of each evaluation and the throughput. A resumed run checks that it goes on with the same task, data
 * and arguments.
 */
public final class RunRecord {
    static final String FILE = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root;

    private RunRecord(ObjectNode root) {
        this.root = root;
    }

    /** A new record; {@code data} maps a role ({@code train}, {@code eval}) to its file. */
    public static RunRecord start(String task, String model, TrainingArguments args, Map<String, Path> data) {
        ObjectNode o = JSON.createObjectNode();
        o.put("task", task);
        o.put("model", model);
        o.set("arguments", JSON.valueToTree(args));
        ObjectNode files = o.putObject("data");
        data.forEach((role, path) -> {
            ObjectNode f = files.putObject(role);
            f.put("file", path.getFileName().toString());
            f.put("sha256", sha256(path));
        });
        o.putArray("evaluations");
        o.putObject("throughput");
        return new RunRecord(o);
    }

    static RunRecord read(Path dir) {
        try {
            return new RunRecord((ObjectNode) JSON.readTree(Files.readString(dir.resolve(FILE))));
        } catch (IOException | RuntimeException e) {
            throw new TrainingException(dir.resolve(FILE) + " is missing or damaged: " + e.getMessage(), e);
        }
    }

    /** Fails unless {@code other} (a new run's start) asks for the same task, data and arguments. */
    void requireSameRun(RunRecord other, Path where) {
        for (String key : new String[] {"task", "data", "arguments"}) {
            JsonNode mine = root.get(key);
            JsonNode theirs = other.root.get(key);
            if (key.equals("arguments")) {
                mine = withoutThreads(mine);
                theirs = withoutThreads(theirs);
            }
            if (!mine.toString().equals(theirs.toString())) {
                throw new TrainingException(where + " holds a run with another " + key + " (" + mine + ", now "
                        + theirs + "); resume with the same task, data and options, or choose another --out");
            }
        }
    }

    private static JsonNode withoutThreads(JsonNode args) {
        ObjectNode copy = args.deepCopy();
        copy.remove("threads");
        return copy;
    }

    void addEvaluation(long step, double epoch, Map<String, Double> metrics) {
        ObjectNode e = ((ArrayNode) root.get("evaluations")).addObject();
        e.put("step", step);
        e.put("epoch", epoch);
        metrics.forEach(e::put);
    }

    /** Drops the evaluations after {@code step} (a resumed run redoes them). */
    void dropAfter(long step) {
        ArrayNode evals = (ArrayNode) root.get("evaluations");
        for (int i = evals.size() - 1; i >= 0; i--) {
            if (evals.get(i).get("step").asLong() > step) {
                evals.remove(i);
            }
        }
    }

    void throughput(long steps, long tokens, double seconds) {
        ObjectNode t = (ObjectNode) root.get("throughput");
        t.put("steps", steps);
        t.put("tokens", tokens);
        t.put("seconds", seconds);
        t.put("tokens_per_second", seconds > 0 ? tokens / seconds : 0);
    }

    void put(String key, String value) {
        root.put(key, value);
    }

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    static String sha256(Path file) {
        try (var in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new TrainingException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
