package dev.bert4j.spark;

import dev.bert4j.nn.ComputeContext;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.List;

/**
 * What a stage does to the rows of one partition, shipped to the executors. It holds only settings (column
 * indices, the model spec, options); {@link #open()} runs on the executor, once per partition, and takes the
 * model from {@link ExecutorModels}.
 */
interface RowTask extends Serializable {

    /** Whether the row has the stage's input; a row without it gets a null output and never reaches the model. */
    boolean hasInput(Row row);

    /** The characters of the row's input, for the window's memory budget. */
    long inputChars(Row row);

    /** The model, configured, for one partition. */
    Batch open();

    /** Runs a window of rows through the model. */
    @FunctionalInterface
    interface Batch {
        /** One output value per row (each row has input), in row order, as Spark's external types. */
        List<Object> run(ComputeContext ctx, List<Row> rows);
    }
}
