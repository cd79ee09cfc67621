package dyn.compiler.plan;

/**
 * What {@code report heatmap("k.svg", k)} draws: the Gram matrix K(x_i, x_j) of a kernel
 * prediction on its data's train inputs, one cell per pair (i, j), in linear colours (a kernel's
 * entries may be negative, and its diagonal and off-diagonal share a scale).
 *
 * @param name the prediction's name, for the caption
 * @param kernel the kernel, evaluated again by the report on {@code kernel.data()}'s inputs
 * @param title the figure's title; empty for the default
 */
public record KernelHeatmapSpec(String name, TheoryStep.Kernel kernel, String title) {}
