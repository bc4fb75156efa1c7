package dev.bert4j.train.optim;

import java.util.List;
import java.util.Locale;

/**
 * A learning rate for each optimizer step, as the schedules of Hugging Face
 * {@code transformers.optimization} (a {@code LambdaLR}): {@code lr(s) = baseLr * lambda(s)} where
 * {@code s} is the number of optimizer steps already taken, so {@code lr(0)} is the rate of the first step.
 */
public interface LrSchedule {
    /** The names {@link #parse} accepts, as Hugging Face's {@code SchedulerType} values. */
    List<String> NAMES = List.of("linear", "cosine", "constant", "constant_with_warmup");

    /** The learning rate for the step taken after {@code step} earlier steps. */
    double lr(long step);

    /**
     * The schedule Hugging Face names {@code name} ({@code --lr_scheduler_type}).
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES} or invalid step counts
     */
    static LrSchedule parse(String name, double baseLr, long warmupSteps, long totalSteps) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "linear" -> linear(baseLr, warmupSteps, totalSteps);
            case "cosine" -> cosine(baseLr, warmupSteps, totalSteps);
            case "constant" -> constant(baseLr);
            case "constant_with_warmup" -> constantWithWarmup(baseLr, warmupSteps);
            default -> throw new IllegalArgumentException("unknown learning-rate schedule '" + name
                    + "'; supported: " + String.join(", ", NAMES));
        };
    }

    /**
     * Warm-up steps as the Hugging Face Trainer's {@code get_warmup_steps}: {@code warmupSteps} when
     * positive, else {@code ceil(totalSteps * warmupRatio)}.
     */
    static long warmupSteps(long warmupSteps, double warmupRatio, long totalSteps) {
        if (warmupSteps < 0 || totalSteps < 0) {
            throw new IllegalArgumentException("warm-up and total steps must be >= 0, got " + warmupSteps + ", "
                    + totalSteps);
        }
        if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
            throw new IllegalArgumentException("warm-up ratio must be in [0, 1], got " + warmupRatio);
        }
        return warmupSteps > 0 ? warmupSteps : (long) Math.ceil(totalSteps * warmupRatio);
    }

    /** {@code get_linear_schedule_with_warmup}: up linearly over the warm-up, then down to 0 at {@code totalSteps}. */
    static LrSchedule linear(double baseLr, long warmupSteps, long totalSteps) {
        check(baseLr, warmupSteps, totalSteps);
        return s -> {
            if (s < warmupSteps) {
                return baseLr * warmupFraction(s, warmupSteps);
            }
            return baseLr * Math.max(0.0, (double) (totalSteps - s) / Math.max(1, totalSteps - warmupSteps));
        };
    }

    /**
     * {@code get_cosine_schedule_with_warmup} with {@code num_cycles = 0.5}: up linearly over the warm-up,
     * then half a cosine down to 0 at {@code totalSteps}. Beyond {@code totalSteps} the formula rises again,
     * exactly as Hugging Face's does.
     */
    static LrSchedule cosine(double baseLr, long warmupSteps, long totalSteps) {
        check(baseLr, warmupSteps, totalSteps);
        double numCycles = 0.5;
        return s -> {
            if (s < warmupSteps) {
                return baseLr * warmupFraction(s, warmupSteps);
            }
            double progress = (double) (s - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
            return baseLr * Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * numCycles * 2.0 * progress)));
        };
    }

    /** {@code get_constant_schedule}: {@code baseLr} at every step. */
    static LrSchedule constant(double baseLr) {
        check(baseLr, 0, 0);
        return s -> baseLr;
    }

    /** {@code get_constant_schedule_with_warmup}: up linearly over the warm-up, then {@code baseLr}. */
    static LrSchedule constantWithWarmup(double baseLr, long warmupSteps) {
        check(baseLr, warmupSteps, 0);
        return s -> s < warmupSteps ? baseLr * warmupFraction(s, warmupSteps) : baseLr;
    }

    private static double warmupFraction(long step, long warmupSteps) {
        return (double) step / Math.max(1, warmupSteps);
    }

    private static void check(double baseLr, long warmupSteps, long totalSteps) {
        if (!(baseLr >= 0) || Double.isInfinite(baseLr)) {
            throw new IllegalArgumentException("base learning rate must be finite and >= 0, got " + baseLr);
        }
        if (warmupSteps < 0 || totalSteps < 0) {
            throw new IllegalArgumentException("warm-up and total steps must be >= 0, got " + warmupSteps + ", "
                    + totalSteps);
        }
    }
}
