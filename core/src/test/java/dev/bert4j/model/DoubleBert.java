package dev.bert4j.model;

import dev.bert4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An independent double-precision BERT with every task head's loss, written from the transformers
 * equations over a plain map of named weights, for finite-difference gradient checks: it shares no code
 * with bert4j's kernels or modules. No dropout (the checks run without it).
 */
final class DoubleBert {
    private final BertConfig c;
    final Map<String, double[]> w;

    /** What a loss needs besides the inputs; unused fields are null. */
    record Labels(int[] classIds, float[] targets, int[] tokens, int[] start, int[] end, int[] nextSentence,
                  int numChoices) {
    }

    DoubleBert(BertConfig c, Map<String, Tensor> state) {
        this.c = c;
        this.w = new LinkedHashMap<>();
        state.forEach((name, t) -> {
            double[] d = new double[t.numel()];
            for (int i = 0; i < d.length; i++) {
                d[i] = t.data()[i];
            }
            w.put(name, d);
        });
    }

    double loss(HeadKind kind, BertInputs in, Labels y) {
        int B = in.batchSize();
        int T = in.seqLen();
        double[][] h = encoder(in);
        return switch (kind) {
            case SEQUENCE_CLASSIFICATION -> sequenceLoss(linear(pooled(h, B, T), "classifier."), y);
            case TOKEN_CLASSIFICATION -> crossEntropy(linear(h, "classifier."), y.tokens(), -100);
            case QUESTION_ANSWERING -> qaLoss(linear(h, "qa_outputs."), B, T, y);
            case MULTIPLE_CHOICE -> {
                double[][] s = linear(pooled(h, B, T), "classifier.");
                double[][] byExample = new double[B / y.numChoices()][y.numChoices()];
                for (int r = 0; r < B; r++) {
                    byExample[r / y.numChoices()][r % y.numChoices()] = s[r][0];
                }
                yield crossEntropy(byExample, y.classIds(), -100);
            }
            case NEXT_SENTENCE_PREDICTION -> crossEntropy(linear(pooled(h, B, T), "cls.seq_relationship."),
                    y.nextSentence(), -100);
            case MASKED_LM -> crossEntropy(mlmScores(h), y.tokens(), -100);
            case PRE_TRAINING -> crossEntropy(mlmScores(h), y.tokens(), -100)
                    + crossEntropy(linear(pooled(h, B, T), "cls.seq_relationship."), y.nextSentence(), -100);
        };
    }

