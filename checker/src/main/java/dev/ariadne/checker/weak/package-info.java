/**
 * The single-object models below linearizability: sequential consistency by frontier search, the
 * per-process views (PRAM, the session guarantees, causal memory) by saturation or search, and
 * the causal models by Bouajjani et al.'s bad patterns.
 *
 * <p>Internal: public only so that the model package can call it; not API.
 */
package dev.ariadne.checker.weak;
