package dev.bert4j.japanese;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every word of a dictionary with its surface, in word-id order (the order of the CSV files it was compiled from). */
record DictionaryDump(List<Entry> entries, int matrixSize) {
    record Entry(String surface, int word) {}

    static DictionaryDump of(MecabDictionary dic) {
        List<Entry> out = new ArrayList<>();
        dic.trie.forEach((surface, sourceId) -> {
            int from = dic.wordsFrom(sourceId);
            if (from < 0) return;
            for (int k = 0; k < dic.wordCount(from); k++) out.add(new Entry(surface, dic.word(from, k)));
        });
        out.sort(Comparator.comparingInt(Entry::word));
        return new DictionaryDump(out, dic.matrixSize());
    }
}
