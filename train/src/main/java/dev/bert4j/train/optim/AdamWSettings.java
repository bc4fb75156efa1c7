package dev.bert4j.train.optim;

/**
 * The hyper-parameters of {@link AdamW} other than the learning rate (which the schedule gives at each
 * step). The defaults are those of {@code torch.optim.AdamW} as the Hugging Face {@code Trainer} uses it:
 * betas (0.9, 0.999), eps 1e-8, and the Trainer's weight decay 0.0.
 *
 * @param beta1       decay of the first moment (the running mean of gradients), in [0, 1)
 * @param beta2       decay of the second moment (the running mean of squared gradients), in [0, 1)
 * @param epsilon     added to the denominator outside the square root, &gt;= 0
 * @param weightDecay decoupled weight decay, applied to the names {@link AdamW#appliesWeightDecay} accepts, &gt;= 0
 */
public record AdamWSettings(double beta1, double beta2, double epsilon, double weightDecay) {
    /** betas (0.9, 0.999), eps 1e-8, weight decay 0 (the Hugging Face Trainer's defaults). */
    public static final AdamWSettings DEFAULTS = new AdamWSettings(0.9, 0.999, 1e-8, 0.0);

    public AdamWSettings {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("AdamW betas must be in [0, 1), got (" + beta1 + ", " + beta2 + ")");
        }
        if (!(epsilon >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("AdamW epsilon and weight decay must be >= 0, got eps " + epsilon
                    + ", weight decay " + weightDecay);
        }
    }

    /** The defaults with another weight decay (the Trainer's {@code --weight_decay}). */
    public AdamWSettings withWeightDecay(double decay) {
        return new AdamWSettings(beta1, beta2, epsilon, decay);
    }
}
