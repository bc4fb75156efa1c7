package dev.bert4j.model;

import dev.bert4j.kernels.Activation;
import dev.bert4j.nn.BCEWithLogitsLoss;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.nn.CrossEntropyLoss;
import dev.bert4j.nn.Linear;
import dev.bert4j.nn.Parameter;
import dev.bert4j.nn.MSELoss;
import dev.bert4j.tensor.Tensor;

import java.util.Map;

/**
 * HF's {@code BertForSequenceClassification}: {@code classifier}, a Linear (num_labels, C) on the pooler
 * output; num_labels is the size of {@code id2label}. The loss follows {@code problem_type}: regression
 * (MSE), single-label (cross-entropy) or multi-label (BCE with logits); when the config leaves it unset it
 * is chosen as HF does, from num_labels and whether the labels are class ids or float targets.
 * Immutable, thread-safe.
 */
public final class BertForSequenceClassification implements BertTaskModel {
    public static final String REGRESSION = "regression";
    public static final String SINGLE_LABEL = "single_label_classification";
    public static final String MULTI_LABEL = "multi_label_classification";

    private final BertModel bert;
    private final Linear classifier;
    private final int numLabels;

    private BertForSequenceClassification(BertConfig config, HeadCheckpoint w) {
        bert = w.bert();
        numLabels = HeadSupport.numLabels(config);
        classifier = new Linear(w.take("classifier.weight", "(num_labels, hidden_size)", numLabels,
                config.hiddenSize()), w.take("classifier.bias", "(num_labels)", numLabels));
        w.finish();
        requireKnownProblemType(config.problemType());
    }

    public static BertForSequenceClassification fromStateDict(BertConfig config, Map<String, Tensor> weights) {
        return new BertForSequenceClassification(config,
                new HeadCheckpoint(HeadKind.SEQUENCE_CLASSIFICATION, config, weights));
    }

    @Override
    public HeadKind kind() {
        return HeadKind.SEQUENCE_CLASSIFICATION;
    }

    @Override
    public BertModel bert() {
        return bert;
    }

    public int numLabels() {
        return numLabels;
    }

    public SequenceClassifierOutput forward(ComputeContext ctx, BertInputs inputs) {
        return forward(ctx, inputs, ForwardOptions.DEFAULT, null, null);
    }

    /** Logits (B, num_labels) of a packed batch, inference only: the classifier over each pooled output. */
    public float[] forwardPacked(ComputeContext ctx, PackedInputs inputs) {
        return forwardPacked(ctx, inputs, new BertWorkspace());
    }

    /** {@link #forwardPacked(ComputeContext, PackedInputs)} in {@code ws}, which a caller reuses across batches. */
    public float[] forwardPacked(ComputeContext ctx, PackedInputs inputs, BertWorkspace ws) {
        int B = inputs.batchSize();
        PackedOutput out = bert.forwardPacked(ctx, inputs, ws);
        float[] logits = new float[B * numLabels];                                   // (B, num_labels)
        classifier.forward(ctx, logits, out.pooled(), B, Activation.IDENTITY);
        return logits;
    }

    /**
     * With class ids: cross-entropy, or MSE for regression (num_labels 1 or {@code problem_type} regression).
     *
     * @param labels (B) class ids in [0, num_labels), or (B * num_labels) values for a multi-output regression
     */
    public SequenceClassifierOutput forward(ComputeContext ctx, BertInputs inputs, int[] labels) {
        return forward(ctx, inputs, ForwardOptions.DEFAULT, labels, null);
    }

    /**
     * With float targets: BCE with logits for multi-label (B * num_labels values of 0 or 1), MSE for
     * regression (B values for num_labels 1, else B * num_labels).
     */
    public SequenceClassifierOutput forward(ComputeContext ctx, BertInputs inputs, float[] targets) {
        return forward(ctx, inputs, ForwardOptions.DEFAULT, null, targets);
    }

    /** The general form: at most one of {@code classIds} and {@code targets} is given. */
    public SequenceClassifierOutput forward(ComputeContext ctx, BertInputs inputs, ForwardOptions opts,
                                            int[] classIds, float[] targets) {
        int B = inputs.batchSize();
        BertModelOutput out = bert.forward(ctx, inputs, opts);
        float[] logits = new float[B * numLabels];                                   // (B, num_labels)
        classifier.forward(ctx, logits, out.poolerOutput().data(), B, Activation.IDENTITY);
        Double loss = null;
        if (classIds != null) {
            loss = loss(logits, B, classIds);
        } else if (targets != null) {
            loss = loss(logits, B, targets);
        }
        return new SequenceClassifierOutput(loss, new Tensor(new int[] {B, numLabels}, logits), out);
    }

