package dev.ariadne.examples;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Makes the racy examples race for sure: callers meet at a barrier between a read and the write that depends on it. */
final class Race {
    private Race() {}

    /** Waits for the other racers; a lone caller goes on after ten seconds. */
    static void meet(CyclicBarrier race) {
        try {
            race.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException | TimeoutException e) {
            race.reset();
        }
    }
}
