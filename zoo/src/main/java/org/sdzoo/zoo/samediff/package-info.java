/**
 * Workarounds for SameDiff 1.0.0-M2.1 behaviour that is not a graph op (see
 * {@code src/site/markdown/samediff-m2.1.md}).
 */
package org.sdzoo.zoo.samediff;
