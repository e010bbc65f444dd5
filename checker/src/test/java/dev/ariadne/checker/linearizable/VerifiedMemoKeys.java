package dev.ariadne.checker.linearizable;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class whose searches should check every compact memo key against the shape it relies on
 * ({@link MemoKeys#verify}); the class may set {@link Search#compactFrom} as it likes, and both are put
 * back after it.
 */
final class VerifiedMemoKeys implements BeforeAllCallback, AfterAllCallback {
    private boolean verify;
    private int compactFrom;

    @Override
    public void beforeAll(ExtensionContext context) {
        verify = MemoKeys.verify;
        compactFrom = Search.compactFrom;
        MemoKeys.verify = true;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        MemoKeys.verify = verify;
        Search.compactFrom = compactFrom;
    }
}
