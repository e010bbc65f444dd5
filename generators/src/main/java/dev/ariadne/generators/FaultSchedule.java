package dev.ariadne.generators;

import java.util.List;
import java.util.SplittableRandom;

/**
 * When the {@link Runner} injects faults: after a quiet interval, one of {@code faults} (picked at
 * random) for a while, then quiet again, until the clients finish; every fault still on is stopped at
 * the end. Intervals and durations are drawn uniformly around their means from {@code seed}, so a
 * schedule is reproducible (the clients' timing around it is not: they are real threads).
 *
 * @param faults             fault names handed to the {@link Nemesis}
 * @param meanQuietMillis    mean time between faults
 * @param meanDurationMillis mean time a fault lasts
 * @param seed               the random seed
 */
public record FaultSchedule(List<String> faults, long meanQuietMillis, long meanDurationMillis, long seed) {
    public FaultSchedule {
        if (faults.isEmpty()) throw new IllegalArgumentException("a fault schedule needs at least one fault");
        faults = List.copyOf(faults);
    }

    /** One step of the timetable: wait {@code afterMillis}, then run {@code fault} for {@code forMillis}. */
    public record Step(long afterMillis, String fault, long forMillis) {}

    /** The timetable's steps, in order, from a generator seeded by {@link #seed}. */
    public java.util.Iterator<Step> steps() {
        SplittableRandom rnd = new SplittableRandom(seed);
        return new java.util.Iterator<>() {
            public boolean hasNext() {
                return true;
            }

            public Step next() {
                long quiet = meanQuietMillis / 2 + rnd.nextLong(Math.max(1, meanQuietMillis));
                long duration = meanDurationMillis / 2 + rnd.nextLong(Math.max(1, meanDurationMillis));
                return new Step(quiet, faults.get(rnd.nextInt(faults.size())), duration);
            }
        };
    }
}
