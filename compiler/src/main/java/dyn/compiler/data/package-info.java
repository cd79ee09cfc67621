/**
 * Data files a dataset body loads ({@code load_csv}, {@code load_npy}, {@code load_idx}): each
 * format's reader says the matrix shape from the header (the checker needs it to type the body)
 * and reads the values (the runtime does, when the dataset is generated). Both sides share one
 * reader per format so they cannot disagree about a file.
 */
package dyn.compiler.data;
