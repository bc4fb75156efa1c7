package dev.bert4j.tokenizers;

/**
 * SentencePiece's normalization rules as a precompiled character map ({@code NormalizerSpec.precompiled_charsmap};
 * the same blob Hugging Face's {@code Precompiled} normalizer reads): a 4-byte little-endian size, a darts-clone
 * double array over UTF-8 bytes, then the replacement strings, each ended by a zero byte. The longest rule that
 * matches at a position replaces it. Immutable.
 */
final class PrecompiledCharsMap {
    private final int[] units;
    private final byte[] replacements;

    PrecompiledCharsMap(byte[] blob, String source) {
        if (blob.length < 4) throw new TokenizerException(source + ": the precompiled character map is too short");
        long size = (blob[0] & 0xFFL) | (blob[1] & 0xFFL) << 8 | (blob[2] & 0xFFL) << 16 | (blob[3] & 0xFFL) << 24;
        if (size % 4 != 0 || size >= blob.length - 4L + 1) {
            throw new TokenizerException(source + ": the precompiled character map's trie size " + size + " does not fit its "
                    + blob.length + " bytes");
        }
        units = new int[(int) size / 4];
        for (int i = 0; i < units.length; i++) {
            int at = 4 + 4 * i;
            units[i] = (blob[at] & 0xFF) | (blob[at + 1] & 0xFF) << 8 | (blob[at + 2] & 0xFF) << 16 | (blob[at + 3] & 0xFF) << 24;
        }
        replacements = new byte[blob.length - 4 - (int) size];
        System.arraycopy(blob, 4 + (int) size, replacements, 0, replacements.length);
    }

    /**
     * The longest rule matching {@code utf8[from, to)} at {@code from}: its length in bytes in the high 32 bits and the
     * offset of its replacement in the low ones, or -1 when none matches.
     */
    long longestMatch(byte[] utf8, int from, int to) {
        if (units.length == 0) return -1;
        long best = -1;
        int id = offset(units[0]);
        for (int i = from; i < to; i++) {
            int label = utf8[i] & 0xFF;
            id ^= label;
            if (id < 0 || id >= units.length) return best;
            int unit = units[id];
            if ((unit & ((1 << 31) | 0xFF)) != label) return best;
            id ^= offset(unit);
            if (((unit >>> 8) & 1) == 1) {
                if (id < 0 || id >= units.length) return best;
                int value = units[id] & Integer.MAX_VALUE;
                best = ((long) (i + 1 - from) << 32) | value;
            }
        }
        return best;
    }

    /**
     * The shortest rule matching {@code utf8[from, to)} at {@code from} (the first result of a common prefix search,
     * which Hugging Face's {@code Precompiled} takes): the offset of its replacement, or -1.
     */
    int shortestMatch(byte[] utf8, int from, int to) {
        if (units.length == 0) return -1;
        int id = offset(units[0]);
        for (int i = from; i < to; i++) {
            int label = utf8[i] & 0xFF;
            id ^= label;
            if (id < 0 || id >= units.length) return -1;
            int unit = units[id];
            if ((unit & ((1 << 31) | 0xFF)) != label) return -1;
            id ^= offset(unit);
            if (((unit >>> 8) & 1) == 1) {
                if (id < 0 || id >= units.length) return -1;
                return units[id] & Integer.MAX_VALUE;
            }
        }
        return -1;
    }

    /** The replacement at {@code offset}: the bytes up to the next zero byte. */
    byte[] replacement(int offset) {
        int end = offset;
        while (end < replacements.length && replacements[end] != 0) end++;
        if (offset >= replacements.length) return new byte[0];
        byte[] out = new byte[end - offset];
        System.arraycopy(replacements, offset, out, 0, out.length);
        return out;
    }

    private static int offset(int unit) {
        return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
    }
}
