package org.sdzoo.zoo.plan;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.TransformOp;
import org.nd4j.linalg.api.ops.BaseReduceOp;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueDataBuffer;

/**
 * A plan step's op called straight into libnd4j, as ND4J's executioner ends up calling it, without
 * the executioner's per-call Java work: profiling hooks, a oneDNN override lookup, data-type
 * validation, a list of the outputs for a custom op; the extra-arguments buffer, the typed
 * dispatch and the native pointers of every array for a legacy op. On a 4×4 array that work costs
 * more than the op (a custom {@code add} 2.1 µs through the executioner, 1.1 µs direct; a legacy
 * {@code tanh} 0.7-1.3 µs against 0.35-0.4 µs). The native pointers of a legacy op's arrays are
 * kept while the step sees the same arrays, so a run is one native call.
 *
 * <p>Only the forms whose native call takes nothing the executioner would prepare are direct:
 * custom ops, and legacy transforms of one input, scalar ops and reductions of one input, each
 * without extra arguments (a scalar op also without dimensions). The others return null from {@link #of} and stay on the executioner.
 * {@code -Dsdzoo.plan.direct=off} puts every op back on the executioner (to compare).
 */
abstract sealed class NativeCall permits NativeCall.Custom, NativeCall.Legacy {

    /** Whether plans call ops directly; {@code -Dsdzoo.plan.direct=off} turns it off. */
    static final boolean ENABLED = !"off".equalsIgnoreCase(System.getProperty("sdzoo.plan.direct"));

    private static final NativeOps NATIVE = NativeOpsHolder.getInstance().getDeviceNativeOps();

    /** @return the direct call of the custom op, or null when direct calls are off */
    static NativeCall custom(CustomOp op, String name) {
        return ENABLED ? new Custom(op.opHash(), op.opName(), name) : null;
    }

    /**
     * @param inputs the step's input count (a scalar op's scalar may be its second input)
     * @return the direct call of the legacy op, or null for a form it does not cover (a pairwise
     *         transform, a reduction, extra arguments, a scalar op along dimensions) or when direct
     *         calls are off
     */
    static NativeCall legacy(Op op, int inputs) {
        if (!ENABLED || (op.extraArgs() != null && op.extraArgs().length > 0)) {
            return null;
        }
        if (op instanceof TransformOp t && inputs == 1) {
            Op.Type type = t.getOpType();
            return switch (type) {
                case TRANSFORM_STRICT, TRANSFORM_SAME, TRANSFORM_FLOAT, TRANSFORM_BOOL, TRANSFORM_ANY ->
                        new Transform(type, op.opNum());
                default -> null;
            };
        }
        if (op instanceof BaseReduceOp r && !(op instanceof Variance) && inputs == 1 && !r.isEmptyReduce()
                && r.dimensions() != null) {
            return switch (r.getOpType()) {
                case REDUCE_FLOAT, REDUCE_SAME, REDUCE_BOOL, REDUCE_LONG -> new Reduce(r.getOpType(), op.opNum());
                default -> null;
            };
        }
        if (op instanceof ScalarOp s && inputs <= 2 && s.dimensions() == null
                && (s.getOpType() == Op.Type.SCALAR || s.getOpType() == Op.Type.SCALAR_BOOL)) {
            return new Scalar(s.getOpType(), op.opNum());
        }
        return null;
    }

    /**
     * Runs the op once.
     *
     * @param context the step's context (a custom op's arrays are there)
     * @param x       a legacy op's input, as the step holds it now
     * @param z       a legacy op's output
     * @param op      the op (a scalar op's scalar is read from it)
     */
    abstract void run(OpContext context, INDArray x, INDArray z, DifferentialFunction op);

    /** A custom op: one native call on the context the step keeps. */
    static final class Custom extends NativeCall {
        private final long hash;
        private final String opName;
        private final String stepName;

