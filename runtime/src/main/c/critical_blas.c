/*
 * OpenBLAS products on Java arrays in place (dyn.runtime.backend.CriticalBlas).
 *
 * bytedeco's binding copies every double[] argument into native memory and back around each
 * call; for the large benchmark's products that is ~130 MB of copies per step. Here the arrays
 * are pinned with GetPrimitiveArrayCritical and handed to the same cblas_dgemm / cblas_dsyrk,
 * which bytedeco has already loaded: the same routine on the same numbers, without the copies.
 * Between Get and Release the code only calls BLAS (no JNI calls, no allocation), as a critical
 * region requires; the garbage collector waits for it to end.
 */
#include <dlfcn.h>
#include <jni.h>
#include <stddef.h>

enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112, UPPER = 121 };

typedef void (*dgemm_fn)(int, int, int, int, int, int, double, const double *, int,
                         const double *, int, double, double *, int);
typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *,
                         int, float, float *, int);
typedef void (*dsyrk_fn)(int, int, int, int, int, double, const double *, int, double, double *,
                         int);

static dgemm_fn dgemm;
static dsyrk_fn dsyrk;
static sgemm_fn sgemm;

/* Binds to cblas_dgemm and cblas_dsyrk through the library at path (bytedeco's JNI library,
 * whose dependencies include OpenBLAS: dlsym searches them too). */
JNIEXPORT jboolean JNICALL Java_dyn_runtime_backend_CriticalBlas_bind(JNIEnv *env, jclass cls,
                                                                     jstring path) {
  const char *p = (*env)->GetStringUTFChars(env, path, NULL);
  if (p == NULL) return JNI_FALSE;
  void *lib = dlopen(p, RTLD_NOW | RTLD_LOCAL);
  (*env)->ReleaseStringUTFChars(env, path, p);
  if (lib == NULL) return JNI_FALSE;
  dgemm = (dgemm_fn)dlsym(lib, "cblas_dgemm");
  dsyrk = (dsyrk_fn)dlsym(lib, "cblas_dsyrk");
  sgemm = (sgemm_fn)dlsym(lib, "cblas_sgemm");
  return dgemm != NULL && dsyrk != NULL && sgemm != NULL ? JNI_TRUE : JNI_FALSE;
}

/* c (m×n, ldc) = op(a) op(b) + beta·c, row-major; false if an array could not be pinned. */
JNIEXPORT jboolean JNICALL Java_dyn_runtime_backend_CriticalBlas_dgemm(
    JNIEnv *env, jclass cls, jboolean ta, jboolean tb, jint m, jint n, jint k, jdoubleArray a,
    jint lda, jdoubleArray b, jint ldb, jdouble beta, jdoubleArray c, jint ldc) {
  double *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  double *pb = pa == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, b, NULL);
  double *pc = pb == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, c, NULL);
  if (pc != NULL) {
    dgemm(ROW_MAJOR, ta ? TRANS : NO_TRANS, tb ? TRANS : NO_TRANS, m, n, k, 1.0, pa, lda, pb, ldb,
          beta, pc, ldc);
  }
  /* Release in reverse order; a and b were only read (JNI_ABORT: nothing to write back). */
  if (pc != NULL) (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
  if (pb != NULL) (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
  if (pa != NULL) (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
  return pc != NULL ? JNI_TRUE : JNI_FALSE;
}

/* As dgemm, in single precision, b never transposed (the float32 kernels' one form). */
JNIEXPORT jboolean JNICALL Java_dyn_runtime_backend_CriticalBlas_nativeSgemm(
    JNIEnv *env, jclass cls, jboolean ta, jint m, jint n, jint k, jfloatArray a, jint lda,
    jfloatArray b, jint ldb, jfloatArray c, jint ldc) {
  float *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  float *pb = pa == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, b, NULL);
  float *pc = pb == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, c, NULL);
  if (pc != NULL) {
    sgemm(ROW_MAJOR, ta ? TRANS : NO_TRANS, NO_TRANS, m, n, k, 1.0f, pa, lda, pb, ldb, 0.0f, pc,
          ldc);
  }
  if (pc != NULL) (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
  if (pb != NULL) (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
  if (pa != NULL) (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
  return pc != NULL ? JNI_TRUE : JNI_FALSE;
}

/* The upper triangle of c (m×m, ldc) = op(a) op(a)ᵀ, op(a) = aᵀ when trans; row-major. */
JNIEXPORT jboolean JNICALL Java_dyn_runtime_backend_CriticalBlas_dsyrk(
    JNIEnv *env, jclass cls, jboolean trans, jint m, jint k, jdoubleArray a, jint lda,
    jdoubleArray c, jint ldc) {
  double *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  double *pc = pa == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, c, NULL);
  if (pc != NULL) {
    dsyrk(ROW_MAJOR, UPPER, trans ? TRANS : NO_TRANS, m, k, 1.0, pa, lda, 0.0, pc, ldc);
  }
  if (pc != NULL) (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
  if (pa != NULL) (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
  return pc != NULL ? JNI_TRUE : JNI_FALSE;
}
