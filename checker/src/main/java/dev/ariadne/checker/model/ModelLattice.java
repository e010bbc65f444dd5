package dev.ariadne.checker.model;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** Walks the implications between {@link ConsistencyModel}s. */
public final class ModelLattice {
    private ModelLattice() {}

    /** Every model the given one implies, itself included. */
    public static Set<ConsistencyModel> impliedBy(ConsistencyModel m) {
        Set<ConsistencyModel> out = EnumSet.of(m);
        ArrayDeque<ConsistencyModel> todo = new ArrayDeque<>(out);
        while (!todo.isEmpty()) {
            for (ConsistencyModel n : todo.pop().directlyImplies()) if (out.add(n)) todo.add(n);
        }
        return out;
    }

    /** Every model that implies the given one, itself included: all are ruled out when it is violated. */
    public static Set<ConsistencyModel> implying(ConsistencyModel m) {
        Set<ConsistencyModel> out = EnumSet.noneOf(ConsistencyModel.class);
        for (ConsistencyModel s : ConsistencyModel.values()) if (impliedBy(s).contains(m)) out.add(s);
        return out;
    }

    /** True if {@code a} implies {@code b}. */
    public static boolean implies(ConsistencyModel a, ConsistencyModel b) {
        return impliedBy(a).contains(b);
    }

    /** The models of a set that no other model of the set implies: the strongest ones. */
    public static Set<ConsistencyModel> strongest(Collection<ConsistencyModel> ms) {
        Set<ConsistencyModel> out = EnumSet.noneOf(ConsistencyModel.class);
        for (ConsistencyModel m : ms) {
            boolean covered = false;
            for (ConsistencyModel o : ms) if (o != m && implies(o, m)) covered = true;
            if (!covered) out.add(m);
        }
        return out;
    }

    /** The models of a set that imply no other model of the set: the weakest ones. */
    public static Set<ConsistencyModel> weakest(Collection<ConsistencyModel> ms) {
        Set<ConsistencyModel> out = EnumSet.noneOf(ConsistencyModel.class);
        for (ConsistencyModel m : ms) {
            boolean covers = false;
            for (ConsistencyModel o : ms) if (o != m && implies(m, o)) covers = true;
            if (!covers) out.add(m);
        }
        return out;
    }
}
