package dev.bert4j.train.optim;

import dev.bert4j.kernels.Parallel;
import dev.bert4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adam with decoupled weight decay, step for step as {@code torch.optim.AdamW} (single-tensor, fp32,
 * no amsgrad): for each parameter with a gradient, with {@code t} its own step count after increment,
 * <pre>
 *   p     *= 1 - lr * weight_decay                       (only for names that decay)
 *   m      = m + (1 - beta1) * (g - m)                    (exp_avg.lerp_(grad, 1 - beta1))
 *   v      = beta2 * v + (1 - beta2) * g * g
 *   denom  = sqrt(v) / sqrt(1 - beta2^t) + eps
 *   p     -= lr / (1 - beta1^t) * m / denom
 * </pre>
 * Moments and values are float, as PyTorch's fp32 tensors; the bias corrections are double, as Python's.
 *
 * <p>Weight decay follows the Hugging Face Trainer's two parameter groups, written as a rule on names
 * ({@link #appliesWeightDecay}): decay unless the name ends with {@code .bias} or contains
 * {@code LayerNorm.}. The optimizer knows nothing else about the model.
 */
public final class AdamW {
    /** Parameters smaller than this are updated on the calling thread. */
    private static final int PARALLEL_MIN = 1 << 16;

    private final List<NamedParameter> parameters;
    private final boolean[] decays;
    private final AdamWSettings settings;
    private final ParameterState[] state;
    private long steps;

    /**
     * @param parameters the weights to train, unique names, no two sharing values
     * @param settings   betas, epsilon and weight decay
     */
    public AdamW(List<NamedParameter> parameters, AdamWSettings settings) {
        this.parameters = List.copyOf(parameters);
        this.settings = Objects.requireNonNull(settings, "settings");
        NamedParameter.requireDistinct(this.parameters);
        this.decays = new boolean[this.parameters.size()];
        for (int i = 0; i < decays.length; i++) {
            decays[i] = appliesWeightDecay(this.parameters.get(i).name());
        }
        this.state = new ParameterState[this.parameters.size()];
    }

    /**
     * The Hugging Face Trainer's grouping as a rule on names: weight decay applies unless the name is a
     * bias ({@code bias} or ending with {@code .bias}) or belongs to a LayerNorm (contains {@code LayerNorm.}).
     */
    public static boolean appliesWeightDecay(String name) {
        return !(name.equals("bias") || name.endsWith(".bias") || name.contains("LayerNorm."));
    }

    public AdamWSettings settings() {
        return settings;
    }

    public List<NamedParameter> parameters() {
        return parameters;
    }

    /** How many times {@link #step} was called (since creation, or as loaded). */
    public long steps() {
        return steps;
    }

    /**
     * One optimizer step at learning rate {@code lr}: updates every parameter that has a gradient and
     * announces the change with {@link Parameter#markChanged()}. Parameters without a gradient are left
     * alone and their step count does not advance, as in PyTorch.
     */
    public void step(double lr) {
        step(lr, null);
    }

    /**
     * As {@link #step(double)}, each parameter's elements split over {@code parallel}'s threads (every element
     * is updated on its own, so the result is the same for any number of threads); null runs on this thread.
     */
    public void step(double lr, Parallel parallel) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
        }
        for (int i = 0; i < state.length; i++) {
            Parameter p = parameters.get(i).parameter();
            if (!p.hasGrad()) {
                continue;
            }
            if (state[i] == null) {
                state[i] = new ParameterState(0, new float[p.size()], new float[p.size()]);
            }
            state[i] = update(p, state[i], lr, decays[i] ? settings.weightDecay() : 0.0, parallel);
            p.markChanged();
        }
        steps++;
    }

    private ParameterState update(Parameter p, ParameterState s, double lr, double weightDecay, Parallel parallel) {
        long t = s.step() + 1;
        double biasCorrection1 = 1 - Math.pow(settings.beta1(), t);
        double biasCorrection2 = 1 - Math.pow(settings.beta2(), t);
        float decayFactor = (float) (1 - lr * weightDecay);
        float oneMinusBeta1 = (float) (1 - settings.beta1());
        float beta2 = (float) settings.beta2();
        float oneMinusBeta2 = (float) (1 - settings.beta2());
        float bc2Sqrt = (float) Math.sqrt(biasCorrection2);
        float eps = (float) settings.epsilon();
        float negStepSize = (float) -(lr / biasCorrection1);
        float[] w = p.data();
        float[] g = p.grad();
        float[] m = s.expAvg();
        float[] v = s.expAvgSq();
        int off = p.offset();
        Parallel.RangeBody body = (start, end, worker) -> {
            for (int j = start; j < end; j++) {
                float gj = g[off + j];
                float wj = weightDecay != 0 ? w[off + j] * decayFactor : w[off + j];
                m[j] = m[j] + oneMinusBeta1 * (gj - m[j]);
                v[j] = v[j] * beta2 + oneMinusBeta2 * gj * gj;
                float denom = (float) Math.sqrt(v[j]) / bc2Sqrt + eps;
                w[off + j] = wj + negStepSize * (m[j] / denom);
            }
        };
        if (parallel == null || m.length < PARALLEL_MIN) {
            body.run(0, m.length, 0);
        } else {
            parallel.forRange(m.length, body);
        }
        return new ParameterState(t, m, v);
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        for (NamedParameter p : parameters) {
            p.parameter().zeroGrad();
        }
    }

    /** A copy of the optimizer state, for a checkpoint. */
    public OptimizerState state() {
        Map<String, ParameterState> byName = new LinkedHashMap<>();
        for (int i = 0; i < state.length; i++) {
            if (state[i] != null) {
                byName.put(parameters.get(i).name(), state[i].copy());
            }
        }
        return new OptimizerState(steps, byName);
    }

    /**
     * Replaces the optimizer state with a copy of {@code saved} (from {@link #state()}, perhaps of an
     * earlier run). Parameters absent from {@code saved} start fresh, as parameters never updated.
     *
     * @throws IllegalArgumentException when {@code saved} names a parameter this optimizer does not have,
     *                                  or its moments have another size than the parameter; nothing is
     *                                  changed then
     */
    public void load(OptimizerState saved) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            index.put(parameters.get(i).name(), i);
        }
        ParameterState[] loaded = new ParameterState[state.length];
        for (Map.Entry<String, ParameterState> e : saved.parameters().entrySet()) {
            Integer i = index.get(e.getKey());
            if (i == null) {
                throw new IllegalArgumentException("optimizer state names parameter '" + e.getKey()
                        + "', which this optimizer does not have (it has " + parameters.size() + " parameters)");
            }
            int size = parameters.get(i).parameter().size();
            if (e.getValue().expAvg().length != size) {
                throw new IllegalArgumentException("optimizer state for '" + e.getKey() + "' has "
                        + e.getValue().expAvg().length + " values, the parameter " + parameters.get(i).parameter()
                        + " has " + size);
            }
            loaded[i] = e.getValue().copy();
        }
        System.arraycopy(loaded, 0, state, 0, state.length);
        steps = saved.steps();
    }

    @Override
    public String toString() {
        return "AdamW" + settings + " over " + parameters.size() + " parameters, " + steps + " steps";
    }
}
