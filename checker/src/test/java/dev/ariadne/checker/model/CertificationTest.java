package dev.ariadne.checker.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which models a witness certifies without another pass of the verifier. */
class CertificationTest {
    @Test
    void aSerialOrderCoversEveryModelSerializabilityImplies() {
        for (ConsistencyModel m : ConsistencyModel.values()) {
            if (m.family() != ConsistencyModel.Family.TRANSACTIONAL || m == ConsistencyModel.SERIALIZABLE) continue;
            boolean implied = ModelLattice.implies(ConsistencyModel.SERIALIZABLE, m);
            assertThat(Certification.covers(Certification.AXIOMS.get(ConsistencyModel.SERIALIZABLE), Certification.AXIOMS.get(m)))
                    .as(m.cliName()).isEqualTo(implied);
        }
    }

    @Test
    void anSiScheduleDoesNotCoverUpdateSerializability() {
        assertThat(Certification.covers(Certification.AXIOMS.get(ConsistencyModel.SNAPSHOT_ISOLATION), Certification.AXIOMS.get(ConsistencyModel.UPDATE_SERIALIZABLE)))
                .isFalse();
        assertThat(Certification.covers(Certification.AXIOMS.get(ConsistencyModel.SNAPSHOT_ISOLATION), Certification.AXIOMS.get(ConsistencyModel.CONSISTENT_VIEW)))
                .isFalse();
    }
}
