package org.sdzoo.datasets.sequence;

/**
 * Where the train, validation and test rows of a time series end: rows {@code [0, trainEnd)},
 * {@code [trainEnd, validationEnd)}, {@code [validationEnd, testEnd)}.
 *
 * @param trainEnd      first row after the training rows
 * @param validationEnd first row after the validation rows
 * @param testEnd       first row after the test rows
 */
public record ForecastSplit(int trainEnd, int validationEnd, int testEnd) {

    public ForecastSplit {
        if (!(0 < trainEnd && trainEnd < validationEnd && validationEnd < testEnd)) {
            throw new IllegalArgumentException("a split needs 0 < trainEnd < validationEnd < testEnd but got "
                    + trainEnd + ", " + validationEnd + ", " + testEnd);
        }
    }

    /**
     * The split of Informer and later papers for hourly ETT (ETTh1, ETTh2): 12 months train, 4
     * validation, 4 test, 30-day months: rows [0, 8640), [8640, 11520), [11520, 14400).
     */
    public static ForecastSplit ettHourly() {
        return months(24);
    }

    /** The same 12/4/4-month split for the 15-minute ETT files (ETTm1, ETTm2): 96 rows a day. */
    public static ForecastSplit ettQuarterHourly() {
        return months(96);
    }

    private static ForecastSplit months(int rowsPerDay) {
        int month = 30 * rowsPerDay;
        return new ForecastSplit(12 * month, 16 * month, 20 * month);
    }

    /** Consecutive fractions of {@code rows}: e.g. 0.7 train, 0.1 validation, the rest test. */
    public static ForecastSplit fractions(int rows, double train, double validation) {
        if (!(train > 0 && validation > 0 && train + validation < 1)) {
            throw new IllegalArgumentException("train (" + train + ") and validation (" + validation
                    + ") fractions must be positive and sum below 1, leaving rows for the test split");
        }
        return new ForecastSplit((int) Math.round(rows * train), (int) Math.round(rows * (train + validation)), rows);
    }
}
