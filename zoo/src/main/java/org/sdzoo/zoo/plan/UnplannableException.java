package org.sdzoo.zoo.plan;

/** The graph has something an {@link ExecutionPlan} cannot run; the message says what. */
final class UnplannableException extends RuntimeException {

    UnplannableException(String reason) {
        super(reason, null, false, false);
    }
}
