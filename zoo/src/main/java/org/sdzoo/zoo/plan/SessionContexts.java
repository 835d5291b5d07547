package org.sdzoo.zoo.plan;

import java.lang.reflect.Field;
import java.util.Map;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ops.OpContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees what SameDiff's session holds after a run. M2.1's {@link InferenceSession} keeps one
 * {@link OpContext} per op across runs, and a context keeps every array it was ever given (buffer
 * included) until it is purged, so arrays the session computed were never freed, even after the
 * session was dropped. The map is private, hence the reflection; if a later ND4J renames it the
 * purge is skipped with a DEBUG line and nothing else changes.
 */
final class SessionContexts {

    private static final Logger LOG = LoggerFactory.getLogger(SessionContexts.class);
    private static final Field OP_CONTEXTS = field();

    private SessionContexts() {
    }

    private static Field field() {
        try {
            Field f = InferenceSession.class.getDeclaredField("opContexts");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("InferenceSession.opContexts not found ({}): session arrays are left to ND4J", e.toString());
            return null;
        }
    }

    /** Purges and closes the op contexts of a session that will not run again. */
    static void purge(Object session) {
        if (OP_CONTEXTS == null || !(session instanceof InferenceSession)) {
            return;
        }
        try {
            Map<?, ?> contexts = (Map<?, ?>) OP_CONTEXTS.get(session);
            if (contexts == null) {
                return;
            }
            for (Object c : contexts.values()) {
                if (c instanceof OpContext context) {
                    context.purge();
                    context.close();
                }
            }
            contexts.clear();
        } catch (Exception e) {
            LOG.debug("could not purge the session's op contexts: {}", e.toString());
        }
    }
}
