/**
 * Transactions (list-append, rw-register): Elle's inference of version orders and the dependency
 * graph, the cycle search for Adya's anomalies, the visibility checks of Cerone et al., and the
 * witnesses (serial orders, snapshot schedules, visibility relations) a VALID rests on.
 *
 * <p>Internal: public only so that the model package can call it; not API.
 */
package dev.ariadne.checker.txn;
