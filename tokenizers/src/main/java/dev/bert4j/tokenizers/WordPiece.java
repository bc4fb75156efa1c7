package dev.bert4j.tokenizers;

import java.util.Map;

/**
 * Hugging Face {@code WordPiece} model: greedy longest-match-first over the vocabulary; pieces after the first
 * carry {@code continuing_subword_prefix}; a word with a piece that matches nothing, or longer than
 * {@code max_input_chars_per_word} characters (code points), becomes a single {@code unk_token}.
 */
final class WordPiece {
    private final String[] idToToken;
    private final Map<String, Integer> tokenToId;
    private final VocabTrie trie;
    private final int continuationRoot;
    private final int unkId;
    private final String unkToken;
    private final String continuingSubwordPrefix;
    private final int maxInputCharsPerWord;

    WordPiece(Map<String, Integer> vocab, String unkToken, String continuingSubwordPrefix, int maxInputCharsPerWord,
              String source) {
        this.tokenToId = Map.copyOf(vocab);
        int maxId = -1;
        long chars = 0;
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            maxId = Math.max(maxId, e.getValue());
            chars += e.getKey().length();
        }
        this.idToToken = new String[maxId + 1];
        this.trie = new VocabTrie((int) Math.min(chars, 1 << 26));
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            if (e.getValue() < 0) {
                throw TokenizerException.field(source, "model.vocab", "has a negative id for token '" + e.getKey() + "'");
            }
            idToToken[e.getValue()] = e.getKey();
            trie.put(e.getKey(), e.getValue());
        }
        Integer unk = vocab.get(unkToken);
        if (unk == null) {
            throw TokenizerException.field(source, "model.unk_token",
                    "names '" + unkToken + "', which is not in model.vocab");
        }
        this.unkId = unk;
        this.unkToken = unkToken;
        this.continuingSubwordPrefix = continuingSubwordPrefix;
        int cont = trie.walk(VocabTrie.ROOT, continuingSubwordPrefix);
        this.continuationRoot = cont;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
    }

    int vocabSize() {
        return tokenToId.size();
    }

    int tokenToId(String token) {
        Integer id = tokenToId.get(token);
        return id == null ? -1 : id;
    }

    String idToToken(int id) {
        return id >= 0 && id < idToToken.length ? idToToken[id] : null;
    }

    String unkToken() {
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
