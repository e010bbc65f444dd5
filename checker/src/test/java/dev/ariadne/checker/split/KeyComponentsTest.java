package dev.ariadne.checker.split;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Union-find on the driver against components found by breadth-first search, on seeded random pairs. */
class KeyComponentsTest {
    @Test
    void componentsAreThoseOfBreadthFirstSearch() {
        long base = Long.getLong("ariadne.seed", 9L);
        Random rnd = new Random(base);
        for (int run = 0; run < 2000; run++) {
            long seed = rnd.nextLong();
            Random r = new Random(seed);
            int keys = 1 + r.nextInt(12);
            List<String[]> pairs = new ArrayList<>();
            for (int i = r.nextInt(keys + 4); i > 0; i--) pairs.add(new String[] {"k" + r.nextInt(keys), "k" + r.nextInt(keys)});
            KeyComponents c = KeyComponents.of(pairs);
            Map<String, Set<String>> adj = new HashMap<>();
            for (String[] p : pairs) {
                adj.computeIfAbsent(p[0], k -> new HashSet<>()).add(p[1]);
                adj.computeIfAbsent(p[1], k -> new HashSet<>()).add(p[0]);
            }
            int shared = 0;
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < keys; k++) {
                String key = "k" + k;
                Set<String> comp = bfs(adj, key);
                String min = comp.stream().min(String::compareTo).orElseThrow();
                String why = "seed " + seed + " (base " + base + "), key " + key;
                assertThat(c.of(key)).as(why).isEqualTo(min);
                assertThat(c.keys(c.of(key))).as(why).isEqualTo(comp.size());
                if (comp.size() > 1 && seen.add(min)) shared++;
            }
            assertThat(c.shared()).as("seed " + seed).isEqualTo(shared);
        }
    }

    private static Set<String> bfs(Map<String, Set<String>> adj, String from) {
        Set<String> out = new HashSet<>(List.of(from));
        ArrayDeque<String> q = new ArrayDeque<>(List.of(from));
        while (!q.isEmpty()) {
            for (String n : adj.getOrDefault(q.poll(), Set.of())) if (out.add(n)) q.add(n);
        }
        return out;
    }
}
