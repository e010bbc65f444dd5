/**
 * The independent verifier of transactional witnesses: its own reading of the micro-ops, each
 * model as a set of axioms, no code shared with the search that found the witness.
 *
 * <p>Internal: public only so that the model package can call it; not API.
 */
package dev.ariadne.checker.certify;
