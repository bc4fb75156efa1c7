package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.CrossEntropyLoss;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/**
 * HF's {@code BertForMultipleChoice}: each choice (B * num_choices sequences, the choices of one example
 * adjacent) through the encoder, {@code classifier} (1, C) on its pooler output, the scores reshaped to
 * (B, num_choices). Immutable, thread-safe.
 */
public final class BertForMultipleChoice implements BertTaskModel {
    private static final CrossEntropyLoss LOSS = new CrossEntropyLoss();

    private final BertModel bert;
    private final Linear classifier;

    private BertForMultipleChoice(BertConfig config, HeadCheckpoint w) {
        bert = w.bert();
        classifier = new Linear(w.take("classifier.weight", "(1, hidden_size)", 1, config.hiddenSize()),
                w.take("classifier.bias", "(1)", 1));
        w.finish();
    }

    public static BertForMultipleChoice fromStateDict(BertConfig config, Map<String, Tensor> weights) {
        return new BertForMultipleChoice(config, new HeadCheckpoint(HeadKind.MULTIPLE_CHOICE, config, weights));
    }

    @Override
    public HeadKind kind() {
        return HeadKind.MULTIPLE_CHOICE;
    }

    @Override
    public BertModel bert() {
        return bert;
    }

    public MultipleChoiceModelOutput forward(ComputeContext ctx, BertInputs inputs, int numChoices) {
        return forward(ctx, inputs, numChoices, null, ForwardOptions.DEFAULT);
    }

    /**
     * @param inputs     B * num_choices sequences: example b's choice c is row b * num_choices + c
     * @param labels     (B) index of the right choice; null for no loss
     */
    public MultipleChoiceModelOutput forward(ComputeContext ctx, BertInputs inputs, int numChoices, int[] labels,
                                             ForwardOptions opts) {
        if (numChoices < 1 || inputs.batchSize() % numChoices != 0) {
            throw new BertInputException("a multiple-choice batch holds B * num_choices sequences; got "
                    + inputs.batchSize() + " sequences for num_choices " + numChoices);
        }
        int B = inputs.batchSize() / numChoices;
        BertModelOutput out = bert.forward(ctx, inputs, opts);
        float[] logits = new float[B * numChoices];                    // (B*num_choices, 1) = (B, num_choices)
        classifier.forward(ctx, logits, out.poolerOutput().data(), B * numChoices, Activation.IDENTITY);
        Double loss = null;
        if (labels != null) {
            HeadSupport.requireLength("labels", labels.length, B, "(B)");
            loss = LOSS.forward(logits, labels, B, numChoices);
        }
        return new MultipleChoiceModelOutput(loss, new Tensor(new int[] {B, numChoices}, logits), out);
    }

    /**
     * One training step over B examples of {@code numChoices} sequences each: forward with dropout,
     * cross-entropy over the choices, backward with the gradient scaled by {@code lossScale}.
     *
     * @return the loss (unscaled)
     */
    public double trainStep(ComputeContext ctx, BertInputs inputs, int numChoices, int[] labels, double lossScale) {
        if (numChoices < 1 || inputs.batchSize() % numChoices != 0) {
            throw new BertInputException("a multiple-choice batch holds B * num_choices sequences; got "
                    + inputs.batchSize() + " sequences for num_choices " + numChoices);
        }
        int rows = inputs.batchSize();
        int B = rows / numChoices;
        HeadSupport.requireLength("labels", labels.length, B, "(B)");
        BertModelOutput out = bert.forward(ctx, inputs, HeadSupport.KEEP);
        HeadSupport.LinearPass pass = HeadSupport.linearForward(ctx, classifier, out.poolerOutput().data(), rows,
                HeadSupport.classifierDropout(config()));                // (B*num_choices, 1) = (B, num_choices)
        float[] dLogits = new float[rows];
        double loss = LOSS.backward(dLogits, pass.logits(), labels, B, numChoices, lossScale);
        float[] dPooled = HeadSupport.linearBackward(ctx, classifier, pass, dLogits, rows);
        bert.backward(ctx, out.cache(), null, dPooled);
        return loss;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = HeadSupport.prefixedParameters(bert);
        out.put("classifier.weight", classifier.weightParameter());
        out.put("classifier.bias", classifier.biasParameter());
        return out;
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = HeadSupport.prefixedEncoder(bert);
        out.put("classifier.weight", classifier.weight());
        out.put("classifier.bias", classifier.bias());
        return out;
    }
}
