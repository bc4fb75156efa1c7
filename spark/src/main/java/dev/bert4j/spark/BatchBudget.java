package dev.bert4j.spark;

import dev.bert4j.pipeline.BatchPlanner;

import java.io.Serializable;

/** The packed batches' budget as it travels to the executors, where it becomes a {@link BatchPlanner}. */
record BatchBudget(int maxTokens, int maxSequences) implements Serializable {
    BatchPlanner planner() {
        return new BatchPlanner(maxTokens, maxSequences);
    }
}
