package dev.bert4j.japanese;

import dev.bert4j.tokenizers.TokenizerException;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One installed {@code jumanpp} kept running for many texts, as rhoknp's {@code Jumanpp} processor keeps its
 * {@code Popen}: a line of text goes to its standard input, and the JUMAN-format lines it answers are read up to
 * {@code EOS}. Each morpheme line starts with its surface; {@code @ } lines (homographs of the morpheme before) and
 * {@code # } lines (comments) are skipped. Juman++ escapes with a backslash the characters that would break its
 * space-separated fields ({@code \␣} or {@code \ } for a space, {@code \\} for a backslash), and the surface is read
 * back unescaped. A line is a morpheme when its fields 5, 7, 9 and 11 are numbers (rhoknp's pattern); a morpheme
 * whose surface is {@code @} or {@code #} is told from a homograph or comment line that way. Calls are
 * serialized (thread-safe); when the process dies the call fails with the reason and the next call starts it again.
 */
final class JumanppRunner implements AutoCloseable {
    /** The environment variable naming the Juman++ executable; without it {@code jumanpp} is looked up on PATH. */
    static final String ENV = "BERT4J_JUMANPP";

    private final String executable;
    private Process process;
    private BufferedWriter stdin;
    private BufferedReader stdout;
    private int starts;

    JumanppRunner(String executable) {
        this.executable = executable;
    }

    /** The executable {@code env} names: {@value #ENV}, else {@code jumanpp} in a PATH folder; else says what to install. */
    static String locate(Map<String, String> env) {
        String named = env.get(ENV);
        if (named != null && !named.isBlank()) {
            if (!Files.isExecutable(Path.of(named))) {
                throw new TokenizerException(ENV + " is '" + named + "', which is not an executable file: point it at"
                        + " the jumanpp program (Juman++ v2, https://github.com/ku-nlp/jumanpp)");
            }
            return named;
        }
        String path = env.getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) continue;
            Path candidate = Path.of(folder, "jumanpp");
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        throw new TokenizerException("word_tokenizer_type 'jumanpp' needs Juman++: install Juman++ v2"
                + " (https://github.com/ku-nlp/jumanpp, the analyzer transformers' JumanppTokenizer runs through rhoknp)"
                + " so that 'jumanpp' is on the PATH, or set " + ENV + " to its path; no jumanpp was found on PATH=" + path);
    }

    /** The surfaces of the morphemes of one line of text (no line breaks), in order. */
    synchronized List<String> analyze(String line) {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("one line at a time: the text holds a line break");
        }
        if (process == null || !process.isAlive()) start();
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
            List<String> surfaces = new ArrayList<>();
            for (String out = stdout.readLine(); ; out = stdout.readLine()) {
                if (out == null) throw died(null);
                if (out.equals("EOS")) return surfaces;
                if (isMorpheme(out) && !(out.startsWith("@ ") && isMorpheme(out.substring(2)))) {
                    surfaces.add(surface(out));
                } else if (!out.startsWith("@ ") && !out.startsWith("#")) {
                    throw new TokenizerException("Juman++ (" + executable + ") answered a line that is not a JUMAN"
                            + " morpheme, homograph or comment: '" + out + "'");
                }
            }
        } catch (IOException e) {
            throw died(e);
        }
    }

    private void start() {
        stop();
        try {
            process = new ProcessBuilder(executable).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new TokenizerException("cannot start Juman++ (" + executable + "): " + e.getMessage(), e);
        }
        stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        starts++;
    }

    /** The failure of a process that stopped mid-answer; it is stopped for good, so the next call starts a new one. */
    private TokenizerException died(IOException cause) {
        Process p = process;
        stop();
        String exit;
        try {
            exit = p != null && p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) ? "exit code " + p.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "interrupted while waiting for it";
        }
        return new TokenizerException("Juman++ (" + executable + ") stopped while analysing a text (" + exit + "); the"
                + " next text starts it again", cause);
    }

    private void stop() {
        if (process != null) process.destroy();
        process = null;
        stdin = null;
        stdout = null;
    }

    /** {@code surface reading lemma pos pos_id subpos subpos_id conjtype conjtype_id conjform conjform_id ...}. */
    static boolean isMorpheme(String line) {
        int field = 0;
        int start = 0;
        for (int i = 0; i <= line.length() && field <= 10; i++) {
            if (i < line.length() && line.charAt(i) == '\\') {
                i++;
            } else if (i == line.length() || line.charAt(i) == ' ') {
                boolean number = i > start && line.substring(start, i).chars().allMatch(c -> c >= '0' && c <= '9');
                if (field % 2 == 0 && field >= 4 && !number) return false;
                if (i == start) return false;
                field++;
                start = i + 1;
            }
        }
        return field > 10;
    }

    /** The first field of a JUMAN line, its backslash escapes undone ({@code \␣} is a space). */
    static String surface(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                sb.append(next == '\u2423' ? ' ' : next);
            } else if (c == ' ') {
                break;
            } else {
                sb.append(c);
            }
        }
        if (sb.isEmpty()) throw new TokenizerException("Juman++ answered a line without a surface: '" + line + "'");
        return sb.toString();
    }

    /** How many processes this runner has started (one, unless one died). */
    synchronized int starts() {
        return starts;
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
