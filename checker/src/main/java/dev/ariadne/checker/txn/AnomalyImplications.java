package dev.ariadne.checker.txn;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which cycle anomalies a found one implies (after Adya and Elle): a G0 is also a G1c; a G-single is
 * also a G-nonadjacent and a G2-item, and a G-nonadjacent a G2-item; and each is also its
 * {@code -process} and {@code -realtime} variant (a plain cycle trivially uses no more order than
 * those allow).
 */
public final class AnomalyImplications {
    private AnomalyImplications() {}

    private static final String[] VARIANTS = {"", "-process", "-realtime"};

    /** The anomaly itself and every anomaly it implies. */
    public static Set<String> implied(String name) {
        int v = name.endsWith("-realtime") ? 2 : name.endsWith("-process") ? 1 : 0;
        String base = name.substring(0, name.length() - VARIANTS[v].length());
        List<String> bases = switch (base) {
            case "G0" -> List.of("G0", "G1c");
            case "G-single" -> List.of("G-single", "G-nonadjacent", "G2-item");
            case "G-nonadjacent" -> List.of("G-nonadjacent", "G2-item");
            case "G1c", "G2-item" -> List.of(base);
            default -> List.of();
        };
        Set<String> out = new LinkedHashSet<>();
        out.add(name);
        for (String b : bases) for (int w = v; w < VARIANTS.length; w++) out.add(b + VARIANTS[w]);
        return out;
    }
}
