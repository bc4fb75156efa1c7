package dev.bert4j.io;

import dev.bert4j.tensor.Tensor;

/**
 * A sentence-transformers {@code Dense} module: {@code act(linear(x))}, weight {@code (out, in)}.
 *
 * @param bias               null when the module has none
 * @param activationFunction the class name from its config, e.g. {@code torch.nn.modules.activation.Tanh}
 */
public record DenseModule(Tensor weight, Tensor bias, String activationFunction) {
}
