/**
 * Small shared services: {@link org.movierec.util.ProgressListener} (progress, epoch events and
 * cancellation for long work), {@link org.movierec.util.Parallel} (deterministic range parallelism on
 * an injectable executor), {@link org.movierec.util.MemoryBudget} (heap estimates checked before a big
 * load) and {@link org.movierec.util.Version}.
 */
package org.movierec.util;
