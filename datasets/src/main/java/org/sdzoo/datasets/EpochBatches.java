package org.sdzoo.datasets;

import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * What every sdzoo batch iterator shares: batches are built on the calling thread in an order
 * fixed by the seed and the epoch (so {@link #reset()} is supported and asynchronous prefetching,
 * which would reorder nothing but share arrays across threads, is not), and an optional
 * pre-processor applied to each batch as it is served.
 */
public abstract class EpochBatches implements MultiDataSetIterator, EpochAware {

    private MultiDataSetPreProcessor preProcessor;

    /** @return {@code batch}, after the pre-processor (if any) has been applied to it in place */
    protected final MultiDataSet preProcessed(MultiDataSet batch) {
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** @return {@code true}: every iterator here can start its epoch again */
    @Override
    public final boolean resetSupported() {
        return true;
    }

    /** @return {@code false}: batches are cheap to build, and a prefetching thread would share their arrays */
    @Override
    public final boolean asyncSupported() {
        return false;
    }

    /** @param preProcessor applied to each batch as it is served, or {@code null} for none */
    @Override
    public final void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    /** @return the pre-processor, or {@code null} */
    @Override
    public final MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }
}
