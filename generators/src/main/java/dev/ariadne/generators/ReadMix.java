package dev.ariadne.generators;

import java.util.SplittableRandom;

/**
 * A workload's read/write mix, as Jepsen's workloads set it: the wrapped object's calls are drawn
 * until one is a read ({@code read}, {@code get}, {@code dequeue}) with probability {@code readRatio},
 * and an update otherwise. Calls drawn and passed over are simply not made (a skipped write only
 * burns a fresh value, so unique values stay unique).
 */
public final class ReadMix implements SimObject {
    private static final int ATTEMPTS = 64;
    private final SimObject inner;
    private final double readRatio;

    public ReadMix(SimObject inner, double readRatio) {
        if (readRatio < 0 || readRatio > 1) throw new IllegalArgumentException("a read ratio is between 0 and 1, not " + readRatio);
        this.inner = inner;
        this.readRatio = readRatio;
    }

    @Override
    public String datatype() {
        return inner.datatype();
    }

    @Override
    public Call next(SplittableRandom rnd) {
        boolean read = rnd.nextDouble() < readRatio;
        Call c = inner.next(rnd);
        for (int i = 1; i < ATTEMPTS && isRead(c) != read; i++) c = inner.next(rnd);
        return c;
    }

    @Override
    public Result apply(Call call) {
        return inner.apply(call);
    }

    static boolean isRead(Call c) {
        return c.f().equals("read") || c.f().equals("get") || c.f().equals("dequeue");
    }
}
