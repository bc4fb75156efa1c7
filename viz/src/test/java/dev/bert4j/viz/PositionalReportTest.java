package dev.bert4j.viz;

import dev.bert4j.io.ModelDirectory;
import dev.bert4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The learned table from the model file, the sinusoidal formula at hand-computed points, cosine similarities. */
class PositionalReportTest {
    @Test
    void sinusoidalEncodingFollowsTheFormula() {
        Tensor pe = PositionalReport.sinusoidal(3, 4);                 // d = 4: frequencies 1 and 1/10000^(2/4) = 1/100
        assertThat(pe.data()).containsExactly(new float[] {
            0f, 1f, 0f, 1f,                                            // position 0: sin 0, cos 0, sin 0, cos 0
            0.84147098f, 0.54030231f, 0.00999983f, 0.99995000f,        // sin 1, cos 1, sin 0.01, cos 0.01
            0.90929743f, -0.41614684f, 0.01999867f, 0.99980001f}, within(1e-7f));
    }

    @Test
    void learnedTableIsTheModelsAndSimilarityIsOneOnTheDiagonal() {
        ModelDirectory dir = ModelDirectory.open(MiniLm.dir());
        PositionalReport r = PositionalReport.of("all-MiniLM-L6-v2", dir.loadModel());
        assertThat(r.positions()).isEqualTo(512);
        assertThat(r.hiddenSize()).isEqualTo(384);
        Map<String, Tensor> file = dir.loadWeights();                 // read again, straight from the safetensors file
        Tensor expected = file.containsKey(PositionalReport.WEIGHT) ? file.get(PositionalReport.WEIGHT)
                : file.get("bert." + PositionalReport.WEIGHT);
        assertThat(r.learned().data()).containsExactly(expected.data());
        for (Tensor s : new Tensor[] {r.learnedSimilarity(), r.sinusoidalSimilarity()}) {
            int P = s.dim(0);
            for (int p = 0; p < P; p++) {
                assertThat(s.data()[p * P + p]).as("position %d", p).isCloseTo(1f, within(1e-6f));
                for (int q = 0; q < p; q++) {
                    assertThat(s.data()[p * P + q]).isEqualTo(s.data()[q * P + p]).isBetween(-1.000001f, 1.000001f);
                }
            }
        }
        // neighbouring sinusoidal positions are more alike than distant ones
        float[] sin = r.sinusoidalSimilarity().data();
        assertThat(sin[10 * 512 + 11]).isGreaterThan(sin[10 * 512 + 300]);
    }

    @Test
    void cosineSimilarityByHand() {
        Tensor rows = new Tensor(new int[] {3, 2}, new float[] {3, 4, -4, 3, 0, 0});
        // (3,4)·(-4,3) = 0; (3,4) with itself 25/25 = 1; a zero row has no direction: 1 with itself, 0 otherwise
        assertThat(PositionalReport.cosineSimilarity(rows).data()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        Tensor skew = new Tensor(new int[] {2, 2}, new float[] {1, 0, 1, 1});
        assertThat(PositionalReport.cosineSimilarity(skew).data()[1]).isCloseTo((float) (1 / Math.sqrt(2)), within(1e-7f));
    }
}
