package org.sdzoo.zoo.blocks.nn;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a block puts its parameters: a dotted path that is the PyTorch {@code state_dict} prefix,
 * so a parameter's SameDiff name is written once and is its PyTorch name
 * ({@code Scope.root(sd, seed, DOUBLE).child("encoder").child("layers").child(0)
 * .child("self_attn").child("out_proj").param("weight", w)} is
 * {@code encoder.layers.0.self_attn.out_proj.weight}).
 *
 * <p>Why not {@code sd.withNameScope}: SameDiff joins scopes with '/', PyTorch with '.', and a
 * name scope also renames every op output, so state_dict names would need translating at every
 * import and export. Parameters are therefore named here, with '.', and a {@code Scope} refuses
 * to create one while a SameDiff name scope is open (it would prefix the name with "scope/").
 * Intermediate op outputs keep SameDiff's automatic names.
 *
 * <p>Each parameter's initial values are drawn from its own generator, seeded by the model seed
 * and the parameter's full name ({@link #init}), so they do not depend on the order in which
 * blocks are built.
 *
 * @param sd       the graph
 * @param path     the dotted prefix, "" at the root
 * @param seed     the model seed
 * @param dataType the parameters' floating-point type
 */
public record Scope(SameDiff sd, String path, long seed, DataType dataType) {

    public Scope {
        Objects.requireNonNull(sd, "sd");
        Objects.requireNonNull(path, "path");
        if (dataType == null || !dataType.isFPType()) {
            throw new IllegalArgumentException("a scope's data type (" + dataType
                    + ") must be floating point: use DataType.FLOAT or DataType.DOUBLE");
        }
    }

    /** The root of a model: parameter names start without a prefix. */
    public static Scope root(SameDiff sd, long seed, DataType dataType) {
        return new Scope(sd, "", seed, dataType);
    }

    /** @return the scope of a sub-module, e.g. {@code child("self_attn")} */
    public Scope child(String name) {
        return new Scope(sd, name(name), seed, dataType);
    }

    /** @return the scope of an element of a {@code ModuleList}/{@code Sequential}, e.g. {@code layers.0} */
    public Scope child(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("a module index (" + index + ") must be >= 0, as in PyTorch's ModuleList");
        }
        return child(Integer.toString(index));
    }

    /** @return the full dotted name of {@code leaf} in this scope */
    public String name(String leaf) {
        if (leaf == null || leaf.isEmpty() || leaf.startsWith(".") || leaf.endsWith(".") || leaf.contains("/")) {
            throw new IllegalArgumentException("a scope name ('" + leaf + "') must be non-empty, without '/' and"
                    + " without a leading or trailing '.': use PyTorch's attribute name, e.g. 'out_proj'");
        }
        return path.isEmpty() ? leaf : path + "." + leaf;
    }

    /** @return a generator for the initial values of parameter {@code leaf}, seeded by (seed, full name) */
    public Init init(String leaf) {
        return Init.forParameter(seed, name(leaf));
    }

    /**
     * Creates a trainable variable named {@link #name name(leaf)} holding {@code value} cast to
     * this scope's data type.
     */
    public SDVariable param(String leaf, INDArray value) {
        String name = name(leaf);
        if (sd.currentNameScope() != null) {
            throw new IllegalStateException("parameter '" + name + "' is created inside SameDiff name scope '"
                    + sd.currentNameScope() + "', which would rename it: build blocks outside sd.withNameScope");
        }
        if (sd.hasVariable(name)) {
            throw new IllegalArgumentException("the graph already has a variable '" + name
                    + "': give each block its own scope (child(...))");
        }
        return sd.var(name, value.castTo(dataType));
    }
}
