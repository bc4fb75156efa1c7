package dev.bert4j.tokenizers;

import java.util.zip.CRC32C;

/**
 * What a compiled tokenizer was made from: the length and CRC32C of the {@code tokenizer.json} bytes and of the
 * {@code tokenizer_config.json} bytes beside it (-1 and 0 when there is none). CRC32C runs as a native or
 * intrinsic routine even in a fresh JVM, where a cryptographic hash would run as interpreted Java; it tells
 * changed files apart, and the cache is not a defence against someone who may write to it.
 */
record SourceKey(long jsonLength, long jsonCrc, long configLength, long configCrc) {

    static SourceKey of(byte[] json, byte[] config) {
        return new SourceKey(json.length, crc(json), config == null ? -1 : config.length, config == null ? 0 : crc(config));
    }

    /** The cache file's name: the key itself and the format version, so neither a changed file nor format shares it. */
    String fileName() {
        return "wordpiece-" + Long.toHexString(jsonCrc) + "-" + jsonLength + "-" + Long.toHexString(configCrc) + "-"
                + configLength + ".v" + CompiledTokenizer.VERSION + ".bin";
    }

    private static long crc(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes);
        return c.getValue();
    }
}
