package dev.ariadne.checker.datatype;

import dev.ariadne.history.Operation;

/** A lock ({@code mutex}): {@code acquire} needs it free, {@code release} needs it held. */
public final class Mutex implements Datatype<Boolean, Boolean> {

    @Override
    public String name() {
        return "mutex";
    }

    @Override
    public Boolean init() {
        return Boolean.FALSE;
    }

    /** True for acquire, false for release. */
    @Override
    public Boolean input(Operation op) {
        return switch (op.f() == null ? "" : op.f()) {
            case "acquire" -> Boolean.TRUE;
            case "release" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("mutex has no operation " + op.f() + " (it has acquire, release)");
        };
    }

    @Override
    public Boolean step(Boolean held, Boolean acquire) {
        return held.booleanValue() != acquire.booleanValue() ? acquire : null;
    }

    @Override
    public String whyIllegal(Boolean held, Boolean acquire) {
        return acquire ? "can't acquire a lock that is held" : "can't release a lock that is free";
    }

    @Override
    public String describeState(Boolean held) {
        return held ? "held" : "free";
    }

    @Override
    public String describe(Operation op) {
        return op.f();
    }
}
