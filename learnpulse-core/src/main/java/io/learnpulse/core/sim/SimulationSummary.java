package io.learnpulse.core.sim;

import io.learnpulse.core.event.Sources;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of what a simulation delivered, for a summary line. */
public final class SimulationSummary {
    /** Delivered lines, all sources, including duplicates and malformed lines. */
    public long total;
    /** Delivered lines per source, in the order clickstream, video, assessment. */
    public final Map<String, Long> perSource = new LinkedHashMap<>();
    /** Lines per delivery kind (normal, offline burst, late, duplicate, malformed). */
    public final Map<SimRecord.Delivery, Long> perDelivery = new LinkedHashMap<>();
    /** Well-formed lines (duplicates included) written as native v1. */
    public long v1;
    /** Well-formed lines (duplicates included) written as native v2. */
    public long v2;
    /** Arrival time of the first and last line, epoch ms; 0 when nothing was delivered. */
    public long firstArrival;
    public long lastArrival;

    public SimulationSummary() {
        for (String s : Sources.NATIVE) {
            perSource.put(s, 0L);
        }
        for (SimRecord.Delivery d : SimRecord.Delivery.values()) {
            perDelivery.put(d, 0L);
        }
    }

    /** Counts one delivered record. */
    public void add(SimRecord r) {
        if (total == 0) {
            firstArrival = r.arrivalTime;
        }
        lastArrival = r.arrivalTime;
        total++;
        perSource.merge(r.source, 1L, Long::sum);
        perDelivery.merge(r.delivery, 1L, Long::sum);
        if (r.delivery != SimRecord.Delivery.MALFORMED) {
            if (r.formatVersion == 1) {
                v1++;
            } else {
                v2++;
            }
        }
    }

    public long duplicates() {
        return perDelivery.get(SimRecord.Delivery.DUPLICATE);
    }

    public long malformed() {
        return perDelivery.get(SimRecord.Delivery.MALFORMED);
    }

    public long late() {
        return perDelivery.get(SimRecord.Delivery.LATE);
    }

    public long offlineBurst() {
        return perDelivery.get(SimRecord.Delivery.OFFLINE_BURST);
    }

    public Map<String, Long> perSource() {
        return Collections.unmodifiableMap(perSource);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(total).append(" lines");
        perSource.forEach((s, n) -> sb.append(", ").append(s).append(' ').append(n));
        sb.append("; v1 ").append(v1).append(", v2 ").append(v2)
                .append("; duplicates ").append(duplicates())
                .append(", malformed ").append(malformed())
                .append(", late ").append(late())
                .append(", offline-burst ").append(offlineBurst());
        if (total > 0) {
            sb.append("; arrivals ").append(Instant.ofEpochMilli(firstArrival))
                    .append(" .. ").append(Instant.ofEpochMilli(lastArrival));
        }
        return sb.toString();
    }
}
