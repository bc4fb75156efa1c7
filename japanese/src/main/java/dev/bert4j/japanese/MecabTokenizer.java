package dev.bert4j.japanese;

import dev.bert4j.tokenizers.WordSegmenter;

/**
 * MeCab 0.996's word segmentation ({@code tokenizer.cpp} and {@code viterbi.cpp}) over a {@link MecabDictionary}:
 * at every position where a word ends, spaces are skipped, every dictionary word starting there becomes a node,
 * and unknown words are added as MeCab adds them (always when the first character's category says
 * {@code INVOKE}, else only when no dictionary word starts there: the run of the category up to
 * {@value #MAX_GROUPING_SIZE} more characters when it says {@code GROUP}, and its first 1 to {@code LENGTH}
 * characters); each node takes the cheapest predecessor (connection cost plus word cost, the first of equal costs
 * in MeCab's list order winning), and the cheapest path to the end is the segmentation. Positions are code points;
 * MeCab's limit of 65,535 bytes of look-ahead is kept in UTF-8 bytes. Immutable and thread-safe.
 */
final class MecabTokenizer implements WordSegmenter {
    /** MeCab's {@code DEFAULT_MAX_GROUPING_SIZE}: the most characters a grouped unknown word adds after its first. */
    static final int MAX_GROUPING_SIZE = 24;
    private static final int MAX_LOOKAHEAD_BYTES = 65535;

    private final MecabDictionary dic;
    private final int spaceTypes;

    MecabTokenizer(MecabDictionary dic) {
        this.dic = dic;
        this.spaceTypes = dic.chars.types(' ');
    }

    @Override
    public int[] segment(String text) {
        Sentence s = new Sentence(text);
        Lattice lattice = new Lattice(s.n);
        for (int pos = 0; pos < s.n; pos++) {
            if (lattice.endHead[pos] >= 0) lookup(s, pos, lattice);
        }
        int last = s.n;
        while (lattice.endHead[last] < 0) last--;
        int eos = lattice.add(s.n, s.n, 0, 0, 0);
        lattice.connect(dic, last, eos, s.n);
        int count = 0;
        for (int node = lattice.prev[eos]; node != Lattice.BOS; node = lattice.prev[node]) count++;
        int[] words = new int[2 * count];
        int k = count;
        for (int node = lattice.prev[eos]; node != Lattice.BOS; node = lattice.prev[node]) {
            k--;
            words[2 * k] = s.utf16[lattice.start[node]];
            words[2 * k + 1] = s.utf16[lattice.end[node]];
        }
        return words;
    }

    /** MeCab's {@code Tokenizer::lookup} at {@code pos}, then {@code connect} of the new nodes in MeCab's order. */
    private void lookup(Sentence s, int pos, Lattice lattice) {
        int limit = s.limit(pos);
        int begin2 = pos;
        int previousTypes = spaceTypes;
        while (begin2 < limit && (previousTypes & s.types[begin2]) != 0) {
            previousTypes = s.types[begin2];
            begin2++;
        }
        if (begin2 == limit) return;    // only spaces left: MeCab's nodes would end past the text and never connect
        int first = lattice.size;
        int from = begin2;
        dic.trie.commonPrefixSearch(s.chars, s.utf16[begin2], s.utf16[limit], (len, sourceId) -> {
            int to = s.cpAt[s.utf16[from] + len];
            int words = dic.wordsFrom(sourceId);
            if (words < 0) return;
            for (int k = 0; k < dic.wordCount(words); k++) {
                int w = dic.word(words, k);
                lattice.add(from, to, dic.leftId[w], dic.rightId[w], dic.wordCost[w]);
            }
        });
        int category = dic.chars.defaultType(s.cps[begin2]);
        if (lattice.size == first || dic.chars.invoke(category)) unknownWords(s, begin2, limit, category, lattice, first);
        for (int node = lattice.size - 1; node >= first; node--) lattice.connect(dic, pos, node, lattice.end[node]);
    }

    private void unknownWords(Sentence s, int begin2, int limit, int category, Lattice lattice, int first) {
        int begin3 = begin2 + 1;
        int groupEnd = -1;
        int types = s.types[begin2];
        if (dic.chars.group(category)) {
            int q = begin3;
            int chained = types;
            while (q < limit && (chained & s.types[q]) != 0) {
                chained = s.types[q];
                q++;
            }
            if (q - begin3 <= MAX_GROUPING_SIZE) addUnknown(begin2, q, category, lattice);
            groupEnd = q;
        }
        for (int i = 1; i <= dic.chars.length(category); i++) {
            if (begin3 > limit) break;
            if (begin3 == groupEnd) continue;
            addUnknown(begin2, begin3, category, lattice);
            int next = begin3 < limit ? s.types[begin3] : dic.chars.types(0);
            if ((types & next) == 0) break;
            begin3++;
        }
        if (lattice.size == first) addUnknown(begin2, begin3, category, lattice);
    }

    private void addUnknown(int from, int to, int category, Lattice lattice) {
        int[] entries = dic.unknown[category];
        for (int i = 0; i < entries.length; i += 3) lattice.add(from, to, entries[i], entries[i + 1], entries[i + 2]);
    }

    /** The text as code points, with each one's UTF-16 index, UTF-8 byte offset and character types. */
    private final class Sentence {
        final char[] chars;
        final int n;
        final int[] cps;
        final int[] types;
        final int[] utf16;
        final int[] bytes;
        /** For each UTF-16 index that starts a code point (and the end), its code point index. */
        final int[] cpAt;

        Sentence(String text) {
            chars = text.toCharArray();
            n = text.codePointCount(0, text.length());
            cps = new int[n];
            types = new int[n];
            utf16 = new int[n + 1];
            bytes = new int[n + 1];
            cpAt = new int[chars.length + 1];
            int i = 0;
            for (int k = 0; k < n; k++) {
                int cp = Character.codePointAt(chars, i);
                cps[k] = cp;
                types[k] = dic.chars.types(cp);
                utf16[k] = i;
                cpAt[i] = k;
                bytes[k + 1] = bytes[k] + (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
                i += Character.charCount(cp);
            }
            utf16[n] = chars.length;
            cpAt[chars.length] = n;
        }

        /** MeCab reads at most 65,535 bytes ahead of a position: the last code point boundary within them. */
        int limit(int pos) {
            if (bytes[n] - bytes[pos] < MAX_LOOKAHEAD_BYTES) return n;
            int e = pos;
            while (e < n && bytes[e + 1] - bytes[pos] <= MAX_LOOKAHEAD_BYTES) e++;
            return e;
        }
    }
}
