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
 */
public record BatchFormat(DataType ids, DataType masks, boolean featuresMasks) {

    public BatchFormat {
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

    /** @return ids and masks both of the model's {@code type}, no features masks (padding is read from the pad id) */
    public static BatchFormat numericIds(DataType type) {
        return new BatchFormat(type, type, false);
    }
}
