/* Stands in for OpenCV's own OpenBLAS (38 MB, with its libgfortran 41 MB) in the desktop bundle by
 * passing OpenCV's few BLAS/LAPACK calls on to numpy's OpenBLAS (scipy-openblas64), which the
 * bundle carries anyway.
 *
 * OpenCV links OpenBLAS for matrix products and solvers (cv::gemm, solve, invert, SVD, eigen,
 * QR) and uses 19 of its functions, with 32-bit integers (LP64). numpy's OpenBLAS has the same
 * functions with 64-bit integers (ILP64) under prefixed names (scipy_sgesv_64_ for sgesv_). Each
 * function here widens the integers, calls numpy's, and narrows the results back (info, pivots).
 * Characters go by pointer, with their hidden Fortran length 1 passed explicitly.
 * tests/packaging/test_unused_libraries.py checks the results against numpy's own. */
#include <stdint.h>
#include <stdlib.h>

typedef int64_t i64;

/* ---- BLAS: C interface, enums stay int, sizes become 64-bit */
#define GEMM(T, name, scalar)                                                                   \
    void scipy_cblas_##name##64_(int, int, int, i64, i64, i64, scalar, const T *, i64,           \
                                 const T *, i64, scalar, T *, i64);                               \
    void cblas_##name(int order, int ta, int tb, int m, int n, int k, scalar alpha, const T *a,  \
                      int lda, const T *b, int ldb, scalar beta, T *c, int ldc) {                 \
        scipy_cblas_##name##64_(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);    \
    }
GEMM(float, sgemm, float)
GEMM(double, dgemm, double)
GEMM(void, cgemm, const void *)
GEMM(void, zgemm, const void *)

/* ---- LAPACK: Fortran interface, everything by pointer */
/* Room for an integer array LAPACK fills (pivots, workspace), 64-bit wide. */
static i64 *wide_array(i64 count) { return malloc(sizeof(i64) * (size_t)(count > 0 ? count : 1)); }

static void narrow(int *values, const i64 *wide, i64 count) {
    for (i64 i = 0; i < count; i++)
        values[i] = (int)wide[i];
}

#define GESV(T, p)                                                                              \
    void scipy_##p##gesv_64_(const i64 *, const i64 *, T *, const i64 *, i64 *, T *, const i64 *, \
                             i64 *);                                                             \
    void p##gesv_(const int *n, const int *nrhs, T *a, const int *lda, int *ipiv, T *b,          \
                  const int *ldb, int *info) {                                                   \
        i64 n_ = *n, nrhs_ = *nrhs, lda_ = *lda, ldb_ = *ldb, info_ = 0;                         \
        i64 *ipiv_ = wide_array(n_);                                                            \
        if (!ipiv_) {                                                                            \
            *info = -1000;                                                                       \
            return;                                                                              \
        }                                                                                        \
        scipy_##p##gesv_64_(&n_, &nrhs_, a, &lda_, ipiv_, b, &ldb_, &info_);                     \
        narrow(ipiv, ipiv_, n_);                                                                 \
        free(ipiv_);                                                                             \
        *info = (int)info_;                                                                      \
    }
GESV(float, s)
GESV(double, d)

#define GETRF(T, p)                                                                             \
    void scipy_##p##getrf_64_(const i64 *, const i64 *, T *, const i64 *, i64 *, i64 *);         \
    void p##getrf_(const int *m, const int *n, T *a, const int *lda, int *ipiv, int *info) {     \
        i64 m_ = *m, n_ = *n, lda_ = *lda, info_ = 0, k = m_ < n_ ? m_ : n_;                     \
        i64 *ipiv_ = wide_array(k);                                                             \
        if (!ipiv_) {                                                                            \
            *info = -1000;                                                                       \
            return;                                                                              \
        }                                                                                        \
        scipy_##p##getrf_64_(&m_, &n_, a, &lda_, ipiv_, &info_);                                 \
        narrow(ipiv, ipiv_, k);                                                                  \
        free(ipiv_);                                                                             \
        *info = (int)info_;                                                                      \
    }
GETRF(float, s)
GETRF(double, d)

#define POSV(T, p)                                                                              \
    void scipy_##p##posv_64_(const char *, const i64 *, const i64 *, T *, const i64 *, T *,      \
                             const i64 *, i64 *, size_t);                                        \
    void p##posv_(const char *uplo, const int *n, const int *nrhs, T *a, const int *lda, T *b,   \
                  const int *ldb, int *info) {                                                   \
        i64 n_ = *n, nrhs_ = *nrhs, lda_ = *lda, ldb_ = *ldb, info_ = 0;                         \
        scipy_##p##posv_64_(uplo, &n_, &nrhs_, a, &lda_, b, &ldb_, &info_, 1);                   \
        *info = (int)info_;                                                                      \
    }
