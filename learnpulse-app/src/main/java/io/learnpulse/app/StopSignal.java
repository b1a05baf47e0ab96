package io.learnpulse.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop, not as the JVM's exit: the command cancels its
 * job, prints its summary and exits 0. Where the JVM does not let us handle the signal, a shutdown
 * hook does the same within the JVM's exit.
 */
final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    private StopSignal() {}

    @SuppressWarnings("removal")
    static StopSignal install() {
        StopSignal s = new StopSignal();
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> s.requested.countDown());
            }
        } catch (Throwable unavailable) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                s.requested.countDown();
                try {
                    s.done.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "learnpulse-shutdown"));
        }
        return s;
    }

    /** Waits up to {@code nanos}; true when a stop was requested. */
    boolean await(long nanos) throws InterruptedException {
        return requested.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** The command has cleaned up (lets a shutdown hook, if one is in use, finish the JVM's exit). */
    void finished() {
        done.countDown();
    }
}
