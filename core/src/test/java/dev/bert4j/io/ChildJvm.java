package dev.bert4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a conversion in a separate JVM on the test class path, so tests can run several at once (as two
 * terminals or parallel CI jobs do) and kill one with SIGKILL. Modes:
 * {@code default CACHE_ROOT NAME} converts the embedded MiniLM under the cache folder name NAME;
 * {@code onnx ONNX OUT} runs {@code convert --onnx ONNX --out OUT};
 * {@code resolve CACHE_ROOT ONNX} resolves {@code --model ONNX} (converted once into CACHE_ROOT).
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    public static void main(String[] args) {
        try {
            Path out = switch (args[0]) {
                case "default" -> DefaultModels.ensure(model(args[2]), Path.of(args[1]), ConversionListener.NONE);
                case "onnx" -> {
                    OnnxConversion.convert(Path.of(args[1]), null, null, Path.of(args[2]), ConversionListener.NONE);
                    yield Path.of(args[2]);
                }
                case "resolve" -> new ModelResolver(dev.bert4j.hub.HubSettings.fromEnvironment(
                        java.util.Map.of("HF_HUB_OFFLINE", "1", "HOME", args[1])), Path.of(args[1]),
                        ConversionListener.NONE, dev.bert4j.hub.DownloadListener.NONE).directory(args[2]);
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            };
            System.out.println(out);
        } catch (RuntimeException e) {
            System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /** The embedded MiniLM under another cache name, so each test has its own target. */
    static EmbeddedModel model(String name) {
        EmbeddedModel m = EmbeddedModel.ALL_MINILM_L6_V2;
        return new EmbeddedModel(name, m.onnxResource(), m.tokenizerResource(), m.sentenceTransformers());
    }

    /** Starts {@code ChildJvm args} with the test class path; output goes to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ChildJvm.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
