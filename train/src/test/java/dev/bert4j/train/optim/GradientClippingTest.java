package dev.bert4j.train.optim;

import dev.bert4j.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GradientClippingTest {
    @Test
    void clipsToTheMaxNormOverAllGradients() {
        // gradients 3, 4 (in views of one storage, the rest of which is outside both) and 12: norm 13
        Parameter fused = new Parameter(new int[] {4}, new float[4]);
        fused.grad()[0] = 99f; // not part of any named view: ignored
        fused.grad()[1] = 3f;
        fused.grad()[3] = 4f;
        Parameter other = new Parameter(new int[] {1}, new float[1]);
        other.grad()[0] = 12f;
        Parameter noGrad = new Parameter(new int[] {2}, new float[2]);
        List<NamedParameter> ps = List.of(new NamedParameter("q.weight", fused.view(1, 1)),
                new NamedParameter("k.weight", fused.view(2, 2)), new NamedParameter("dense.weight", other),
                new NamedParameter("pooler.weight", noGrad));
        double norm = GradientClipping.clipGlobalNorm(ps, 1.0);
        assertThat(norm).isEqualTo(13.0);
        double scale = 1.0 / (13.0 + 1e-6);
        assertThat(fused.grad()[1]).isCloseTo((float) (3 * scale), within(1e-7f));
        assertThat(fused.grad()[3]).isCloseTo((float) (4 * scale), within(1e-7f));
        assertThat(other.grad()[0]).isCloseTo((float) (12 * scale), within(1e-7f));
        assertThat(fused.grad()[0]).isEqualTo(99f);
        assertThat(noGrad.hasGrad()).isFalse();
        assertThat(GradientClipping.globalNorm(ps)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void leavesSmallGradientsAlone() {
        Parameter p = new Parameter(new int[] {2}, new float[2]);
        p.grad()[0] = 0.3f;
        p.grad()[1] = 0.4f;
        double norm = GradientClipping.clipGlobalNorm(List.of(new NamedParameter("w", p)), 1.0);
        assertThat(norm).isCloseTo(0.5, within(1e-7));
        assertThat(p.grad()).containsExactly(0.3f, 0.4f);
        assertThatThrownBy(() -> GradientClipping.clipGlobalNorm(List.of(), 0)).hasMessageContaining("> 0");
    }
}
