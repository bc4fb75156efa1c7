package dev.bert4j.train;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.BertTaskModel;
import dev.bert4j.nn.ComputeContext;
import dev.bert4j.train.metrics.BestModelMetric;
import dev.bert4j.train.optim.AdamW;
import dev.bert4j.train.optim.AdamWSettings;
import dev.bert4j.train.optim.GradientClipping;
import dev.bert4j.train.optim.LrSchedule;
import dev.bert4j.train.optim.NamedParameter;
import dev.bert4j.train.optim.OptimizerState;
import dev.bert4j.train.report.TrainingCurves;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training loop, with the Hugging Face Trainer's semantics: shuffled batches (a new order each epoch,
 * from the seed), gradient accumulation, global-norm clipping, AdamW with a learning-rate schedule,
 * evaluation and checkpoints every N steps or each epoch, the best checkpoint kept by a metric, optional
 * early stopping. Dropout draws from a generator seeded by the run's seed and the micro-batch, and the
 * data order from the seed and the epoch, so a run is reproducible bit for bit with the same seed and
 * thread count, and a resumed run goes on along the same curve.
 */
public final class Trainer {
    /** Checkpoints kept besides the best one. */
    static final int KEEP_CHECKPOINTS = 2;

    private final TrainingArguments args;
    private final TrainingTask task;
    private final TrainingListener listener;

    public Trainer(TrainingArguments args, TrainingTask task, TrainingListener listener) {
        this.args = args;
        this.task = task;
        this.listener = listener;
    }

    /** Micro-batches of one epoch. */
    int batchesPerEpoch() {
        return (task.size() + args.batchSize() - 1) / args.batchSize();
    }

    /** Optimizer steps of one epoch (HF: a trailing partial accumulation still steps). */
    long stepsPerEpoch() {
        return (batchesPerEpoch() + args.gradientAccumulationSteps() - 1) / args.gradientAccumulationSteps();
    }

    public long totalSteps() {
        return args.maxSteps() > 0 ? args.maxSteps() : args.epochs() * stepsPerEpoch();
    }

    /**
     * Trains {@code model} (in place) from {@code state}, checkpointing into {@code session.out()}.
     *
     * @param optimizerState the optimizer state to go on from, or null for a new run
     *
     * @return the state at the end
     */
    TrainerState train(ComputeContext ctx, BertTaskModel model, BertConfig config, TrainingSession session,
                       TrainerState state, OptimizerState optimizerState) {
        List<NamedParameter> params = new ArrayList<>();
        model.parameters().forEach((name, p) -> params.add(new NamedParameter(name, p)));
        AdamW optimizer = new AdamW(params, AdamWSettings.DEFAULTS.withWeightDecay(args.weightDecay()));
        if (optimizerState != null) {
            optimizer.load(optimizerState);
        }
        long total = totalSteps();
        LrSchedule schedule = LrSchedule.parse(args.lrScheduler(), args.learningRate(),
                LrSchedule.warmupSteps(args.warmupSteps(), args.warmupRatio(), total), total);
        Loop loop = new Loop(ctx, model, config, session, optimizer, schedule, params, state);
        listener.onStart(state.globalStep(), total, task.size());
        return loop.run();
    }

    /** The loop's moving parts, so each method stays short. */
    private final class Loop {
        private final ComputeContext ctx;
        private final BertTaskModel model;
        private final BertConfig config;
        private final TrainingSession session;
        private final AdamW optimizer;
        private final LrSchedule schedule;
        private final List<NamedParameter> params;
        private final BestModelMetric best;
        private TrainerState state;
        private final long startNanos = System.nanoTime();
        private final long startStep;
        private final long startTokens;

        Loop(ComputeContext ctx, BertTaskModel model, BertConfig config, TrainingSession session, AdamW optimizer,
             LrSchedule schedule, List<NamedParameter> params, TrainerState state) {
            this.ctx = ctx;
            this.model = model;
            this.config = config;
            this.session = session;
            this.optimizer = optimizer;
            this.schedule = schedule;
            this.params = params;
            this.state = state;
            this.startStep = state.globalStep();
            this.startTokens = state.tokens();
            this.best = BestModelMetric.of(args.metricForBestModel() != null ? args.metricForBestModel()
                    : task.hasEval() ? task.defaultMetric() : "loss");
        }

        TrainerState run() {
            long total = totalSteps();
            int accum = args.gradientAccumulationSteps();
            while (state.globalStep() < total) {
                int[][] batches = batches(state.epoch());
                double lossSum = 0;
                int micro = 0;
                for (int b = state.batchInEpoch(); b < batches.length && state.globalStep() < total; b++) {
                    long microSeed = mix(args.seed(), state.epoch(), b);
                    ComputeContext step = ctx.with(true, new SplittableRandom(microSeed));
                    lossSum += task.trainStep(step, model, batches[b], 1.0 / accum);
                    micro++;
                    long tokens = tokens(batches[b]);
                    state = new TrainerState(state.globalStep(), state.epoch(), b + 1, state.bestMetric(),
                            state.bestCheckpoint(), state.evalsWithoutImprovement(), state.tokens() + tokens);
                    if (micro == accum || b == batches.length - 1) {
                        if (optimizerStep(lossSum / micro, b == batches.length - 1)) {
                            return state;
                        }
                        lossSum = 0;
                        micro = 0;
                    }
                }
                if (state.globalStep() < total || state.batchInEpoch() >= batches.length) {
                    state = new TrainerState(state.globalStep(), state.epoch() + 1, 0, state.bestMetric(),
                            state.bestCheckpoint(), state.evalsWithoutImprovement(), state.tokens());
                }
            }
            return state;
        }