    /**
     * One training step: forward with dropout (when the context is training), the loss of {@code classIds}
     * or {@code targets} (as {@link #forward}), and backward, adding {@code lossScale} times the loss's
     * gradient into every parameter's gradient.
     *
     * @return the loss (unscaled)
     */
    public double trainStep(ComputeContext ctx, BertInputs inputs, int[] classIds, float[] targets, double lossScale) {
        int B = inputs.batchSize();
        BertModelOutput out = bert.forward(ctx, inputs, HeadSupport.KEEP);
        HeadSupport.LinearPass pass = HeadSupport.linearForward(ctx, classifier, out.poolerOutput().data(), B,
                HeadSupport.classifierDropout(config()));                           // (B, num_labels)
        float[] dLogits = new float[B * numLabels];
        double loss = classIds != null ? lossBackward(dLogits, pass.logits(), B, classIds, lossScale)
                : lossBackward(dLogits, pass.logits(), B, targets, lossScale);
        float[] dPooled = HeadSupport.linearBackward(ctx, classifier, pass, dLogits, B);
        bert.backward(ctx, out.cache(), null, dPooled);
        return loss;
    }

    private double lossBackward(float[] dLogits, float[] logits, int B, int[] labels, double scale) {
        if (problemType(config().problemType(), numLabels, true).equals(SINGLE_LABEL)) {
            HeadSupport.requireLength("labels", labels.length, B, "(B)");
            return new CrossEntropyLoss().backward(dLogits, logits, labels, B, numLabels, scale);
        }
        float[] asFloat = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            asFloat[i] = labels[i];
        }
        return lossBackward(dLogits, logits, B, asFloat, scale);
    }

    private double lossBackward(float[] dLogits, float[] logits, int B, float[] targets, double scale) {
        String type = problemType(config().problemType(), numLabels, false);
        HeadSupport.requireLength("labels", targets.length, (long) B * numLabels,
                numLabels == 1 ? "(B)" : "(B, num_labels)");
        return type.equals(REGRESSION) ? new MSELoss().backward(dLogits, logits, targets, scale)
                : new BCEWithLogitsLoss().backward(dLogits, logits, targets, scale);
    }

    private double loss(float[] logits, int B, int[] labels) {
        String type = problemType(config().problemType(), numLabels, true);
        if (type.equals(SINGLE_LABEL)) {
            HeadSupport.requireLength("labels", labels.length, B, "(B)");
            return new CrossEntropyLoss().forward(logits, labels, B, numLabels);
        }
        float[] asFloat = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            asFloat[i] = labels[i];
        }
        return loss(logits, B, asFloat);
    }

    private double loss(float[] logits, int B, float[] targets) {
        String type = problemType(config().problemType(), numLabels, false);
        HeadSupport.requireLength("labels", targets.length, (long) B * numLabels,
                numLabels == 1 ? "(B)" : "(B, num_labels)");
        return type.equals(REGRESSION) ? new MSELoss().forward(logits, targets)
                : new BCEWithLogitsLoss().forward(logits, targets);
    }

    /**
     * HF's choice of loss: the configured {@code problem_type}, else regression for one label, else
     * single-label for class ids and multi-label for float targets.
     */
    static String problemType(String configured, int numLabels, boolean classIds) {
        if (configured == null) {
            return numLabels == 1 ? REGRESSION : classIds ? SINGLE_LABEL : MULTI_LABEL;
        }
        switch (configured) {
            case REGRESSION -> {
                return REGRESSION;
            }
            case SINGLE_LABEL, MULTI_LABEL -> {
                if (configured.equals(SINGLE_LABEL) != classIds) {
                    throw new BertInputException("problem_type " + configured + " needs "
                            + (classIds ? "float targets (B, num_labels) of 0 and 1" : "integer class ids (B)")
                            + " as labels");
                }
                return configured;
            }
            default -> {
                requireKnownProblemType(configured);
                throw new IllegalStateException();
            }
        }
    }

    private static void requireKnownProblemType(String configured) {
        if (configured != null && !configured.equals(REGRESSION) && !configured.equals(SINGLE_LABEL)
                && !configured.equals(MULTI_LABEL)) {
            throw new BertConfigException("problem_type '" + configured + "' in config.json is not one of "
                    + REGRESSION + ", " + SINGLE_LABEL + ", " + MULTI_LABEL);
        }
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
