/** Analysis of recorded curves: staircase (plateau and jump) detection on loss curves. */
package dyn.runtime.analysis;
