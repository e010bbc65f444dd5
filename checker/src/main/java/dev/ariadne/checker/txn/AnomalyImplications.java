package dev.ariadne.checker.txn;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which anomalies a found one implies (after Adya and Elle): a G0 is also a G1c; a G-single is
 * also a G-nonadjacent and a G2-item, and a G-nonadjacent a G2-item; an observed transaction that
 * vanishes (monotonic atomic view's OTV) is a fractured read; and each cycle is also its
 * {@code -process} and {@code -realtime} variant (a plain cycle trivially uses no more order than
 * those allow).
 */
public final class AnomalyImplications {
    private AnomalyImplications() {}

    /** The anomaly itself and every anomaly it implies. */
    public static Set<AnomalyKind> implied(AnomalyKind kind) {
        List<AnomalyKind.Type> types = switch (kind.type()) {
            case G0 -> List.of(AnomalyKind.Type.G0, AnomalyKind.Type.G1C);
            case G_SINGLE -> List.of(AnomalyKind.Type.G_SINGLE, AnomalyKind.Type.G_NONADJACENT, AnomalyKind.Type.G2_ITEM);
            case G_NONADJACENT -> List.of(AnomalyKind.Type.G_NONADJACENT, AnomalyKind.Type.G2_ITEM);
            case G1C, G2_ITEM -> List.of(kind.type());
            // Observing a transaction and then missing one of its writes is a fractured read too.
            case OBSERVED_VANISHES -> List.of(AnomalyKind.Type.OBSERVED_VANISHES, AnomalyKind.Type.FRACTURED_READ);
            // No serial order: none respecting process order, none respecting real time.
            case NONSERIALIZABLE -> List.of(AnomalyKind.Type.NONSERIALIZABLE, AnomalyKind.Type.NONLINEARIZABLE);
            default -> List.of();
        };
        Set<AnomalyKind> out = new LinkedHashSet<>();
        out.add(kind);
        AnomalyKind.Order[] orders = AnomalyKind.Order.values();
        for (AnomalyKind.Type t : types) {
            if (!t.ordered()) out.add(AnomalyKind.of(t));
            else for (int w = kind.order().ordinal(); w < orders.length; w++) out.add(AnomalyKind.of(t, orders[w]));
        }
        return out;
    }
}