        Custom(long hash, String opName, String stepName) {
            this.hash = hash;
            this.opName = opName;
            this.stepName = stepName;
        }

        @Override
        void run(OpContext context, INDArray x, INDArray z, DifferentialFunction op) {
            int status = NATIVE.execCustomOp2(null, hash, context.contextPointer());
            if (status != 0) {
                throw new IllegalStateException("op " + opName + " '" + stepName + "' failed in libnd4j (status " + status
                        + "): " + NATIVE.lastErrorMessage());
            }
        }
    }

    /** The native handles of one array, kept while a step sees the same array object. */
    static final class Bound {
        private INDArray array;
        private OpaqueDataBuffer buffer;
        private LongPointer shape;

        /** Points this at {@code a}'s buffer and shape, unless it already is. */
        Bound of(INDArray a) {
            if (a != array) {
                buffer = ((BaseCpuDataBuffer) a.data()).getOpaqueDataBuffer();
                shape = (LongPointer) a.shapeInfoDataBuffer().addressPointer();
                array = a;
            }
            return this;
        }
    }

    /** A legacy op of one input array and one output array, called with their native handles. */
    abstract static sealed class Legacy extends NativeCall permits Transform, Scalar, Reduce {
        final Op.Type type;
        final int opNum;
        final Bound x = new Bound();
        final Bound z = new Bound();

        Legacy(Op.Type type, int opNum) {
            this.type = type;
            this.opNum = opNum;
        }

        @Override
        void run(OpContext context, INDArray xArray, INDArray zArray, DifferentialFunction op) {
            x.of(xArray);
            z.of(zArray);
            call(op);
            check(op);
        }

        /** The native call on {@link #x} and {@link #z}, bound to this run's arrays. */
        abstract void call(DifferentialFunction op);
    }

    /** A legacy transform of one input: {@code z = f(x)}. */
    static final class Transform extends Legacy {
        Transform(Op.Type type, int opNum) {
            super(type, opNum);
        }

        @Override
        void call(DifferentialFunction op) {
            Pointer none = null;
            switch (type) {
                case TRANSFORM_STRICT -> NATIVE.execTransformStrict(null, opNum, x.buffer, x.shape, null, z.buffer, z.shape, null, none);
                case TRANSFORM_SAME -> NATIVE.execTransformSame(null, opNum, x.buffer, x.shape, null, z.buffer, z.shape, null, none);
                case TRANSFORM_FLOAT -> NATIVE.execTransformFloat(null, opNum, x.buffer, x.shape, null, z.buffer, z.shape, null, none);
                case TRANSFORM_BOOL -> NATIVE.execTransformBool(null, opNum, x.buffer, x.shape, null, z.buffer, z.shape, null, none);
                case TRANSFORM_ANY -> NATIVE.execTransformAny(null, opNum, x.buffer, x.shape, null, z.buffer, z.shape, null, none);
                default -> throw new IllegalStateException("not a transform: " + type);
            }
        }
    }

    /** A legacy scalar op: {@code z = f(x, s)}, s the op's scalar array. */
    static final class Scalar extends Legacy {
        private final Bound scalar = new Bound();

        Scalar(Op.Type type, int opNum) {
            super(type, opNum);
        }

        @Override
        void call(DifferentialFunction op) {
            scalar.of(((ScalarOp) op).scalar());
            if (type == Op.Type.SCALAR_BOOL) {
                NATIVE.execScalarBool(null, opNum, x.buffer, x.shape, null, z.buffer, z.shape, null, scalar.buffer,
                        scalar.shape, null, null);
            } else {
                NATIVE.execScalar(null, opNum, x.buffer, x.shape, null, z.buffer, z.shape, null, scalar.buffer,
                        scalar.shape, null, null);
            }
        }
    }

