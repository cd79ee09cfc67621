/**
 * Stepwise self-supervised learning (science reference §5, Simon et al. 2023): the closed form of
 * linearised Barlow Twins from a small aligned init. Input: the eigenvalues γ_j of the positive-pair
 * correlation Γ, the embedding dimension and the init scale; output: each mode's eigenvalue of C
 * over time, the half-times and the integer loss staircase, for {@code compare … staircase}; and
 * the view correlation Γ of a paired dataset with its eigenmodes ({@link
 * dyn.runtime.ssl.ViewCorrelation}), which the prediction and the view-aligned init read.
 */
package dyn.runtime.ssl;
