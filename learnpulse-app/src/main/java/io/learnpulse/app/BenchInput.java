package io.learnpulse.app;

import io.learnpulse.pipeline.FusionJob;
import org.apache.flink.core.execution.JobClient;

import java.util.List;

/**
 * How the bench's generated lines reach the job and where its outputs go: from memory to a discarding sink
 * ({@code bench}), or through a Kafka broker in and out ({@code bench --kafka}, {@link BenchKafka}). The
 * measurement around it is the same either way.
 */
interface BenchInput extends AutoCloseable {
    /** The job's inputs. */
    List<FusionJob.Input> inputs();

    /** The job's sinks. */
    FusionJob.Sinks sinks();

    /** Called once the job is submitted, before the clock starts (a paced sender starts here). */
    default void submitted(JobClient client) throws Exception {}

    /** Records handed to the job's sources so far. */
    long fed();

    /** What becomes of the outputs, for the table (e.g. "encoded, then dropped"). */
    String outputs();

    /**
     * Brings the job to its end after the measured period: a paced input once all of it was taken in, with
     * end-of-input results; an unpaced one at once.
     */
    void finish(JobClient client, boolean paced) throws Exception;

    /** Lines for the table once the job has ended, each ending in a line separator; "" for none. */
    default String report() {
        return "";
    }

    /**
     * CPU time so far of processes outside this JVM that the run depends on and started itself (a child broker),
     * in nanoseconds; -1 when there are none or it cannot be told.
     */
    default long externalCpuNanos() {
        return -1;
    }

    /** What {@link #externalCpuNanos()} measures, for the table. */
    default String externalCpuName() {
        return "";
    }

    /** False when a check of the run failed (reported in {@link #report()}): the command then exits with 1. */
    default boolean passed() {
        return true;
    }

    @Override
    default void close() {}
}
