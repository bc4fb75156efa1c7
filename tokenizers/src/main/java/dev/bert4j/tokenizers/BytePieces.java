package dev.bert4j.tokenizers;

import java.util.Arrays;
import java.util.Map;

/** The byte pieces {@code <0x00>} to {@code <0xFF>} that byte fallback spells an unknown piece with. */
final class BytePieces {
    private BytePieces() {
    }

    /** The id of each byte's piece in {@code vocab}, -1 where it has none; made once, looked up per byte. */
    static int[] ids(Map<String, Integer> vocab) {
        int[] ids = new int[256];
        Arrays.fill(ids, -1);
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.get(String.format("<0x%02X>", b));
            if (id != null) {
                ids[b] = id;
            }
        }
        return ids;
    }
}
