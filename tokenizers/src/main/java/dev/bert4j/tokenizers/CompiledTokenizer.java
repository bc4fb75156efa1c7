package dev.bert4j.tokenizers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.zip.CRC32C;

/**
 * The binary form of a WordPiece tokenizer that {@link TokenizerCache} keeps: the vocabulary as one block of
 * UTF-16 units with a length per id, the {@link VocabTrie}'s arrays as they are, and {@code tokenizer.json}
 * without {@code model.vocab} (its bytes, the vocabulary cut out), so the rest of the configuration is read by the
 * same code as the JSON. Reading it is a few bulk copies instead of a parse of every vocabulary entry.
 *
 * <p>Layout, little-endian: magic, format version, payload length, CRC32C of the payload; then the payload: the
 * {@link SourceKey} of the files it was made from, {@code model_max_length} (-1: none), the JSON without the
 * vocabulary, the vocabulary (entry count, table length, unit count, a length per id with -1 for a gap, the units),
 * and the trie (slot count, node count, keys, children, token id per node).
 *
 * <p>The file is untrusted input: {@link #decode} checks every length against what is left before it allocates,
 * the checksum, the key, and the trie's structure, and throws {@link IllegalArgumentException} at the first
 * mismatch, so a damaged file is never used.
 */
final class CompiledTokenizer {
    static final long MAGIC = 0x4354_6a34_7472_6562L;   // "bert4jTC" read as a little-endian long
    /** Raised whenever the layout, or what {@link #encode} writes, changes; older files are then ignored. */
    static final int VERSION = 1;
    private static final int HEADER_BYTES = 20;

    /**
     * What a compiled tokenizer holds.
     *
     * @param key            the files it was made from
     * @param modelMaxLength {@code model_max_length} of {@code tokenizer_config.json}
     * @param jsonWithoutVocab {@code tokenizer.json} with {@code model.vocab} replaced by an empty object
     */
    record Contents(SourceKey key, OptionalInt modelMaxLength, byte[] jsonWithoutVocab, CompiledVocab vocab) {
    }

    private CompiledTokenizer() {
    }

