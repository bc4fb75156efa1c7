package dev.bert4j.train;

import dev.bert4j.tokenizers.Tokenizer;
import dev.bert4j.train.pretrain.PretrainingTask;
import dev.bert4j.train.tasks.MultipleChoiceTask;
import dev.bert4j.train.tasks.QuestionAnsweringTask;
import dev.bert4j.train.tasks.TextClassificationTask;
import dev.bert4j.train.tasks.TokenClassificationTask;

import java.util.Arrays;
import java.util.Locale;

/** The fine-tuning tasks by their Hugging Face pipeline names. */
public enum TaskName {
    TEXT_CLASSIFICATION("text-classification"),
    TOKEN_CLASSIFICATION("token-classification"),
    QUESTION_ANSWERING("question-answering"),
    MULTIPLE_CHOICE("multiple-choice"),
    PRETRAINING("pretraining"),
    MASKED_LM("mlm");

    private final String cliName;

    TaskName(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static TaskName parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(t -> t.cliName.equals(n)).findFirst().orElseThrow(() ->
                new TrainingException("unknown --task '" + name + "'; use one of "
                        + Arrays.stream(values()).map(TaskName::cliName).toList()));
    }

    /** Reads and encodes the request's data for this task. */
    TrainingTask load(Tokenizer tok, FineTuning.Request r) {
        int len = r.args().maxLength();
        return switch (this) {
            case TEXT_CLASSIFICATION -> TextClassificationTask.load(tok, r.train(), r.eval(), r.labels(), len);
            case TOKEN_CLASSIFICATION -> TokenClassificationTask.load(tok, r.train(), r.eval(), r.labels(), len);
            case QUESTION_ANSWERING -> QuestionAnsweringTask.load(tok, r.train(), r.eval(), len, r.args().docStride());
            case MULTIPLE_CHOICE -> MultipleChoiceTask.load(tok, r.train(), r.eval(), len);
            case PRETRAINING, MASKED_LM -> PretrainingTask.load(tok, r.train(), r.eval(),
                    new PretrainingTask.Options(this == PRETRAINING, len, r.pretraining().shortSeqProbability(),
                            r.pretraining().mlmProbability(), r.pretraining().wholeWordMasking(), r.args().seed()));
        };
    }

    /** The task over an evaluation file only (for {@code bert4j eval}), with the model's labels. */
    public TrainingTask forEvaluation(Tokenizer tok, java.nio.file.Path data, java.util.List<String> labels,
                                      int maxLength, int docStride) {
        return switch (this) {
            case TEXT_CLASSIFICATION -> TextClassificationTask.load(tok, data, data, labels, maxLength);
            case TOKEN_CLASSIFICATION -> TokenClassificationTask.load(tok, data, data, labels, maxLength);
            case QUESTION_ANSWERING -> QuestionAnsweringTask.load(tok, data, data, maxLength, docStride);
            case MULTIPLE_CHOICE -> MultipleChoiceTask.load(tok, data, data, maxLength);
            case PRETRAINING, MASKED_LM -> PretrainingTask.load(tok, data, data, new PretrainingTask.Options(
                    this == PRETRAINING, maxLength, FineTuning.Pretraining.DEFAULTS.shortSeqProbability(),
                    FineTuning.Pretraining.DEFAULTS.mlmProbability(), false, TrainingArguments.defaults().seed()));
        };
    }
}
