package dev.bert4j.pipeline.embedding;

import dev.bert4j.io.PoolingMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PoolingTest {
    // (T=3, C=2), the last token is padding
    private static final float[] H = {1, 2, 3, -4, 100, 100};
    private static final int[] MASK = {1, 1, 0};

    private static float[] pool(PoolingMode... modes) {
        return Pooling.pool(List.of(modes), H, 0, MASK, 0, 3, 2);
    }

    @Test
    void eachModeFollowsSentenceTransformers() {
        assertThat(pool(PoolingMode.CLS)).containsExactly(1, 2);
        assertThat(pool(PoolingMode.MEAN)).containsExactly(2, -1);
        assertThat(pool(PoolingMode.MAX)).containsExactly(3, 2);
        assertThat(pool(PoolingMode.MEAN_SQRT_LEN_TOKENS)).containsExactly(new float[] {(float) (4 / Math.sqrt(2)),
                (float) (-2 / Math.sqrt(2))}, within(1e-6f));
        assertThat(pool(PoolingMode.WEIGHTED_MEAN)).containsExactly(new float[] {7f / 3, -6f / 3}, within(1e-6f));
        assertThat(pool(PoolingMode.LAST_TOKEN)).containsExactly(3, -4);
    }

    @Test
    void severalModesConcatenateInSentenceTransformersOrder() {
        assertThat(pool(PoolingMode.MEAN, PoolingMode.CLS)).containsExactly(1, 2, 2, -1);
    }

    @Test
    void normalizeGivesUnitLength() {
        float[] v = {3, 4};
        Pooling.normalize(v);
        assertThat(v).containsExactly(0.6f, 0.8f);
        float[] zero = {0, 0};
        Pooling.normalize(zero);
        assertThat(zero).containsExactly(0, 0);
    }
}
