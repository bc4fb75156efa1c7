package dev.bert4j.tokenizers;

import java.util.Map;

/**
 * Hugging Face {@code WordPiece} model: greedy longest-match-first over the vocabulary; pieces after the first
 * carry {@code continuing_subword_prefix}; a word with a piece that matches nothing, or longer than
 * {@code max_input_chars_per_word} characters (code points), becomes a single {@code unk_token}.
 */
final class WordPiece implements Vocabulary {
    private final String[] idToToken;
    private final int vocabSize;
    private final VocabTrie trie;
    private final int continuationRoot;
    private final int unkId;
    private final String unkToken;
    private final String continuingSubwordPrefix;
    private final int maxInputCharsPerWord;

    WordPiece(Map<String, Integer> vocab, String unkToken, String continuingSubwordPrefix, int maxInputCharsPerWord,
              String source) {
        this(idToToken(vocab, source), vocab.size(), trie(vocab), unkToken, continuingSubwordPrefix, maxInputCharsPerWord,
                source);
    }

    /**
     * A model from its tables as {@link CompiledTokenizer} keeps them: {@code idToToken} indexed by id (null in
     * the gaps), {@code vocabSize} entries, and the trie of exactly those tokens.
     */
    WordPiece(String[] idToToken, int vocabSize, VocabTrie trie, String unkToken, String continuingSubwordPrefix,
              int maxInputCharsPerWord, String source) {
        this.vocabSize = vocabSize;
        this.idToToken = idToToken;
        this.trie = trie;
        int unkNode = trie.walk(VocabTrie.ROOT, unkToken);
        if (unkNode < 0 || trie.tokenId(unkNode) < 0) {
            throw TokenizerException.field(source, "model.unk_token",
                    "names '" + unkToken + "', which is not in model.vocab");
        }
        this.unkId = trie.tokenId(unkNode);
        this.unkToken = unkToken;
        this.continuingSubwordPrefix = continuingSubwordPrefix;
        this.continuationRoot = trie.walk(VocabTrie.ROOT, continuingSubwordPrefix);
        this.maxInputCharsPerWord = maxInputCharsPerWord;
    }

    private static VocabTrie trie(Map<String, Integer> vocab) {
        long chars = 0;
        for (String token : vocab.keySet()) {
            chars += token.length();
        }
        VocabTrie trie = new VocabTrie((int) Math.min(chars, 1 << 26));
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            trie.put(e.getKey(), e.getValue());
        }
        return trie;
    }

    /**
     * The id-to-token table. Ids are checked before it is sized: none negative, none shared by two tokens, and
     * each below twice the number of entries. Gaps are allowed, as Hugging Face tokenizers allows them (it only
     * warns when it saves such a vocabulary, and a {@code vocab.txt} with a repeated line makes one), but an id
     * far beyond the entry count is a broken or hostile file, not a vocabulary: it would cost memory by the id.
     */
    private static String[] idToToken(Map<String, Integer> vocab, String source) {
        long limit = 2L * vocab.size();
        int maxId = -1;
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            int id = e.getValue();
            if (id < 0) throw TokenizerException.field(source, "model.vocab", "has a negative id for token '" + e.getKey() + "'");
            if (id >= limit) {
                throw TokenizerException.field(source, "model.vocab", "gives token '" + e.getKey() + "' id " + id + ", but has only "
                        + vocab.size() + " entries (ids may leave gaps, but must stay below twice the number of entries)");
            }
            maxId = Math.max(maxId, id);
        }
        String[] table = new String[maxId + 1];
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            String other = table[e.getValue()];
            if (other != null) {
                throw TokenizerException.field(source, "model.vocab", "gives tokens '" + other + "' and '" + e.getKey()
                        + "' the same id " + e.getValue());
            }
            table[e.getValue()] = e.getKey();
        }
        return table;
    }

    /** The id-to-token table (null in the gaps); shared, not copied. */
    String[] idToTokenTable() {
        return idToToken;
    }

    VocabTrie trie() {
        return trie;
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** The id of {@code token}, or -1; the trie holds every token, so no second map of them is kept. */
    public int tokenToId(String token) {
        int node = trie.walk(VocabTrie.ROOT, token);
        return node < 0 ? -1 : trie.tokenId(node);
    }

    public String idToToken(int id) {
        return id >= 0 && id < idToToken.length ? idToToken[id] : null;
    }

    public String unkToken() {
        return unkToken;
    }

    String continuingSubwordPrefix() {
        return continuingSubwordPrefix;
    }

    int maxInputCharsPerWord() {
        return maxInputCharsPerWord;
    }

    /** Tokenizes the word {@code norm.chars[from, to)} into {@code out}, with word index {@code word}. */
    void tokenize(NormalizedText norm, int from, int to, int word, TokenSequence out) {
        char[] chars = norm.chars;
        if (to - from > maxInputCharsPerWord && Character.codePointCount(chars, from, to - from) > maxInputCharsPerWord) {
            out.add(unkId, unkToken, norm.srcStart[from], norm.srcEnd[to - 1], word);
            return;
        }
        int mark = out.size();
        int start = from;
        while (start < to) {
            int node = start == from ? VocabTrie.ROOT : continuationRoot;
            int matchEnd = -1;
            int matchId = -1;
            for (int i = start; i < to && node >= 0; i++) {
                node = trie.child(node, chars[i]);
                if (node >= 0) {
                    int id = trie.tokenId(node);
                    if (id >= 0) {
                        matchEnd = i + 1;
                        matchId = id;
                    }
                }
            }
            if (matchId < 0) {
                out.truncate(mark);
                out.add(unkId, unkToken, norm.srcStart[from], norm.srcEnd[to - 1], word);
                return;
            }
            out.add(matchId, idToToken[matchId], norm.srcStart[start], norm.srcEnd[matchEnd - 1], word);
            start = matchEnd;
        }
    }
}
