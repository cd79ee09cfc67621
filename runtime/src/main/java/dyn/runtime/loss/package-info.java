/**
 * Training losses and the label checks and accuracy that go with them. Input: the model's
 * output f (c×n, row-major, samples as columns) and the dataset's labels; output: L, ∂L/∂f and
 * accuracy. Every training, whatever its dynamics or optimizer, evaluates its objective through
 * a {@link dyn.runtime.loss.LossFunction}; labels that do not fit a loss are reported by {@link
 * dyn.runtime.loss.Labels} before training starts.
 */
package dyn.runtime.loss;
