package dev.bert4j.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchPlannerTest {
    @Test
    void everyIndexOnceSortedByLengthWithinBudgets() {
        SplittableRandom r = new SplittableRandom(3);
        int[] lengths = r.ints(1000, 2, 300).toArray();
        BatchPlanner planner = new BatchPlanner(1024, 16);
        List<int[]> plan = planner.plan(lengths);
        boolean[] seen = new boolean[lengths.length];
        int previous = 0;
        for (int[] batch : plan) {
            long tokens = 0;
            assertThat(batch.length).isBetween(1, 16);
            for (int i : batch) {
                assertThat(seen[i]).as("index %d twice", i).isFalse();
                seen[i] = true;
                assertThat(lengths[i]).isGreaterThanOrEqualTo(previous);
                previous = lengths[i];
                tokens += lengths[i];
            }
            assertThat(tokens).isLessThanOrEqualTo(1024);
        }
        for (boolean s : seen) {
            assertThat(s).isTrue();
        }
    }

    @Test
    void fillsEachBatchBeforeStartingTheNext() {
        List<int[]> plan = new BatchPlanner(10, 100).plan(new int[] {4, 3, 3, 4, 5, 2});
        List<List<Integer>> batches = new ArrayList<>();
        for (int[] b : plan) {
            batches.add(java.util.Arrays.stream(b).boxed().toList());
        }
        // sorted: 2(5) 3(1) 3(2) 4(0) 4(3) 5(4): 2+3+3 = 8, +4 > 10; 4+4 = 8, +5 > 10; 5
        assertThat(batches).containsExactly(List.of(5, 1, 2), List.of(0, 3), List.of(4));
    }

    @Test
    void aSequenceOverTheBudgetGetsABatchOfItsOwn() {
        assertThat(new BatchPlanner(8, 4).plan(new int[] {3, 20, 2})).extracting(b -> b.length)
                .containsExactly(2, 1);
        assertThat(new BatchPlanner(8, 4).plan(new int[0])).isEmpty();
    }

    @Test
    void rejectsEmptyBudgets() {
        assertThatThrownBy(() -> new BatchPlanner(0, 4)).isInstanceOf(PipelineInputException.class);
        assertThatThrownBy(() -> new BatchPlanner(4, 0)).isInstanceOf(PipelineInputException.class);
    }
}
