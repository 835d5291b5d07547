/**
 * Runnable examples of the zoo, one per task, each a thin {@code run(options)} that returns a
 * result a test can check, registered by name in {@link org.sdzoo.examples.Examples} so that the
 * {@code sdzoo} command line ({@link org.sdzoo.examples.cli}) can run them.
 */
package org.sdzoo.examples;
