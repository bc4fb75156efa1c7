package dev.bert4j.tokenizers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A folder of compiled WordPiece tokenizers ({@link CompiledTokenizer}), one file per distinct content of
 * {@code tokenizer.json} and the {@code tokenizer_config.json} beside it. In a fresh JVM, reading all-MiniLM-L6-v2's
 * 700 kB {@code tokenizer.json} costs a few hundred milliseconds of cold code (the JSON tree, the vocabulary map,
 * the trie); its compiled form is read with a few bulk copies.
 *
 * <p>The cache never changes what a tokenizer does: an entry is used only when it is whole, undamaged and made
 * from files with the same bytes; anything else (missing, stale, truncated, corrupted, another format version, an
 * unreadable folder) is passed over silently and the JSON read as usual, then the entry written again. Entries are
 * written to a temporary file and moved into place, so a concurrent reader or a kill mid-write never sees half a
 * file; a folder that cannot be written only means there is no cache. The model directory is never written to.
 *
 * @param folder where the compiled files live; created when the first one is written
 */
public record TokenizerCache(Path folder) {
    /** The subfolder of an application's cache home that {@link #in(Path)} uses. */
    public static final String SUBFOLDER = "tokenizers";
    /** A compiled file larger than this is not read: four times the {@code tokenizer.json} limit covers any real one. */
    private static final long MAX_COMPILED_BYTES = 4 * TokenizerFiles.MAX_FILE_BYTES;

    public TokenizerCache {
        Objects.requireNonNull(folder, "tokenizer cache folder");
    }

    /** The cache in the {@value #SUBFOLDER} subfolder of {@code cacheHome} (bert4j's own cache folder). */
    public static TokenizerCache in(Path cacheHome) {
        return new TokenizerCache(cacheHome.resolve(SUBFOLDER));
    }

    /** Loads {@code json} as {@code TokenizerFiles} does, through the compiled form when it can. */
    Tokenizer load(Path json) {
        byte[] jsonBytes = TokenizerFiles.read(json);
        Path config = TokenizerFiles.configBeside(json);
        byte[] configBytes = config == null ? null : TokenizerFiles.read(config);
        SourceKey key = SourceKey.of(jsonBytes, configBytes);
        Path entry = folder.resolve(key.fileName());
        Tokenizer cached = readEntry(entry, key, json.toString());
        if (cached != null) return cached;
        Tokenizer tokenizer = TokenizerFiles.fromJsonBytes(jsonBytes, json, configBytes, config);
        if (tokenizer.pipeline() instanceof Pipeline p) {
            writeEntry(entry, new CompiledTokenizer.Contents(key, tokenizer.modelMaxLength(),
                    CompiledTokenizer.withoutVocab(jsonBytes),
                    new CompiledVocab(p.model().idToTokenTable(), p.model().vocabSize(), p.model().trie())));
        }
        return tokenizer;
    }

    /** The tokenizer of a usable entry, or null when there is none (any failure counts as none). */
    static Tokenizer readEntry(Path entry, SourceKey key, String source) {
        try {
            if (!Files.isRegularFile(entry) || Files.size(entry) > MAX_COMPILED_BYTES) return null;
            CompiledTokenizer.Contents c = CompiledTokenizer.decode(Files.readAllBytes(entry), key);
            return TokenizerFiles.fromTree(TokenizerFiles.parse(c.jsonWithoutVocab(), source), source, c.modelMaxLength(),
                    c.vocab());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes an entry atomically; a failure leaves no entry and is not reported (the tokenizer is loaded anyway). */
    private void writeEntry(Path entry, CompiledTokenizer.Contents contents) {
        Path tmp = null;
        try {
            byte[] bytes = CompiledTokenizer.encode(contents);
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, entry.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            // no cache this time: the next load tries again
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // an unwritable folder may refuse the clean-up too; the stray file is never read as an entry
                }
            }
        }
    }
}