    /**
     * A legacy reduction of one input along the dimensions the plan set on the op, as the
     * executioner calls it (which also computes a TAD it does not pass, and allocates): the whole
     * array when the output is a scalar, else along the op's dimension array. The form is chosen at
     * the first run from the arrays' shapes, which a plan keeps; the executioner's special cases
     * (empty input, a vector reduced along an axis of one) stay with the executioner.
     */
    static final class Reduce extends Legacy {
        /** 0 not yet chosen, 1 whole array, 2 along dimensions, 3 through the executioner */
        private int form;
        /** the op's dimension array (held, so its native buffer outlives the calls that read it) */
        private final Bound dimensions = new Bound();

        Reduce(Op.Type type, int opNum) {
            super(type, opNum);
        }

        @Override
        void run(OpContext context, INDArray xArray, INDArray zArray, DifferentialFunction op) {
            if (form == 0) {
                form = choose((BaseReduceOp) op, xArray, zArray);
            }
            if (form == 3) {
                org.nd4j.linalg.factory.Nd4j.getExecutioner().exec((Op) op, context);
            } else {
                super.run(context, xArray, zArray, op);
            }
        }

        @Override
        void call(DifferentialFunction op) {
            if (form == 1) {
                switch (type) {
                    case REDUCE_FLOAT -> NATIVE.execReduceFloat(null, opNum, x.buffer, x.shape, null, null, z.buffer, z.shape, null);
                    case REDUCE_SAME -> NATIVE.execReduceSame(null, opNum, x.buffer, x.shape, null, null, z.buffer, z.shape, null);
                    case REDUCE_BOOL -> NATIVE.execReduceBool(null, opNum, x.buffer, x.shape, null, null, z.buffer, z.shape, null);
                    case REDUCE_LONG -> NATIVE.execReduceLong(null, opNum, x.buffer, x.shape, null, null, z.buffer, z.shape, null);
                    default -> throw new IllegalStateException("not a reduction: " + type);
                }
            } else {
                switch (type) {
                    case REDUCE_FLOAT -> NATIVE.execReduceFloat2(null, opNum, x.buffer, x.shape, null, null, z.buffer, z.shape,
                            null, dimensions.buffer, dimensions.shape, null);
                    case REDUCE_SAME -> NATIVE.execReduceSame2(null, opNum, x.buffer, x.shape, null, null, z.buffer, z.shape,
                            null, dimensions.buffer, dimensions.shape, null);
                    case REDUCE_BOOL -> NATIVE.execReduceBool2(null, opNum, x.buffer, x.shape, null, null, z.buffer, z.shape,
                            null, dimensions.buffer, dimensions.shape, null);
                    case REDUCE_LONG -> NATIVE.execReduceLong2(null, opNum, x.buffer, x.shape, null, null, z.buffer, z.shape,
                            null, dimensions.buffer, dimensions.shape, null);
                    default -> throw new IllegalStateException("not a reduction: " + type);
                }
            }
        }

        private int choose(BaseReduceOp op, INDArray xArray, INDArray zArray) {
            if (xArray.isEmpty() || (op.extraArgs() != null && op.extraArgs().length > 0)) {
                return 3;
            }
            int[] axes = org.nd4j.linalg.api.shape.Shape.normalizeAxis(xArray.rank(), op.dimensions().toIntVector());
            long[] reduced = org.nd4j.linalg.api.shape.Shape.reductionShape(xArray, axes, true, op.isKeepDims());
            long reducedLength = org.nd4j.common.util.ArrayUtil.prodLong(reduced);
            if (xArray.isVector() && xArray.length() == reducedLength && reducedLength > 1) {
                return 3;                                        // the executioner's no-op case
            }
            if (zArray.isScalar()) {
                return 1;
            }
            dimensions.of(op.dimensions());
            return 2;
        }
    }

    /** Legacy ops report failure only through the error code, as the executioner reads it. */
    private static void check(DifferentialFunction op) {
        if (NATIVE.lastErrorCode() != 0) {
            throw new IllegalStateException("op " + op.opName() + " failed in libnd4j: " + NATIVE.lastErrorMessage());
        }
    }
}
