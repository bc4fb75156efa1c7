package dev.bert4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bert4j.hub.pytorch.PyTorchCheckpoint;
import dev.bert4j.io.ModelDirectory;
import dev.bert4j.io.SentenceTransformersConfig;
import dev.bert4j.io.safetensors.SafetensorsFile;
import dev.bert4j.io.safetensors.TensorEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code bert4j inspect}: what a model directory holds, without running it. */
@Command(name = "inspect",
        description = "Show a model's config, parameter counts per module, weight dtypes and file sizes.")
final class InspectCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin ModelOptions model;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    /** What inspect reports, also its JSON form. */
    record Report(String directory, JsonNode config, Map<String, Long> parameters, long totalParameters,
                  Map<String, Long> dtypes, Map<String, Long> files, String sentenceTransformers) {
    }

    @Override
    public Integer call() throws IOException {
        ModelDirectory dir = ModelDirectory.open(model.directory());
        Report report = report(dir);
        if (json) {
            try (JsonOutput out = new JsonOutput(model.out(), model.err())) {
                out.line(g -> JsonLinesTask.MAPPER.writeValue(g, report));
            }
        } else {
            print(model.out(), report);
        }
        return 0;
    }

    static Report report(ModelDirectory dir) throws IOException {
        Map<String, Long> modules = new LinkedHashMap<>();
        Map<String, Long> dtypes = new TreeMap<>();
        long total = 0;
        for (Path file : dir.weightFiles()) {
            if (ModelDirectory.isPyTorch(file)) {
                for (var e : PyTorchCheckpoint.read(file).entrySet()) {
                    modules.merge(module(e.getKey()), e.getValue().numel(), Long::sum);
                    dtypes.merge(e.getValue().dtype().name(), e.getValue().numel(), Long::sum);
                    total += e.getValue().numel();
                }
                continue;
            }
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                for (TensorEntry e : f.entries().values()) {
                    modules.merge(module(e.name()), e.numel(), Long::sum);
                    dtypes.merge(e.dtype(), e.numel(), Long::sum);
                    total += e.numel();
                }
            }
        }
        Map<String, Long> files = new TreeMap<>();
        try (var listing = Files.walk(dir.dir(), 2)) {
            for (Path p : listing.filter(Files::isRegularFile).toList()) {
                files.put(dir.dir().relativize(p).toString(), Files.size(p));
            }
        }
        SentenceTransformersConfig st = dir.sentenceTransformers();
        String stText = st == null ? null : "pooling " + st.poolingModes().stream().map(m -> m.shortName()).toList()
                + (st.normalize() ? ", normalized" : "") + (st.maxSeqLength() == null ? "" : ", max_seq_length "
                + st.maxSeqLength()) + (st.dense().isEmpty() ? "" : ", " + st.dense().size() + " Dense module(s)");
        JsonNode config = new ObjectMapper().readTree(dir.config().toJson());
        return new Report(dir.dir().toString(), config, modules, total, dtypes, files, stText);
    }

    /** The module a weight belongs to: {@code encoder.layer.3}, {@code embeddings}, {@code pooler}, a head's name. */
    static String module(String name) {
        String n = name.startsWith("bert.") ? name.substring(5) : name;
        String[] parts = n.split("\\.");
        if (parts.length >= 3 && parts[0].equals("encoder") && parts[1].equals("layer")) {
            return "encoder.layer." + parts[2];
        }
        return parts[0];
    }

    private static void print(PrintWriter out, Report r) {
        out.println("model: " + r.directory());
        out.println();
        out.println("config:");
        r.config().properties().forEach(e -> out.printf(Locale.ROOT, "  %-30s %s%n", e.getKey(), e.getValue()));
        out.println();
        out.println("parameters:");
        r.parameters().forEach((m, n) -> out.printf(Locale.ROOT, "  %-30s %,15d%n", m, n));
        out.printf(Locale.ROOT, "  %-30s %,15d%n", "total", r.totalParameters());
        out.println();
        out.println("dtypes: " + r.dtypes());
        if (r.sentenceTransformers() != null) {
            out.println("sentence-transformers: " + r.sentenceTransformers());
        }
        out.println();
        out.println("files:");
        r.files().forEach((f, size) -> out.printf(Locale.ROOT, "  %-40s %12s%n", f, human(size)));
        out.flush();
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kib = bytes / 1024.0;
        return kib < 1024 ? String.format(Locale.ROOT, "%.1f KiB", kib) : String.format(Locale.ROOT, "%.1f MiB", kib / 1024);
    }
}
