package org.sdzoo.zoo.models.transformer;

/** Which {@code torch.nn} Transformer module a {@link TorchTransformerConfig} describes. */
public enum TorchModule {
    /** {@code nn.TransformerEncoderLayer}: parameters {@code self_attn.*}, {@code linear1.*}, … */
    ENCODER_LAYER("transformer-encoder-layer"),
    /** {@code nn.TransformerEncoder}: {@code layers.i.*} and an optional {@code norm.*}. */
    ENCODER("transformer-encoder"),
    /** {@code nn.Transformer}: {@code encoder.*}, {@code decoder.*}, both with a final norm. */
    TRANSFORMER("transformer");

    private final String architecture;

    TorchModule(String architecture) {
        this.architecture = architecture;
    }

    /** @return the architecture it is registered under */
    public String architecture() {
        return architecture;
    }
}
