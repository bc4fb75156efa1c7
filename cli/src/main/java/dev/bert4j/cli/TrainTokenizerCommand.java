package dev.bert4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bert4j.tokenizers.TrainedVocabulary;
import dev.bert4j.tokenizers.TrainingSummary;
import dev.bert4j.tokenizers.WordPieceTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bert4j train-tokenizer}: trains a BERT WordPiece vocabulary, as Hugging Face's BertWordPieceTokenizer does. */
@Command(name = "train-tokenizer",
        description = {"Train a BERT WordPiece vocabulary on --corpus files (plain text, one text per line, or JSON"
                + " Lines with a \"text\" field when the name ends in .jsonl) and write vocab.txt, tokenizer.json,"
                + " tokenizer_config.json and special_tokens_map.json into --out.",
            "Prints a JSON summary: vocabulary size, texts and words counted, alphabet size, merges."})
final class TrainTokenizerCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--corpus", required = true, paramLabel = "FILE",
            description = "Training text; repeat for several files.")
    List<Path> corpus;

    @Option(names = "--vocab-size", paramLabel = "N", defaultValue = "30000",
            description = "Tokens in the vocabulary, special tokens included (default: ${DEFAULT-VALUE}).")
    int vocabSize;

    @Option(names = "--min-frequency", paramLabel = "N", defaultValue = "2",
            description = "Merge only pairs seen at least N times (default: ${DEFAULT-VALUE}).")
    long minFrequency;

    @Option(names = "--limit-alphabet", paramLabel = "N", defaultValue = "1000",
            description = "Keep at most the N most frequent characters (default: ${DEFAULT-VALUE}).")
    int limitAlphabet;

    @Option(names = "--lowercase", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Lowercase the text (default); --no-lowercase keeps case.")
    boolean lowercase;

    @Option(names = "--strip-accents", negatable = true,
            description = "Strip accents (default: only when lowercasing).")
    Boolean stripAccents;

    @Option(names = "--special-tokens", paramLabel = "A,B,...", split = ",",
            defaultValue = "[PAD],[UNK],[CLS],[SEP],[MASK]",
            description = "Special tokens, ids 0.. in this order; must include [UNK], [CLS] and [SEP]"
                    + " (default: ${DEFAULT-VALUE}).")
    List<String> specialTokens;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if needed).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress messages.")
    boolean quiet;

    @Override
    public Integer call() {
        WordPieceTrainer trainer = WordPieceTrainer.builder().vocabSize(vocabSize).minFrequency(minFrequency)
                .limitAlphabet(limitAlphabet).lowercase(lowercase).stripAccents(stripAccents)
                .specialTokens(specialTokens).build();
        long start = System.nanoTime();
        TrainedVocabulary vocabulary;
        try (CorpusTexts texts = new CorpusTexts(corpus)) {
            note("training a " + vocabSize + "-token WordPiece vocabulary on " + corpus.size() + " corpus file(s)");
            vocabulary = trainer.train(texts);
        }
        vocabulary.writeTo(out);
        double seconds = (System.nanoTime() - start) / 1e9;
        note("wrote " + out);
        print(vocabulary.summary(), seconds);
        return 0;
    }

    private void note(String message) {
        if (!quiet) {
            spec.commandLine().getErr().println(message);
            spec.commandLine().getErr().flush();
        }
    }

    private void print(TrainingSummary s, double seconds) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("out", out.toString());
        summary.put("vocab_size", s.vocabSize());
        summary.put("texts", s.texts());
        summary.put("words", s.words());
        summary.put("distinct_words", s.distinctWords());
        summary.put("alphabet_size", s.alphabetSize());
        summary.put("merges", s.merges());
        summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
        try {
            spec.commandLine().getOut().println(JsonLinesTask.MAPPER.writeValueAsString(summary));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        spec.commandLine().getOut().flush();
    }
}