POSV(float, s)
POSV(double, d)

#define POTRF(T, p)                                                                             \
    void scipy_##p##potrf_64_(const char *, const i64 *, T *, const i64 *, i64 *, size_t);       \
    void p##potrf_(const char *uplo, const int *n, T *a, const int *lda, int *info) {            \
        i64 n_ = *n, lda_ = *lda, info_ = 0;                                                     \
        scipy_##p##potrf_64_(uplo, &n_, a, &lda_, &info_, 1);                                    \
        *info = (int)info_;                                                                      \
    }
POTRF(float, s)
POTRF(double, d)

#define GELS(T, p)                                                                              \
    void scipy_##p##gels_64_(const char *, const i64 *, const i64 *, const i64 *, T *,           \
                             const i64 *, T *, const i64 *, T *, const i64 *, i64 *, size_t);    \
    void p##gels_(const char *trans, const int *m, const int *n, const int *nrhs, T *a,          \
                  const int *lda, T *b, const int *ldb, T *work, const int *lwork, int *info) {  \
        i64 m_ = *m, n_ = *n, nrhs_ = *nrhs, lda_ = *lda, ldb_ = *ldb, lwork_ = *lwork;          \
        i64 info_ = 0;                                                                           \
        scipy_##p##gels_64_(trans, &m_, &n_, &nrhs_, a, &lda_, b, &ldb_, work, &lwork_, &info_, \
                            1);                                                                  \
        *info = (int)info_;                                                                      \
    }
GELS(float, s)
GELS(double, d)

#define GEQRF(T, p)                                                                             \
    void scipy_##p##geqrf_64_(const i64 *, const i64 *, T *, const i64 *, T *, T *, const i64 *, \
                              i64 *);                                                            \
    void p##geqrf_(const int *m, const int *n, T *a, const int *lda, T *tau, T *work,            \
                   const int *lwork, int *info) {                                                \
        i64 m_ = *m, n_ = *n, lda_ = *lda, lwork_ = *lwork, info_ = 0;                           \
        scipy_##p##geqrf_64_(&m_, &n_, a, &lda_, tau, work, &lwork_, &info_);                    \
        *info = (int)info_;                                                                      \
    }
GEQRF(float, s)
GEQRF(double, d)

#define GESDD(T, p)                                                                             \
    void scipy_##p##gesdd_64_(const char *, const i64 *, const i64 *, T *, const i64 *, T *,     \
                              T *, const i64 *, T *, const i64 *, T *, const i64 *, i64 *,       \
                              i64 *, size_t);                                                    \
    void p##gesdd_(const char *jobz, const int *m, const int *n, T *a, const int *lda, T *s,     \
                   T *u, const int *ldu, T *vt, const int *ldvt, T *work, const int *lwork,      \
                   int *iwork, int *info) {                                                      \
        i64 m_ = *m, n_ = *n, lda_ = *lda, ldu_ = *ldu, ldvt_ = *ldvt, lwork_ = *lwork;          \
        i64 info_ = 0, k = 8 * (m_ < n_ ? m_ : n_);                                              \
        i64 *iwork_ = wide_array(k);                                                            \
        if (!iwork_) {                                                                           \
            *info = -1000;                                                                       \
            return;                                                                              \
        }                                                                                        \
        scipy_##p##gesdd_64_(jobz, &m_, &n_, a, &lda_, s, u, &ldu_, vt, &ldvt_, work, &lwork_,  \
                             iwork_, &info_, 1);                                                 \
        narrow(iwork, iwork_, k);                                                                \
        free(iwork_);                                                                            \
        *info = (int)info_;                                                                      \
    }
GESDD(float, s)
GESDD(double, d)

void scipy_dgeev_64_(const char *, const char *, const i64 *, double *, const i64 *, double *,
                     double *, double *, const i64 *, double *, const i64 *, double *,
                     const i64 *, i64 *, size_t, size_t);
void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda,
            double *wr, double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr,
            double *work, const int *lwork, int *info) {
    i64 n_ = *n, lda_ = *lda, ldvl_ = *ldvl, ldvr_ = *ldvr, lwork_ = *lwork, info_ = 0;
    scipy_dgeev_64_(jobvl, jobvr, &n_, a, &lda_, wr, wi, vl, &ldvl_, vr, &ldvr_, work, &lwork_,
                    &info_, 1, 1);
    *info = (int)info_;
}
