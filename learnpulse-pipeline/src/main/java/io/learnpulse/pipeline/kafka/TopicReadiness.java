package io.learnpulse.pipeline.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until freshly created topics can take writes.
 *
 * <p>{@code CreateTopics} returns once the controller has recorded the topics, and the broker's metadata names a
 * leader slightly before the leader's replica manager serves the partition. An idempotent or transactional
 * producer writing in that gap can lose records silently: its first request fails with a retriable
 * {@code NOT_LEADER_OR_FOLLOWER}, the next one in flight arrives after the partition is ready and is accepted as
 * the producer's first (a broker with no state for a producer accepts any first sequence), and every retry of the
 * first one is then {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until {@code delivery.timeout.ms} expires it
 * (KAFKA-15591, fixed in brokers from Kafka 4.5). {@code ListOffsets} is answered by the same replica manager as
 * {@code Produce}, so once it succeeds on every partition, so will the first write.
 */
public final class TopicReadiness {
    private static final long POLL_MS = 20;

    private TopicReadiness() {}

    /**
     * Returns once every partition of {@code topics} answers {@code ListOffsets} from its leader.
     *
     * @throws TimeoutException if that does not happen within {@code timeout}
     * @throws ExecutionException on a non-retriable error, e.g. missing authorization
     */
    public static void awaitWritable(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new TimeoutException("the partitions of " + topics + " did not become writable within "
                        + timeout.toMillis() + " ms" + (last == null ? "" : ", last: " + (last.getMessage() == null
                                ? "no answer in the time left" : last.getMessage())));
            }
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                        .get(left, TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                described.forEach((name, d) -> d.partitions().forEach(
                        p -> partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs((int) Math.min(left, Integer.MAX_VALUE)))
                        .all().get(left, TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                // Unknown topic, no leader yet, not yet leader: all retriable while the topics are being set up.
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
                last = e.getCause();
            } catch (TimeoutException e) {
                last = e;
            }
            Thread.sleep(POLL_MS);
        }
    }
}