    static byte[] encode(Contents c) {
        String[] table = c.vocab().idToToken();
        int units = 0;
        for (String t : table) units += t == null ? 0 : t.length();
        VocabTrie trie = c.vocab().trie();
        long[] keys = trie.keys();
        int[] nodeIds = trie.nodeTokenIds();
        long payload = 4L * 8 + 4 + 4 + c.jsonWithoutVocab().length + 12 + 4L * table.length + 2L * units
                + 8 + 8L * keys.length + 4L * keys.length + 4L * nodeIds.length;
        if (payload > Integer.MAX_VALUE - HEADER_BYTES) throw new IllegalArgumentException("tokenizer too large to compile");
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + (int) payload).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(MAGIC).putInt(VERSION).putInt((int) payload).putInt(0);
        SourceKey k = c.key();
        b.putLong(k.jsonLength()).putLong(k.jsonCrc()).putLong(k.configLength()).putLong(k.configCrc());
        b.putInt(c.modelMaxLength().orElse(-1));
        b.putInt(c.jsonWithoutVocab().length).put(c.jsonWithoutVocab());
        b.putInt(c.vocab().vocabSize()).putInt(table.length).putInt(units);
        char[] chars = new char[units];
        int at = 0;
        for (String t : table) {
            b.putInt(t == null ? -1 : t.length());
            if (t != null) t.getChars(0, t.length(), chars, at);
            at += t == null ? 0 : t.length();
        }
        b.asCharBuffer().put(chars);
        b.position(b.position() + 2 * units);
        b.putInt(keys.length).putInt(nodeIds.length);
        b.asLongBuffer().put(keys);
        b.position(b.position() + 8 * keys.length);
        b.asIntBuffer().put(trie.children());
        b.position(b.position() + 4 * keys.length);
        b.asIntBuffer().put(nodeIds);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), HEADER_BYTES, (int) payload);
        b.putInt(16, (int) crc.getValue());
        return b.array();
    }

    /**
     * The contents of {@code file} if it is a whole, undamaged compiled tokenizer of the files {@code expected}
     * names.
     *
     * @throws IllegalArgumentException naming the first check that failed
     */
    static Contents decode(byte[] file, SourceKey expected) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < HEADER_BYTES || b.getLong() != MAGIC) throw new IllegalArgumentException("not a compiled tokenizer");
        if (b.getInt() != VERSION) throw new IllegalArgumentException("another format version");
        if (b.getInt() != file.length - HEADER_BYTES) throw new IllegalArgumentException("truncated or extended");
        int crc = b.getInt();
        CRC32C check = new CRC32C();
        check.update(b);
        if ((int) check.getValue() != crc) throw new IllegalArgumentException("checksum mismatch");
        b.position(HEADER_BYTES);
        SourceKey key = new SourceKey(b.getLong(), b.getLong(), b.getLong(), b.getLong());
        if (!key.equals(expected)) throw new IllegalArgumentException("made from other files");
        int maxLen = b.getInt();
        byte[] json = new byte[count(b, 1)];
        b.get(json);
        CompiledVocab vocab = vocab(b);
        if (b.hasRemaining()) throw new IllegalArgumentException("bytes after the trie");
        return new Contents(key, maxLen < 0 ? OptionalInt.empty() : OptionalInt.of(maxLen), json, vocab);
    }

    private static CompiledVocab vocab(ByteBuffer b) {
        int vocabSize = b.getInt();
        int tableLength = count(b, 4);
        int units = b.getInt();
        int[] lengths = new int[tableLength];
        b.asIntBuffer().get(lengths);
        b.position(b.position() + 4 * tableLength);
        if (units < 0 || units > b.remaining() / 2) throw new IllegalArgumentException("vocabulary units out of range");
        char[] chars = new char[units];
        b.asCharBuffer().get(chars);
        b.position(b.position() + 2 * units);
        String[] table = new String[tableLength];
        int at = 0;
        int entries = 0;
        for (int id = 0; id < tableLength; id++) {
            int n = lengths[id];
            if (n == -1) continue;
            if (n < 0 || n > units - at) throw new IllegalArgumentException("token length out of range");
            table[id] = new String(chars, at, n);
            at += n;
            entries++;
        }
        if (at != units || entries != vocabSize) throw new IllegalArgumentException("vocabulary counts disagree");
        return new CompiledVocab(table, vocabSize, trie(b, table));
    }

    private static VocabTrie trie(ByteBuffer b, String[] table) {
        int slots = b.getInt();
        int nodes = b.getInt();
        if (slots < 0 || nodes < 0 || (long) slots * 12 + (long) nodes * 4 != b.remaining()) {
            throw new IllegalArgumentException("trie sizes disagree with the file length");
        }
        long[] keys = new long[slots];
        b.asLongBuffer().get(keys);
        b.position(b.position() + 8 * slots);
        int[] children = new int[slots];
        b.asIntBuffer().get(children);
        b.position(b.position() + 4 * slots);
        int[] tokenIds = new int[nodes];
        b.asIntBuffer().get(tokenIds);
        b.position(b.position() + 4 * nodes);
        VocabTrie trie = new VocabTrie(keys, children, tokenIds, table.length);
        for (int id : tokenIds) {
            if (id >= 0 && table[id] == null) throw new IllegalArgumentException("trie names id " + id + ", which has no token");
        }
        return trie;
    }

    /** A count read from {@code b}, checked to fit in what is left at {@code unitBytes} bytes each. */
    private static int count(ByteBuffer b, int unitBytes) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / unitBytes) throw new IllegalArgumentException("length " + n + " out of range");
        return n;
    }

    /**
     * {@code json} with the value of every {@code vocab} field of the top-level {@code model} object replaced by
     * {@code {}}: the same document, byte for byte, apart from the vocabulary.
     */
    static byte[] withoutVocab(byte[] json) {
        List<long[]> cuts = new ArrayList<>();
        try (JsonParser p = JsonTrees.parser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() == JsonToken.START_OBJECT && name.equals("model")) {
                    vocabRanges(p, cuts);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer out = ByteBuffer.allocate(json.length + 2 * cuts.size());
        int from = 0;
        for (long[] cut : cuts) {
            out.put(json, from, (int) cut[0] - from).put((byte) '{').put((byte) '}');
            from = (int) cut[1];
        }
        out.put(json, from, json.length - from);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    private static void vocabRanges(JsonParser p, List<long[]> cuts) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            long start = p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            if (name.equals("vocab")) cuts.add(new long[] {start, p.currentLocation().getByteOffset()});
        }
    }
}
