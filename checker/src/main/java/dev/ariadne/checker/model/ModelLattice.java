package dev.ariadne.checker.model;

import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The implications between {@link ConsistencyModel}s as a directed acyclic graph (JGraphT): an edge
 * from a model to each model it directly implies. A history that satisfies a model satisfies all its
 * descendants; one that violates a model violates all its ancestors. (Adding an edge that would close
 * a cycle fails at class load, so the lattice cannot contradict itself.)
 */
public final class ModelLattice {
    private ModelLattice() {}

    private static final DirectedAcyclicGraph<ConsistencyModel, DefaultEdge> DAG = build();

    private static DirectedAcyclicGraph<ConsistencyModel, DefaultEdge> build() {
        DirectedAcyclicGraph<ConsistencyModel, DefaultEdge> g = new DirectedAcyclicGraph<>(DefaultEdge.class);
        for (ConsistencyModel m : ConsistencyModel.values()) g.addVertex(m);
        for (ConsistencyModel m : ConsistencyModel.values()) for (ConsistencyModel n : m.directlyImplies()) g.addEdge(m, n);
        return g;
    }

    /** Every model the given one implies, itself included. */
    public static Set<ConsistencyModel> impliedBy(ConsistencyModel m) {
        Set<ConsistencyModel> out = EnumSet.of(m);
        out.addAll(DAG.getDescendants(m));
        return out;
    }

    /** Every model that implies the given one, itself included: all are ruled out when it is violated. */
    public static Set<ConsistencyModel> implying(ConsistencyModel m) {
        Set<ConsistencyModel> out = EnumSet.of(m);
        out.addAll(DAG.getAncestors(m));
        return out;
    }

    /** True if {@code a} implies {@code b}. */
    public static boolean implies(ConsistencyModel a, ConsistencyModel b) {
        return a == b || DAG.getDescendants(a).contains(b);
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
