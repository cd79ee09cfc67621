/**
 * Kernel theory: the infinite-width NNGP and NTK of fully connected networks (science wave2.md
 * §1), and the eigenframework risk of kernel ridge regression and of random-feature ridge
 * regression (reference.md §4.1–4.2). Inputs are plain arrays (kernel eigenvalues, layer
 * variances, input columns); outputs are numbers and matrices the executor turns into series.
 * Invalid inputs (negative eigenvalues, n = 0 where a solve needs samples) are refused by the
 * compiler before they get here; what remains is reported as an {@link
 * java.lang.IllegalArgumentException} naming the quantity.
 */
package dyn.runtime.kernel;
