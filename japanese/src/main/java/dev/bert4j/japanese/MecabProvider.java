package dev.bert4j.japanese;

import dev.bert4j.tokenizers.TokenizerException;
import dev.bert4j.tokenizers.WordSegmenter;
import dev.bert4j.tokenizers.WordSegmenterProvider;

import java.util.Map;

/**
 * MeCab for {@code BertJapaneseTokenizer}'s {@code word_tokenizer_type: "mecab"}, in pure Java. {@code mecab_kwargs}:
 * {@code mecab_dic} {@code "ipadic"} (the default, as in transformers) reads IPADIC 2.7.0-20070801 from
 * {@code com.atilika.kuromoji:kuromoji-ipadic}; {@code "unidic_lite"} reads UniDic 2.1.2 (the unidic_lite
 * package's dictionary) from {@code kuromoji-unidic}; {@code mecab_option} may be empty. Anything else (UniDic 3.1
 * as {@code "unidic"}, a system dictionary, MeCab options) is refused with the reason, never silently replaced.
 */
public final class MecabProvider implements WordSegmenterProvider {
    @Override
    public String wordTokenizerType() {
        return "mecab";
    }

    @Override
    public WordSegmenter open(Map<String, String> options, String source) {
        for (String key : options.keySet()) {
            if (!key.equals("mecab_dic") && !key.equals("mecab_option")) {
                throw new TokenizerException(source + ": field 'mecab_kwargs." + key + "' is not an option of"
                        + " transformers' MecabTokenizer (mecab_dic, mecab_option, normalize_text)");
            }
        }
        String option = options.get("mecab_option");
        if (option != null && !option.isBlank()) {
            throw new TokenizerException(source + ": field 'mecab_kwargs.mecab_option' is '" + option + "'; bert4j's"
                    + " MeCab takes no command-line options (its dictionary is chosen with mecab_dic)");
        }
        String dic = options.containsKey("mecab_dic") ? options.get("mecab_dic") : "ipadic";
        if ("ipadic".equals(dic) || "unidic_lite".equals(dic)) {
            String dir = "com/atilika/kuromoji/" + ("ipadic".equals(dic) ? "ipadic" : "unidic");
            return new MecabTokenizer(DictionaryFiles.load(dir, DictionaryFiles.ipadicCharLines()));
        }
        throw new TokenizerException(source + ": field 'mecab_kwargs.mecab_dic' is " + (dic == null ? "null (a system"
                + " MeCab dictionary)" : "'" + dic + "'") + "; bert4j's MeCab reads ipadic and unidic_lite (UniDic 2.1.2);"
                + " unidic (UniDic 3.1) is not on Maven Central");
    }
}