    /** The last hidden state (B*T, C). */
    double[][] encoder(BertInputs in) {
        int T = in.seqLen();
        int C = c.hiddenSize();
        double[][] h = new double[in.batchSize() * T][C];
        for (int r = 0; r < h.length; r++) {
            for (int k = 0; k < C; k++) {
                h[r][k] = w.get("bert.embeddings.word_embeddings.weight")[in.inputIds()[r] * C + k]
                        + w.get("bert.embeddings.token_type_embeddings.weight")[in.tokenTypeIds()[r] * C + k]
                        + w.get("bert.embeddings.position_embeddings.weight")[(r % T) * C + k];
            }
        }
        h = layerNorm(h, "bert.embeddings.LayerNorm.");
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            h = layer(h, in, "bert.encoder.layer." + l + ".");
        }
        return h;
    }

    private double[][] layer(double[][] x, BertInputs in, String p) {
        double[][] q = linear(x, p + "attention.self.query.");
        double[][] k = linear(x, p + "attention.self.key.");
        double[][] v = linear(x, p + "attention.self.value.");
        int T = in.seqLen();
        int H = c.numAttentionHeads();
        int hs = c.headSize();
        double[][] ctx = new double[x.length][c.hiddenSize()];
        for (int b = 0; b < in.batchSize(); b++) {
            for (int head = 0; head < H; head++) {
                for (int i = 0; i < T; i++) {
                    double[] s = new double[T];
                    for (int j = 0; j < T; j++) {
                        for (int d = 0; d < hs; d++) {
                            s[j] += q[b * T + i][head * hs + d] * k[b * T + j][head * hs + d];
                        }
                        s[j] = s[j] / Math.sqrt(hs) + (in.attentionMask()[b * T + j] != 0 ? 0 : -Float.MAX_VALUE);
                    }
                    double[] prob = softmax(s);
                    for (int j = 0; j < T; j++) {
                        for (int d = 0; d < hs; d++) {
                            ctx[b * T + i][head * hs + d] += prob[j] * v[b * T + j][head * hs + d];
                        }
                    }
                }
            }
        }
        double[][] a = layerNorm(add(linear(ctx, p + "attention.output.dense."), x), p + "attention.output.LayerNorm.");
        double[][] inter = activation(linear(a, p + "intermediate.dense."));
        return layerNorm(add(linear(inter, p + "output.dense."), a), p + "output.LayerNorm.");
    }

    /** tanh(pooler.dense(h[b * T])) (B, C): the pooler over each sequence's first row. */
    double[][] pooled(double[][] h, int B, int T) {
        double[][] first = new double[B][];
        for (int b = 0; b < B; b++) {
            first[b] = h[b * T];
        }
        double[][] y = linear(first, "bert.pooler.dense.");
        for (double[] row : y) {
            for (int i = 0; i < row.length; i++) {
                row[i] = Math.tanh(row[i]);
            }
        }
        return y;
    }

    private double[][] mlmScores(double[][] h) {
        double[][] t = layerNorm(activation(linear(h, "cls.predictions.transform.dense.")),
                "cls.predictions.transform.LayerNorm.");
        double[] e = w.get("bert.embeddings.word_embeddings.weight");          // the tied decoder (V, C)
        double[] bias = w.get("cls.predictions.bias");
        int C = c.hiddenSize();
        double[][] s = new double[t.length][c.vocabSize()];
        for (int r = 0; r < t.length; r++) {
            for (int o = 0; o < c.vocabSize(); o++) {
                s[r][o] = bias[o];
                for (int k = 0; k < C; k++) {
                    s[r][o] += t[r][k] * e[o * C + k];
                }
            }
        }
        return s;
    }

    private double sequenceLoss(double[][] logits, Labels y) {
        String type = BertForSequenceClassification.problemType(c.problemType(), logits[0].length, y.classIds() != null);
        if (type.equals(BertForSequenceClassification.SINGLE_LABEL)) {
            return crossEntropy(logits, y.classIds(), -100);
        }
        double sum = 0;
        int n = 0;
        for (int r = 0; r < logits.length; r++) {
            for (int j = 0; j < logits[r].length; j++) {
                double x = logits[r][j];
                double t = y.targets() != null ? y.targets()[n] : y.classIds()[n];
                sum += type.equals(BertForSequenceClassification.REGRESSION) ? (x - t) * (x - t)
                        : -(t * Math.log(1 / (1 + Math.exp(-x))) + (1 - t) * Math.log(1 - 1 / (1 + Math.exp(-x))));
                n++;
            }
        }
        return sum / n;
    }

    private double qaLoss(double[][] logits, int B, int T, Labels y) {
        double[][] start = new double[B][T];
        double[][] end = new double[B][T];
        for (int r = 0; r < B * T; r++) {
            start[r / T][r % T] = logits[r][0];
            end[r / T][r % T] = logits[r][1];
        }
        int[] s = new int[B];
        int[] e = new int[B];
        for (int b = 0; b < B; b++) {
            s[b] = Math.max(0, Math.min(T, y.start()[b]));
            e[b] = Math.max(0, Math.min(T, y.end()[b]));
        }
        return (crossEntropy(start, s, T) + crossEntropy(end, e, T)) / 2;
    }

    private static double crossEntropy(double[][] logits, int[] labels, int ignore) {
        double sum = 0;
        int n = 0;
        for (int r = 0; r < logits.length; r++) {
            if (labels[r] != ignore) {
                sum -= Math.log(softmax(logits[r])[labels[r]]);
                n++;
            }
        }
        return sum / n;
    }

    private static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            p[j] = Math.exp(s[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < s.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    /** x · Wᵀ + b with the weights named {@code p + "weight"} and {@code p + "bias"}. */
    double[][] linear(double[][] x, String p) {
        double[] wt = w.get(p + "weight");
        double[] b = w.get(p + "bias");
        int out = b.length;
        int in = wt.length / out;
        double[][] y = new double[x.length][out];
        for (int r = 0; r < x.length; r++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int k = 0; k < in; k++) {
                    s += x[r][k] * wt[o * in + k];
                }
                y[r][o] = s;
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, String p) {
        double[] g = w.get(p + "weight");
        double[] b = w.get(p + "bias");
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            int n = x[r].length;
            double mean = 0;
            for (double v : x[r]) {
                mean += v / n;
            }
            double var = 0;
            for (double v : x[r]) {
                var += (v - mean) * (v - mean) / n;
            }
            y[r] = new double[n];
            for (int i = 0; i < n; i++) {
                y[r][i] = (x[r][i] - mean) / Math.sqrt(var + c.layerNormEps()) * g[i] + b[i];
            }
        }
        return y;
    }

    private double[][] activation(double[][] x) {
        return Reference.apply(x, v -> switch (c.hiddenAct()) {
            case "gelu" -> Reference.gelu(v);
            case "gelu_new" -> 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            case "relu" -> Math.max(v, 0);
            case "silu" -> v / (1 + Math.exp(-v));
            case "tanh" -> Math.tanh(v);
            default -> throw new IllegalArgumentException(c.hiddenAct());
        });
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
            y[r] = new double[a[r].length];
            for (int i = 0; i < a[r].length; i++) {
                y[r][i] = a[r][i] + b[r][i];
            }
        }
        return y;
    }
}
