package org.sdzoo.zoo.plan;

/**
 * A planned op whose output shapes depend on an input's values wants other shapes than at
 * planning time: the plan no longer fits and is built again.
 */
final class ShapeChangedException extends RuntimeException {

    ShapeChangedException(String opName) {
        super("op '" + opName + "' now has other output shapes than when it was planned", null, false, false);
    }
}
