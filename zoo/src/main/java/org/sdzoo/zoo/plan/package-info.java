/**
 * Compiled execution of SameDiff graphs: {@link org.sdzoo.zoo.plan.PlannedGraph} runs a forward
 * pass or a training pass through an execution plan (ops ordered once, arrays resolved once per
 * placeholder shapes, one reused op context per op) and falls back to SameDiff's session where a
 * plan does not apply. See {@code src/site/markdown/speed.md}.
 */
package org.sdzoo.zoo.plan;
