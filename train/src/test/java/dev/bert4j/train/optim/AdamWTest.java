package dev.bert4j.train.optim;

import dev.bert4j.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AdamWTest {
    private static final AdamWSettings SETTINGS = AdamWSettings.DEFAULTS.withWeightDecay(0.01);

    @Test
    void oneStepByHand() {
        // p = 1, g = 0.5, lr = 0.1, wd = 0.01, t = 1.
        // decayed name: p = 1 * (1 - 0.1 * 0.01) = 0.999; m = 0.1 * 0.5 = 0.05; v = 0.001 * 0.25 = 0.00025;
        //   denom = sqrt(0.00025) / sqrt(1 - 0.999) + 1e-8 = 0.5 + 1e-8; step size = 0.1 / (1 - 0.9) = 1;
        //   p = 0.999 - 0.05 / 0.50000001 = 0.899 (to 1e-9).
        // bias (no decay): p = 1 - 0.1 = 0.9. g = -2 on a LayerNorm weight: p = 1 + 0.1 = 1.1 (first step = lr * sign).
        Parameter w = param(1f);
        Parameter b = param(1f);
        Parameter ln = param(1f);
        w.grad()[0] = 0.5f;
        b.grad()[0] = 0.5f;
        ln.grad()[0] = -2f;
        AdamW opt = new AdamW(List.of(new NamedParameter("classifier.weight", w),
                new NamedParameter("classifier.bias", b),
                new NamedParameter("bert.embeddings.LayerNorm.weight", ln)), SETTINGS);
        long version = w.version();
        opt.step(0.1);
        assertThat(w.data()[0]).isCloseTo(0.899f, within(1e-7f));
        assertThat(b.data()[0]).isCloseTo(0.9f, within(1e-7f));
        assertThat(ln.data()[0]).isCloseTo(1.1f, within(1e-7f));
        assertThat(w.version()).isEqualTo(version + 1);
        assertThat(opt.steps()).isEqualTo(1);
        assertThat(opt.state().parameters().get("classifier.weight").expAvg()[0]).isEqualTo(0.05f, within(1e-9f));
    }

    @Test
    void weightDecayIsARuleOnNames() {
        assertThat(AdamW.appliesWeightDecay("bert.encoder.layer.0.attention.self.query.weight")).isTrue();
        assertThat(AdamW.appliesWeightDecay("bert.encoder.layer.0.attention.self.query.bias")).isFalse();
        assertThat(AdamW.appliesWeightDecay("bert.encoder.layer.0.output.LayerNorm.weight")).isFalse();
        assertThat(AdamW.appliesWeightDecay("bert.embeddings.LayerNorm.bias")).isFalse();
        assertThat(AdamW.appliesWeightDecay("bias")).isFalse();
        assertThat(AdamW.appliesWeightDecay("cls.predictions.transform.dense.weight")).isTrue();
    }

    @Test
    void matchesADoubleReimplementationOverSeveralSteps() {
        // One storage split into a decayed weight and a bias (views), a LayerNorm weight, a weight without gradient.
        Random rnd = new Random(7);
        Parameter fused = new Parameter(new int[] {10}, randoms(rnd, 10));
        Parameter ln = new Parameter(new int[] {3}, randoms(rnd, 3));
        Parameter frozen = new Parameter(new int[] {2}, new float[] {0.25f, -0.5f});
        List<NamedParameter> params = List.of(
                new NamedParameter("encoder.layer.0.attention.self.query.weight", fused.view(0, 2, 3)),
                new NamedParameter("encoder.layer.0.attention.self.query.bias", fused.view(6, 4)),
                new NamedParameter("encoder.layer.0.output.LayerNorm.weight", ln),
                new NamedParameter("pooler.dense.weight", frozen));
        AdamW opt = new AdamW(params, AdamWSettings.DEFAULTS.withWeightDecay(0.1));
        Map<String, Reference> ref = new LinkedHashMap<>();
        for (NamedParameter p : params.subList(0, 3)) {
            ref.put(p.name(), new Reference(values(p.parameter()), AdamW.appliesWeightDecay(p.name()) ? 0.1 : 0));
        }
        double[] lrs = {1e-3, 5e-3, 2e-2, 1e-2, 3e-3, 1e-4};
        for (double lr : lrs) {
            fill(rnd, fused.grad(), 0, 10);
            fill(rnd, ln.grad(), 0, 3);
            opt.step(lr);
            for (NamedParameter p : params.subList(0, 3)) {
                double[] expected = ref.get(p.name()).step(gradient(p.parameter()), lr);
                double[] actual = values(p.parameter());
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as(p.name() + "[" + i + "]")
                            .isCloseTo(expected[i], within(1e-6 * Math.max(1, Math.abs(expected[i]))));
                }
            }
            opt.zeroGrad();
        }
        assertThat(frozen.data()).containsExactly(0.25f, -0.5f);
        assertThat(opt.state().parameters()).doesNotContainKey("pooler.dense.weight");
        assertThat(opt.state().parameters().get("encoder.layer.0.output.LayerNorm.weight").step()).isEqualTo(6);
    }

    @Test
    void stateRoundTripContinuesExactly() {
        Random rnd = new Random(3);
        float[] start = randoms(rnd, 5);
        float[][] grads = new float[5][];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = randoms(rnd, 5);
        }
        Parameter a = new Parameter(new int[] {5}, start.clone());
        AdamW straight = new AdamW(List.of(new NamedParameter("dense.weight", a)), SETTINGS);
        Parameter b = new Parameter(new int[] {5}, start.clone());
        AdamW first = new AdamW(List.of(new NamedParameter("dense.weight", b)), SETTINGS);
        for (int s = 0; s < 3; s++) {
            stepWith(straight, a, grads[s]);
            stepWith(first, b, grads[s]);
        }
        OptimizerState saved = first.state();
        Parameter c = new Parameter(new int[] {5}, b.data().clone());
        AdamW resumed = new AdamW(List.of(new NamedParameter("dense.weight", c)), SETTINGS);
        resumed.load(saved);
        stepWith(first, b, new float[5]); // the saved copy must not see later steps
        for (int s = 3; s < 5; s++) {
            stepWith(straight, a, grads[s]);
            stepWith(resumed, c, grads[s]);
        }
        assertThat(c.data()).containsExactly(a.data());
        assertThat(resumed.steps()).isEqualTo(5);
        assertThat(saved.steps()).isEqualTo(3);
    }

    @Test
    void loadRejectsUnknownNamesAndWrongSizes() {
        AdamW opt = new AdamW(List.of(new NamedParameter("dense.weight", param(1f, 2f))), SETTINGS);
        OptimizerState unknown = new OptimizerState(1,
                Map.of("dense.bias", new ParameterState(1, new float[2], new float[2])));
        assertThatThrownBy(() -> opt.load(unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'dense.bias'");
        OptimizerState wrongSize = new OptimizerState(1,
                Map.of("dense.weight", new ParameterState(1, new float[3], new float[3])));
        assertThatThrownBy(() -> opt.load(wrongSize)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values").hasMessageContaining("has 2");
        assertThat(opt.steps()).isZero();
    }

    @Test
    void rejectsDuplicateNamesAndOverlappingViews() {
        Parameter p = param(1f, 2f, 3f, 4f);
        assertThatThrownBy(() -> new AdamW(List.of(new NamedParameter("a", p.view(0, 2)),
                new NamedParameter("a", p.view(2, 2))), SETTINGS)).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> new AdamW(List.of(new NamedParameter("a", p.view(0, 3)),
                new NamedParameter("b", p.view(2, 2))), SETTINGS)).hasMessageContaining("share values");
        assertThatThrownBy(() -> new AdamWSettings(1.0, 0.999, 1e-8, 0)).hasMessageContaining("betas");
    }

    private static void stepWith(AdamW opt, Parameter p, float[] g) {
        System.arraycopy(g, 0, p.grad(), 0, g.length);
        opt.step(1e-2);
    }

    private static Parameter param(float... values) {
        return new Parameter(new int[] {values.length}, values);
    }

    private static float[] randoms(Random rnd, int n) {
        float[] a = new float[n];
        fill(rnd, a, 0, n);
        return a;
    }

    private static void fill(Random rnd, float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
    }

    private static double[] values(Parameter p) {
        double[] d = new double[p.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = p.data()[p.offset() + i];
        }
        return d;
    }

    private static double[] gradient(Parameter p) {
        double[] d = new double[p.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = p.grad()[p.offset() + i];
        }
        return d;
    }

    /** AdamW in double, written from the PyTorch documentation's algorithm. */
    private static final class Reference {
        private final double[] p;
        private final double[] m;
        private final double[] v;
        private final double weightDecay;
        private int t;

        Reference(double[] p, double weightDecay) {
            this.p = p;
            this.m = new double[p.length];
            this.v = new double[p.length];
            this.weightDecay = weightDecay;
        }

        double[] step(double[] g, double lr) {
            t++;
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * weightDecay * p[i];
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            return p.clone();
        }
    }
}
