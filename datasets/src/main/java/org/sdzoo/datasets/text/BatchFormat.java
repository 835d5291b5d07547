package org.sdzoo.datasets.text;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * How {@link ParallelBatches} lays out token ids and masks, to suit the model that reads them.
 *
 * @param ids           the type of the id arrays: an integer type, or the model's floating-point
 *                      type for a model whose id placeholders are numbers
 * @param masks         the masks' floating-point type
 * @param featuresMasks whether batches carry the source and target-input masks as features masks
 *                      (a model that derives its padding masks from the pad id takes none)
 * @param lengthMultiple a batch's source and target lengths are padded up to multiples of this
 *                      (1: the longest sentence of the batch); a model compiled per input shape
 *                      (sdzoo's execution plan) then sees a few shapes instead of one per batch
 */
public record BatchFormat(DataType ids, DataType masks, boolean featuresMasks, int lengthMultiple) {

    /** A format that pads to the longest sentence of each batch. */
    public BatchFormat(DataType ids, DataType masks, boolean featuresMasks) {
        this(ids, masks, featuresMasks, 1);
    }

    public BatchFormat {
        if (lengthMultiple < 1) {
            throw new IllegalArgumentException("lengthMultiple is " + lengthMultiple
                    + " but must be at least 1 (1 pads to the longest sentence of each batch)");
        }
        if (ids == null || !(ids.isIntType() || ids.isFPType())) {
            throw new IllegalArgumentException("ids type " + ids + " holds no token ids: use INT32, INT64 or the model's"
                    + " floating-point type");
        }
        if (masks == null || !masks.isFPType()) {
            throw new IllegalArgumentException("mask type " + masks + " is not a floating-point type: give the model's"
                    + " type, e.g. FLOAT");
        }
    }

    /** @return INT32 ids and {@code masks}-typed masks, features masks included */
    public static BatchFormat intIds(DataType masks) {
        return new BatchFormat(DataType.INT32, masks, true);
    }

    /** @return this format with lengths padded up to multiples of {@code multiple} */
    public BatchFormat withLengthMultiple(int multiple) {
        return new BatchFormat(ids, masks, featuresMasks, multiple);
    }

    /** @return ids and masks both of the model's {@code type}, no features masks (padding is read from the pad id) */
    public static BatchFormat numericIds(DataType type) {
        return new BatchFormat(type, type, false);
    }
}