        /** Clip, step, schedule; then log, evaluate and checkpoint as asked. Returns true to stop early. */
        private boolean optimizerStep(double loss, boolean endOfEpoch) {
            double norm = args.maxGradNorm() > 0 ? GradientClipping.clipGlobalNorm(params, args.maxGradNorm())
                    : GradientClipping.globalNorm(params);
            double lr = schedule.lr(state.globalStep());
            optimizer.step(lr, ctx.parallel());
            optimizer.zeroGrad();
            long step = state.globalStep() + 1;
            state = new TrainerState(step, state.epoch(), state.batchInEpoch(), state.bestMetric(),
                    state.bestCheckpoint(), state.evalsWithoutImprovement(), state.tokens());
            double epoch = epochProgress();
            session.curves().add(step, epoch, "train_loss", loss);
            session.curves().add(step, epoch, "learning_rate", lr);
            session.curves().add(step, epoch, "grad_norm", norm);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double tps = (state.tokens() - startTokens) / Math.max(seconds, 1e-9);
            double left = seconds / Math.max(1, step - startStep) * (totalSteps() - step);
            listener.onStep(new TrainingListener.StepReport(step, totalSteps(), epoch, loss, lr, norm, tps, left));
            session.run().throughput(step, state.tokens(), seconds);
            boolean last = step >= totalSteps();
            boolean evalNow = task.hasEval() && (args.evalSteps() > 0 ? step % args.evalSteps() == 0 || last
                    : endOfEpoch || last);
            boolean saveNow = args.saveSteps() > 0 ? step % args.saveSteps() == 0 || last : endOfEpoch || last;
            boolean stop = evalNow && evaluate(step, epoch);
            if (saveNow || evalNow) {
                checkpoint(step);
            }
            return stop;
        }

        private double epochProgress() {
            return state.epoch() + (double) state.batchInEpoch() / batchesPerEpoch();
        }

        /** Evaluates; returns true when early stopping says to stop. */
        private boolean evaluate(long step, double epoch) {
            Map<String, Double> metrics = task.evaluate(ctx.with(false, new SplittableRandom(0)), model,
                    args.batchSize());
            metrics.forEach((name, v) -> session.curves().add(step, epoch, "eval_" + name, v));
            session.run().addEvaluation(step, epoch, metrics);
            listener.onEvaluate(step, metrics);
            double value = best.valueIn(metrics);
            boolean improved = Double.isNaN(state.bestMetric()) || best.isBetter(value, state.bestMetric());
            state = new TrainerState(step, state.epoch(), state.batchInEpoch(),
                    improved ? value : state.bestMetric(), improved ? Checkpoints.PREFIX + step : state.bestCheckpoint(),
                    improved ? 0 : state.evalsWithoutImprovement() + 1, state.tokens());
            if (args.earlyStoppingPatience() > 0 && state.evalsWithoutImprovement() >= args.earlyStoppingPatience()) {
                listener.onMessage("early stopping: " + best.name() + " has not improved for "
                        + state.evalsWithoutImprovement() + " evaluations (best " + state.bestMetric() + " at "
                        + state.bestCheckpoint() + ")");
                return true;
            }
            return false;
        }

        private void checkpoint(long step) {
            Path dir = Checkpoints.save(session.out(), step, model, config, session.tokenizer(), optimizer.state(),
                    state, session.run(), session.curves());
            Checkpoints.prune(session.out(), KEEP_CHECKPOINTS, state.bestCheckpoint());
            listener.onCheckpoint(step, dir);
        }

        private long tokens(int[] batch) {
            long n = 0;
            for (int i : batch) {
                n += task.tokens(i);
            }
            return n;
        }

        /** The micro-batches of an epoch: a permutation drawn from the seed and the epoch, cut in order. */
        private int[][] batches(int epoch) {
            int n = task.size();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            SplittableRandom r = new SplittableRandom(mix(args.seed(), epoch, -1));
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int[][] out = new int[batchesPerEpoch()][];
            for (int b = 0; b < out.length; b++) {
                out[b] = java.util.Arrays.copyOfRange(order, b * args.batchSize(), Math.min(n, (b + 1) * args.batchSize()));
            }
            return out;
        }
    }

    /** A seed for (run seed, epoch, batch), well mixed. */
    static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Where a run writes: its folder, tokenizer files, curves and record. */
    record TrainingSession(Path out, TokenizerFiles tokenizer, TrainingCurves curves, RunRecord run) {
    }
}
