/**
 * Linearizability: Wing and Gong's search with Lowe's memoisation, one P-compositional partition
 * at a time (Horn and Kroening), as Knossos and Porcupine decide it; its shrinking to a minimal
 * counterexample, and the linearization it finds.
 *
 * <p>Internal: public only so that the model package can call it; not API.
 */
package dev.ariadne.checker.linearizable;
