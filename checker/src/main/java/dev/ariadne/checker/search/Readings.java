package dev.ariadne.checker.search;

import dev.ariadne.checker.datatype.Datatype;
import dev.ariadne.checker.datatype.DatatypeMismatch;
import dev.ariadne.history.OpType;
import dev.ariadne.history.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * The operations a search works on, each read once by the datatype as it happened and, on first
 * need, relaxed: kept where its process put it, but free to take effect later or never with its
 * result unconstrained (it becomes {@code info} with its invocation's value). Subclasses choose the
 * operations and how each is seen ({@link #adjust}), and decide a check.
 */
public abstract class Readings<S, I> implements Relaxable {
    public final Datatype<S, I> datatype;
    /** The operations, in the order added (invocation order). */
    public final List<Operation> ops = new ArrayList<>();
    private final List<I> inputs = new ArrayList<>();
    private final List<I> relaxed = new ArrayList<>();

    protected Readings(Datatype<S, I> datatype) {
        this.datatype = datatype;
    }

    /** Adds an operation as this problem sees it; false when {@link #adjust} leaves it out. */
    protected final boolean add(Operation o) {
        I in = adjust(o, read(o));
        if (in == null) return false;
        ops.add(o);
        inputs.add(in);
        return true;
    }

    /** How this problem sees an operation's reading; null leaves it out. The default keeps it as it is. */
    protected I adjust(Operation o, I input) {
        return input;
    }

    private I read(Operation o) {
        try {
            return datatype.input(o);
        } catch (IllegalArgumentException e) {
            throw new DatatypeMismatch(o, e.getMessage());
        }
    }

    /** Operation i as it happened. */
    public final I input(int i) {
        return inputs.get(i);
    }

    /** Operation i relaxed, or null for one that is not {@code ok} (it is optional already). */
    public final I relaxedInput(int i) {
        if (relaxed.isEmpty() && !ops.isEmpty()) {
            for (Operation o : ops) relaxed.add(o.isOk() ? adjust(o, read(o.with(o.invoke().value(), OpType.INFO))) : null);
        }
        return relaxed.get(i);
    }

    /** All {@code ok} operations, which must take effect. */
    public final boolean[] allRequired() {
        boolean[] keep = new boolean[ops.size()];
        for (int i = 0; i < keep.length; i++) keep[i] = ops.get(i).isOk();
        return keep;
    }

    @Override
    public final int size() {
        return ops.size();
    }

    @Override
    public final boolean required(int i) {
        return ops.get(i).isOk();
    }

    @Override
    public final int completion(int i) {
        return ops.get(i).returnPosition();
    }

    @Override
    public final boolean relaxesToNoOp(int i) {
        I r = relaxedInput(i);
        return r != null && datatype.isNoOp(r);
    }
}
